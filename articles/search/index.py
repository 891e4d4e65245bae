"""Keeping the search index (``SearchEntry``, ``SearchWord``) in step with the content.

Every save or delete of an article, contribution, byline, claim, actor, alias,
theme, event or author rewrites the entries it shows up in (signals connected
in ``ArticlesConfig.ready``); the database triggers created by migration 0003
then update the FTS5 table (SQLite) or the ``tsvector`` column (PostgreSQL).
``QuerySet.update()`` and raw SQL bypass signals: run ``manage.py
rebuild_search_index`` after such bulk changes.

Builders take model classes as arguments so the migration can run them on
historical models.
"""

import contextlib
import re
import threading

from django.db.models.signals import m2m_changed, post_delete, post_save

from .query import fold

_HYPHENATED_RE = re.compile(r"\w+(?:[-‐‑–]\w+)+", re.UNICODE)
_WORD_RE = re.compile(r"[^\W\d_]{3,40}", re.UNICODE)


def _joined_forms(*texts):
    """"multi-vector" -> "multivector": so a reader who writes it either way finds it."""
    forms = {re.sub(r"[-‐‑–]", "", m) for text in texts for m in _HYPHENATED_RE.findall(text or "")}
    return " ".join(sorted(forms))


# An entry's id encodes its kind and key (id = key * 8 + code), so the full-text
# index alone says what a hit is, without reading the (large) entry rows.
CODES = {"article": 0, "claim": 1, "actor": 2, "theme": 3, "event": 4, "author": 5}


def _en(obj, field):
    """The English text of ``field`` (the ``_en`` column where the model is translated;
    historical models in migrations have only the field itself)."""
    return getattr(obj, f"{field}_en", None) or getattr(obj, field)


TRANSLATED_LANGUAGES = ("ru", "kk")


def _translations(*objects_and_fields):
    """{language: text} of the Russian and Kazakh columns of ``(obj, fields)`` pairs
    (articles/translation.py, actors/translation.py), so a Cyrillic query finds the
    object whatever language it is read in. Each language has its own column: PostgreSQL
    stems it with that language's configuration."""
    texts = {}
    for language in TRANSLATED_LANGUAGES:
        values = []
        for obj, fields in objects_and_fields:
            for field in fields:
                value = getattr(obj, f"{field}_{language}", None)
                if value and value not in values:
                    values.append(value)
        texts[language] = "\n".join(values)
    return texts


def _entry(kind, key, *, title="", standfirst="", people="", body="", translated=None):
    translated = translated or {}
    return {
        "id": key * 8 + CODES[kind],
        "kind": kind,
        "key": key,
        "title": title or "",
        "standfirst": standfirst or "",
        "people": people or "",
        "body": body or "",
        "extra": _joined_forms(title, standfirst, people, body),
        **{f"text_{language}": translated.get(language, "") for language in TRANSLATED_LANGUAGES},
    }


def article_entry(article):
    contributions = sorted(article.contributions.all(), key=lambda c: c.order)
    names = [credit.author.name for credit in sorted(article.article_authors.all(), key=lambda c: c.order)]
    names += [c.author.name for c in contributions if c.author.name not in names]
    body = "\n\n".join([article.body, *(f"{c.heading}\n\n{c.body}" for c in contributions)])
    return _entry("article", article.pk, title=article.title, standfirst=article.standfirst,
                  people=", ".join(names), body=body)


def claim_entry(claim):
    claimant = claim.claimant_actor or claim.claimant_author
    return _entry("claim", claim.pk, title=_en(claim, "statement"),
                  people=_en(claimant, "name") if claimant else "", body=_en(claim, "rationale"),
                  translated=_translations((claim, ("statement", "rationale"))))


def actor_entry(actor):
    aliases = ", ".join(_en(alias, "name") for alias in actor.aliases.all())
    translated = _translations((actor, ("name", "role", "description")),
                               *((alias, ("name",)) for alias in actor.aliases.all()))
    return _entry("actor", actor.pk, title=_en(actor, "name"), standfirst=aliases,
                  people=_en(actor, "role"), body=_en(actor, "description"),
                  translated=translated)


def theme_entry(theme):
    return _entry("theme", theme.pk, title=_en(theme, "name"), body=_en(theme, "description"),
                  translated=_translations((theme, ("name", "description"))))


