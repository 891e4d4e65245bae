"""PostgreSQL: every entry naming an actor carries the lexeme ``@<actor id>``.

A search naming an actor ("CSTO Russia", "Toqaev") matches every name and alias
of the actor in three languages: forty-odd lexemes whose GIN lookup was a third
of such a search's time at 10,000 pieces. ``SearchActor`` keeps each actor's
names as the query a search would build from them; the index trigger (migration
0021) adds ``@<actor>`` to the ``document`` and ``heads`` of each new or
rewritten entry that query matches, and ``refresh()`` marks the existing ones
when names change. A search then asks for the one lexeme, and finds exactly the
entries the names would (``tests/articles/search/test_actor_tokens.py``).

When an editor changes an actor's names, the actor's entries are re-marked by the
task worker (``refresh_actor_lexemes``), as mentions are recounted: it reads
every entry naming the actor. Until it has run the actor's stored names differ
from its names, and searches read the names themselves. SQLite needs none of
this (its FTS5 lookup of the names costs about a millisecond): every function
here does nothing there.
"""

import json
import threading

from django.db import connection, transaction

from ..models import SearchActor
from .postgres import loose_tsquery
from .query import Group


def _on_postgres():
    return connection.vendor == "postgresql"


def alternatives(group) -> list[str]:
    """The group's alternatives as stored and compared: its loose tsquery parts, sorted."""
    return sorted(loose_tsquery(group))


def token(actor_id) -> str:
    return f"@{actor_id}"


def wanted(names) -> dict[int, list[str]]:
    """{actor id: alternatives} of every actor a search can name, from ``names``
    (``articles.search.actor_names()``): the group a search makes of the actor's names."""
    out = {}
    for actor_id, keys in names.values():
        if actor_id not in out:
            group = Group(label="", alternatives=[], actor_id=actor_id)
            group.add(*keys)
            out[actor_id] = alternatives(group)
    return out


def marked() -> dict[int, list[str]]:
    """{actor id: alternatives} of the actors whose entries are all marked (one query)."""
    if not _on_postgres():
        return {}
    return dict(SearchActor.objects.filter(indexed=True).values_list("actor_id", "alternatives"))


def apply(parsed, marked_now) -> None:
    """Give each actor group of ``parsed`` its lexeme when the actor's entries are
    marked for exactly the names the group searches."""
    for group in parsed.groups:
        if group.actor_id and marked_now.get(group.actor_id) == alternatives(group):
            group.token = token(group.actor_id)


def _store(names) -> tuple[list[int], list[int]]:
    """Bring ``SearchActor`` in line with the actors' names. Returns (actors whose
    entries need marking, actors gone or nameless whose marks must go)."""
    want = wanted(names)
    stored = {row.actor_id: row for row in SearchActor.objects.all()}
    stale = []
    with connection.cursor() as cursor:
        for actor_id, alts in want.items():
            row = stored.get(actor_id)
            if row is not None and row.alternatives == alts:
                if not row.indexed:
                    stale.append(actor_id)
                continue
            # The tsquery is the one a search builds (articles_search_tsquery, migration 0017).
            cursor.execute(
                "INSERT INTO articles_searchactor (actor_id, alternatives, query, indexed) "
                "VALUES (%s, %s::jsonb, articles_search_tsquery(%s::text[])::text, false) "
                "ON CONFLICT (actor_id) DO UPDATE SET alternatives = EXCLUDED.alternatives, "
                "query = EXCLUDED.query, indexed = false",
                [actor_id, json.dumps(alts), alts],
            )
            stale.append(actor_id)
    gone = [actor_id for actor_id in stored if actor_id not in want]
    # No new entry is marked for them from here on (the trigger skips empty queries).
    SearchActor.objects.filter(actor_id__in=gone).update(query="", indexed=False)
    return stale, gone


# Entries re-marked per transaction: an editor's save of an article (which rewrites its
# entry) waits for at most one batch, not for every entry naming "Russia".
BATCH = 500


