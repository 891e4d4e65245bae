"""The site search index: one row per searchable thing, kept in sync on every write.

``SearchEntry`` holds the text of each article (with its round-up
contributions and bylines), claim, actor (with aliases), theme, event and
author, split into the fields ranking weighs differently (title > standfirst >
people > body). The database's own full-text index sits on top of this table:
an FTS5 virtual table on SQLite, a weighted, GIN-indexed ``tsvector`` column on
PostgreSQL (both created by migration 0005 and kept in step by triggers).
The Russian and Kazakh translations of the editorial layer have columns of
their own, so PostgreSQL stems each with its language's configuration
(migration 0014: ``russian`` for Russian, ``simple`` for Kazakh, which has no
stemmer; the English columns keep ``kzsearch``).
``SearchWord`` is the site's vocabulary, for typos, partial words and
"Did you mean". ``articles.search.index`` fills both from signals.
``SearchActor`` (PostgreSQL) holds each actor's names as the query that finds
them, so the index can mark every entry naming an actor with one lexeme
(``articles.search.actor_tokens``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    class Kind(models.TextChoices):
        ARTICLE = "article", _("Commentary")
        CLAIM = "claim", _("Claims")
        ACTOR = "actor", _("Actors")
        THEME = "theme", _("Themes")
        EVENT = "event", _("Events")
        AUTHOR = "author", _("Authors")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    key = models.PositiveBigIntegerField(help_text="Primary key of the indexed object.")
    title = models.TextField(blank=True)
    standfirst = models.TextField(blank=True)
    people = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # Joined forms of hyphenated words ("multi-vector" -> "multivector"), so either spelling matches.
    extra = models.TextField(blank=True)
    # The Russian and Kazakh text of a translated object (names, aliases, descriptions, statements...).
    text_ru = models.TextField(blank=True, default="")
    text_kk = models.TextField(blank=True, default="")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="unique_search_entry")]
        verbose_name_plural = "search entries"

    def __str__(self):
        return f"{self.kind} {self.key}: {self.title[:60]}"


class SearchWord(models.Model):
    word = models.CharField(max_length=100, unique=True)

    def __str__(self):
        return self.word


class SearchActor(models.Model):
    """An actor's names as a search matches them (PostgreSQL only; empty on SQLite).

    The index trigger (migration 0021) adds the lexeme ``@<actor>`` to every entry
    whose text matches ``query``, so a search naming the actor looks up one lexeme in
    the GIN index instead of every reading of every name and alias. ``indexed`` says
    every existing entry has been marked for this ``query``; until then searches read
    the names themselves. Kept by ``articles.search.actor_tokens``; no foreign key, so
    a deleted actor's lexemes can still be found and removed."""

    actor_id = models.PositiveBigIntegerField(primary_key=True)
    alternatives = models.JSONField(default=list, help_text="The tsquery alternatives of the actor's names.")
    query = models.TextField(blank=True, help_text="``alternatives`` read with every language's configuration.")
    indexed = models.BooleanField(default=False)

    def __str__(self):
        return f"actor {self.actor_id}"
