"""
The curated launch content (``articles/fixtures/launch/``).

``load_launch_content`` reads the dataset (themes, publications, authors,
actors with aliases and relations, timeline events, the five launch articles
with their contributions and reader comments, claims with citations) and
writes it in one transaction. ``make run`` calls it on every start through
``manage.py load_launch_content``, so it is quick and safe to repeat.

Policy: create what is missing, never overwrite
------------------------------------------------
Every object is identified by its slug (a relation by subject, kind and
object). The loader

* creates an object that does not exist yet, with everything that belongs to
  it: an actor's aliases; an article's authors, contributions, reader
  comments, themes, events, hand-added actors and ``[↗]`` source markers; a
  claim's subjects, themes and citations. A new article is published with
  ``live_from`` at midnight UTC of its publication date (the first of the
  month or year for month or year precision) and records the importer's
  fingerprint of its seed page (``source_hash``), so ``import_commentary``
  on that page later finds it instead of making a duplicate draft;
* leaves an object that already exists exactly as it is, including its
  relations. It compares the stored fields with the dataset only to report
  the object as *unchanged* (same as the dataset) or *edited* (different:
  an editor has changed it since it was loaded, or the dataset has changed
  since). The database has no record of what was loaded, so the two cannot
  be told apart; the editor's version always wins. A correction to the
  dataset therefore reaches existing sites only through the admin.

Loading twice changes nothing and creates no duplicates. An object an editor
deleted is created again on the next load: withdraw an article by archiving
it instead.

Articles are written only through ``articles.publishing``: a new article is
saved as a draft with ``save_article``, its parts are added, ``refresh_derived``
brings its mentions up to date, and ``publish_article`` publishes it with the
launch ``live_from``. Reader comments go through
``articles.comments.services.import_comment``. Actor mentions of the launch
articles that already existed are recounted too (a new actor or alias may
mention them), keeping editors' manual choices.

Errors
------
The files are read through the importer's guard for user-supplied files and
the dataset is checked as a whole before anything is written, by the schema
validator in ``articles.launch.dataset`` (TOML syntax, required fields,
unique slugs, every slug reference resolving *within the dataset*, choices,
partial dates, exactly one claimant and at least one citation per claim,
every citation quote within one paragraph of its article's text). Then each
new object is ``full_clean()``-ed before it is saved. Any problem raises
``LaunchDataError`` with one line naming the object, and the transaction is
rolled back: nothing is written.

With ``dry_run`` everything is done and validated, then rolled back; the
report says what would have been created.

Modules
-------
* ``dataset``: reading ``launch.toml`` and its body files, and the one schema
  validator of the dataset;
* ``loader``: ``load_launch_content``, the create-only loader behind
  ``manage.py load_launch_content``;
* ``fields``: the model field values of each dataset record, which the
  loader creates new objects with and compares existing ones against;
* ``report``: ``LoadReport``, what a load created, found unchanged or kept;
* ``provenance``: the checks that every paragraph, quote and fact traces to
  the seed pages, and ``audit``, which runs every check of the dataset.
"""

from .dataset import DEFAULT_PATH, SEEDS_DIR, LaunchDataError
from .loader import LoadReport, load_launch_content

__all__ = ["DEFAULT_PATH", "SEEDS_DIR", "LaunchDataError", "LoadReport", "load_launch_content"]