def event_entry(event):
    return _entry("event", event.pk, title=_en(event, "title"), body=_en(event, "description"),
                  translated=_translations((event, ("title", "description"))))


def author_entry(author):
    return _entry("author", author.pk, title=author.name, standfirst=author.affiliation, body=author.bio)


def _models(apps=None):
    if apps is None:
        from django.apps import apps
    get = apps.get_model
    return {
        "article": (get("articles", "Article"), article_entry,
                    lambda m: m.objects.prefetch_related("article_authors__author", "contributions__author")),
        "claim": (get("articles", "Claim"), claim_entry,
                  lambda m: m.objects.select_related("claimant_actor", "claimant_author")),
        "actor": (get("actors", "Actor"), actor_entry, lambda m: m.objects.prefetch_related("aliases")),
        "theme": (get("articles", "Theme"), theme_entry, lambda m: m.objects.all()),
        "event": (get("articles", "Event"), event_entry, lambda m: m.objects.all()),
        "author": (get("articles", "Author"), author_entry, lambda m: m.objects.all()),
    }


def _store(rows, apps=None):
    """Replace the entries for ``rows`` and add their words to the vocabulary."""
    if apps is None:
        from django.apps import apps
    SearchEntry = apps.get_model("articles", "SearchEntry")
    SearchWord = apps.get_model("articles", "SearchWord")
    by_kind = {}
    for row in rows:
        by_kind.setdefault(row["kind"], []).append(row["key"])
    for kind, keys in by_kind.items():
        # Delete then insert (not update): the triggers then see exactly one new row.
        SearchEntry.objects.filter(kind=kind, key__in=keys).delete()
    # Migrations older than the per-language columns build entries with this code too.
    columns = {f.name for f in SearchEntry._meta.concrete_fields}
    SearchEntry.objects.bulk_create([SearchEntry(**{k: v for k, v in row.items() if k in columns}) for row in rows])
    words = set()
    for row in rows:
        for column in ("title", "standfirst", "people", "body", "extra", "text_ru", "text_kk"):
            words.update(_WORD_RE.findall(fold(row[column])))
    SearchWord.objects.bulk_create([SearchWord(word=w) for w in sorted(words)], ignore_conflicts=True, batch_size=500)


def reindex(kind, keys, apps=None):
    """Rewrite the entries of ``kind`` for primary keys ``keys`` (deleted ones are dropped)."""
    keys = {k for k in keys if k is not None}
    if not keys:
        return
    model, build, queryset = _models(apps)[kind]
    if apps is None:
        from django.apps import apps as registry
    SearchEntry = (apps or registry).get_model("articles", "SearchEntry")
    objects = list(queryset(model).filter(pk__in=keys))
    SearchEntry.objects.filter(kind=kind, key__in=keys - {o.pk for o in objects}).delete()
    _store([build(o) for o in objects], apps)


def rebuild(apps=None, batch=500):
    """Rebuild the whole index; returns {kind: entries}."""
    if apps is None:
        from django.apps import apps as registry
    SearchEntry = (apps or registry).get_model("articles", "SearchEntry")
    if apps is None:
        from . import actor_tokens

        actor_tokens.prepare()  # the trigger marks each entry naming an actor as it is written
    SearchEntry.objects.all().delete()
    counts = {}
    for kind, (model, build, queryset) in _models(apps).items():
        counts[kind] = 0
        objects = queryset(model).order_by("pk")
        last = 0
        while True:
            chunk = list(objects.filter(pk__gt=last)[:batch])
            if not chunk:
                break
            _store([build(o) for o in chunk], apps)
            counts[kind] += len(chunk)
            last = chunk[-1].pk
    if apps is None:
        actor_tokens.refresh(rewritten=True)
    _settle(SearchEntry)
    return counts


def _settle(SearchEntry):
    """After a bulk rewrite on PostgreSQL: move the GIN indexes' pending lists (every entry
    just written, which each search would scan in full until autovacuum merges it) into
    the index, and refresh the planner's statistics, which described the old rows (or
    none, on a new database) and made it read every document instead of using the index.

    SQLite keeps no statistics until ANALYZE runs: without them it guessed that
    ``status = 'published'`` picks out few articles and loaded a search's ten results by
    reading every published article through that index instead of by primary key."""
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        return
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        # Every GIN index the table has at this point (migrations rebuild before 0017 adds one).
        cursor.execute(
            "SELECT gin_clean_pending_list(c.oid::regclass) FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam "
            "WHERE i.indrelid = %s::regclass AND a.amname = 'gin'",
            [SearchEntry._meta.db_table],
        )
        cursor.execute(f"ANALYZE {SearchEntry._meta.db_table}")  # noqa: S608 - a model's table name
        cursor.execute("ANALYZE articles_searchword")