def _mark(actor_id, *, batch=BATCH) -> int:
    """Re-mark every entry for one actor: add the lexeme where its query matches, take
    it away elsewhere. Reads only the entries that have the lexeme or match (GIN), and
    rewrites them ``batch`` at a time, each batch its own transaction when the caller
    has none. Returns how many entries were read."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT query FROM articles_searchactor WHERE actor_id = %s", [actor_id])
        row = cursor.fetchone()
        query = row[0] if row else ""
        lexeme = token(actor_id)
        # Through the GIN index (articles_search_ids, migration 0019), never a sequential scan.
        found = "SELECT id FROM articles_search_ids(%s::tsquery)"
        sql, params = found, [f"'{lexeme}'"]
        if query:
            sql, params = f"{found} UNION {found}", [*params, query]
        cursor.execute(f"{sql} ORDER BY 1", params)
        ids = [row[0] for row in cursor.fetchall()]
    # Whether an entry matches is decided on the row as it is when rewritten: an entry
    # changed since it was found is marked by its text of now.
    has = "CASE WHEN {column} @@ %s::tsquery THEN %s::tsvector ELSE ''::tsvector END" if query else "''::tsvector"
    has_params = [query, f"'{lexeme}'"] if query else []
    for start in range(0, len(ids), batch):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE articles_searchentry SET "  # noqa: S608 - fixed column names; values are parameters
                f"document = ts_delete(document, %s) || {has.format(column='document')}, "
                f"heads = ts_delete(heads, %s) || {has.format(column='heads')} "
                "WHERE id = ANY(%s)",
                [lexeme, *has_params, lexeme, *has_params, ids[start : start + batch]],
            )
    return len(ids)


def refresh(*, rewritten=False, bump=True, batch=BATCH) -> int:
    """Mark the entries of every actor whose names changed (or are not marked yet);
    returns how many actors that was. ``rewritten``: every entry was just rewritten
    (``index.rebuild``), so the trigger has marked them all already. ``bump``: make the
    searches' kept names and marks stale (unless the caller's write does).

    The new queries are stored first (from then on the trigger marks new entries by
    them), then each actor's entries are re-marked in batches, and only then is the
    actor marked ``indexed``: until that last step searches read its names. Run by
    the task worker, outside any transaction; inside one (the loader), all of it is
    part of the caller's."""
    if not _on_postgres():
        return 0
    from .. import pagecache
    from ..models import SearchEntry
    from . import actor_names
    from .index import _settle

    with transaction.atomic():
        stale, gone = _store(actor_names())
    read = 0
    if not rewritten:
        for actor_id in [*stale, *gone]:
            read += _mark(actor_id, batch=batch)
    with transaction.atomic():
        if read:
            # Every re-marked entry went to the GIN index's pending list, which each
            # search reads in full until it is merged.
            _settle(SearchEntry)
        SearchActor.objects.filter(actor_id__in=stale).update(indexed=True)
        SearchActor.objects.filter(actor_id__in=gone).delete()
        if bump and (stale or gone):
            pagecache.bump()  # searches keep the marked actors until the next write
    return len(stale) + len(gone)


def prepare() -> None:
    """Before rewriting every entry: store the actors' current names, so the trigger
    marks each entry as it is written."""
    if _on_postgres():
        from . import actor_names

        _store(actor_names())


_state = threading.local()

# What an actor's own row gives its search names (aliases are rows of their own). Read
# before each save by ``articles.mentions.signals.remember_old_name``.
NAME_FIELDS = ("kind", "name_en", "name_ru", "name_kk")


def names_of(actor):
    return tuple(getattr(actor, field) for field in NAME_FIELDS)


def names_changed() -> None:
    """An actor or alias was saved or deleted: once the transaction commits, queue one
    re-marking for the task worker (the first commit callback queues it, the others of
    that request find nothing to do; a rolled-back write queues nothing)."""
    if not _on_postgres():
        return
    _state.dirty = True
    transaction.on_commit(_queue)


def _queue():
    if not getattr(_state, "dirty", False):
        return
    _state.dirty = False
    from .tasks import refresh_actor_lexemes

    refresh_actor_lexemes()