# --------------------------------------------------------------------------
# Signals
# --------------------------------------------------------------------------


_batch = threading.local()


@contextlib.contextmanager
def batched():
    """Collect the reindexing that saves inside the block ask for and do it once per
    object at the end, still inside the caller's transaction. For bulk writers (the
    launch loader saves each article, its bylines, citations and translations in turn,
    and reindexed an article once per save: a third of the load's time)."""
    if getattr(_batch, "pending", None) is not None:
        yield  # nested: the outermost block reindexes
        return
    _batch.pending = {}
    try:
        yield
        pending = _batch.pending
    finally:
        _batch.pending = None
    for kind, keys in pending.items():
        reindex(kind, keys)
    if "actor" in pending:
        # Bulk writers (the launch loader) leave the index whole: a search finds each
        # actor by its lexeme as soon as they commit. (Their own generation bump covers it.)
        from . import actor_tokens

        actor_tokens.refresh(bump=False)


def _later(kind, keys):
    """Reindex now, inside the writer's transaction: if it rolls back, so does the index.
    (An admin save writes the article, then its inlines; each write reindexes the article.)
    Inside ``batched()``, once at the end of the block."""
    pending = getattr(_batch, "pending", None)
    if pending is not None:
        pending.setdefault(kind, set()).update(k for k in keys if k is not None)
        return
    reindex(kind, set(keys))


def _connect():
    from actors.models import Actor, ActorAlias
    from articles.models import Article, ArticleAuthor, Author, Claim, Contribution, Event, Theme

    def on(model, handler, uid):
        # Not for raw saves (loaddata writes rows as dumped): a dump carries the index rows
        # too, and indexing each object as it arrives collided with them (UNIQUE word).
        post_save.connect(lambda sender, instance, raw=False, **kw: None if raw else handler(instance), sender=model,
                          weak=False, dispatch_uid=f"search-save-{uid}")
        post_delete.connect(lambda sender, instance, **kw: handler(instance), sender=model,
                            weak=False, dispatch_uid=f"search-delete-{uid}")

    on(Article, lambda a: _later("article", [a.pk]), "article")
    on(Contribution, lambda c: _later("article", [c.article_id]), "contribution")
    on(ArticleAuthor, lambda c: _later("article", [c.article_id]), "article-author")
    on(Claim, lambda c: _later("claim", [c.pk]), "claim")
    from . import actor_tokens

    def alias_changed(alias):
        _later("actor", [alias.actor_id])
        actor_tokens.names_changed()

    on(ActorAlias, alias_changed, "alias")
    on(Theme, lambda t: _later("theme", [t.pk]), "theme")
    on(Event, lambda e: _later("event", [e.pk]), "event")

    def author_changed(author):
        # An author's name is on their articles' bylines and claims.
        _later("author", [author.pk])
        _later("article", ArticleAuthor.objects.filter(author_id=author.pk).values_list("article_id", flat=True))
        _later("article", Contribution.objects.filter(author_id=author.pk).values_list("article_id", flat=True))
        _later("claim", Claim.objects.filter(claimant_author_id=author.pk).values_list("pk", flat=True))

    def actor_renamed(actor):
        _later("actor", [actor.pk])
        _later("claim", Claim.objects.filter(claimant_actor_id=actor.pk).values_list("pk", flat=True))
        # Its names before the save (articles.mentions.signals): none when created.
        if getattr(actor, "_names_before_save", None) != actor_tokens.names_of(actor):
            actor_tokens.names_changed()

    post_delete.connect(lambda sender, **kw: actor_tokens.names_changed(), sender=Actor, weak=False,
                        dispatch_uid="search-actor-deleted")

    on(Author, author_changed, "author")
    on(Actor, actor_renamed, "actor")

    def through_changed(sender, instance, action, **kwargs):
        # Byline changes made through article.authors.add()/set().
        if action.startswith("post_") and isinstance(instance, Article):
            _later("article", [instance.pk])

    m2m_changed.connect(through_changed, sender=Article.authors.through, weak=False, dispatch_uid="search-bylines")
