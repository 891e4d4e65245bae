"""
Reverting an article's rows, not only its own fields: bylines, round-up
contributions, actors chosen by hand, citations, source markers and corrections
go back to how they stood at one of the article's versions.

*At a version* means: as the rows stood when the next version of the article was
saved (an admin save writes the article first and its rows after it, so the rows
of one save belong to the version that save made), or now for the newest version.

Rows are only changed where their history says for certain what they were:

* a row with a record at or before that time takes that record's values (or is
  removed, if the record is its deletion, or if its first record, later, is its
  creation);
* a row whose history starts later with anything but its creation, or that has no
  history at all (rows written in bulk: the importer's and the launch loader's
  source markers, an open-data restore), is **kept as it is** and named on the
  confirmation page: nothing says whether it existed then;
* actor rows detected in the text are derived (recounted on every save and written
  in bulk, without history): only editors' choices (added by hand, removed by an
  editor) are restored, and detection then runs on the restored text;
* a row that names an author, claim or actor deleted since cannot be restored and
  is named as such;
* rows of a kind the user may not add, change and delete (a Writer and corrections)
  are left as they are, as the change form would leave them.

``plan_revert`` works out the changes (a fixed number of queries: two per kind of
row, one for the next version) and ``revert_rows`` applies them in one transaction
and ends in ``publishing.refresh_derived``, the write path every article save ends
in: citations are found again in the restored text, actor mentions recounted.
Rows come from the site's own history, so they are not validated again (a
restored citation whose words the text no longer holds needs review, as after any
edit).
"""

import hashlib
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from actors.models import Actor

from . import publishing
from .models import (
    Article,
    ArticleActor,
    ArticleAuthor,
    Author,
    Citation,
    Claim,
    Contribution,
    Correction,
    SourceMarker,
)


@dataclass(frozen=True)
class Part:
    kind: object  # a translated label: "byline"
    model: type
    fields: tuple[str, ...]  # compared and restored
    extra: tuple[str, ...] = ()  # restored with the row, not compared (derived again on save)
    unique: tuple[str, ...] = ()  # fields in a unique constraint with the article
    refs: tuple[tuple[str, type], ...] = ()  # foreign keys that must still exist

    def label(self, name):
        return str(capfirst(self.model._meta.get_field(name).verbose_name))


# In the order they are restored: contributions before citations (a citation is
# found again in the body and contributions), citations last.
PARTS = [
    Part(
        _("contribution"),
        Contribution,
        ("author", "order", "heading", "body"),
        unique=("order",),
        refs=(("author", Author),),
    ),
    Part(_("byline"), ArticleAuthor, ("author", "order"), unique=("author",), refs=(("author", Author),)),
    Part(_("actor chosen by an editor"), ArticleActor, ("actor", "origin"), refs=(("actor", Actor),)),
    Part(_("source marker"), SourceMarker, ("order", "anchor", "context", "url")),
    Part(_("correction or update"), Correction, ("kind", "made_at", "text")),
    Part(
        _("citation"),
        Citation,
        ("claim", "quote", "stance", "note"),
        extra=("prefix", "suffix", "anchor"),
        refs=(("claim", Claim),),
    ),
]
EDITORS_CHOICES = (ArticleActor.Origin.MANUAL, ArticleActor.Origin.EXCLUDED)

RESTORE, CHANGE, REMOVE, KEEP, CANNOT, NOT_YOURS = "restore", "change", "remove", "keep", "cannot", "not-yours"
ACTION_LABELS = {
    RESTORE: _("restored (it was removed since)"),
    CHANGE: _("changed back"),
    REMOVE: _("removed (added since)"),
    KEEP: _("kept as it is: its history does not say what it was at that version"),
    CANNOT: _("cannot be restored: it names an author, claim or actor deleted since"),
    NOT_YOURS: _("left as it is: you may not add, change or delete these rows"),
}


@dataclass
class RowChange:
    part: Part
    action: str
    key: object  # the row's id (for editors' actor choices: the actor's id)
    article: object = None
    current: object = None  # the row as stored, if any
    target: dict | None = None  # {attname: value} at the version, if it existed
    fields: list = field(default_factory=list)  # names of the fields that change

    @property
    def kind(self):
        return self.part.kind

    @property
    def action_label(self):
        return ACTION_LABELS[self.action]

    @property
    def name(self):
        if self.current is not None:
            return str(self.current)
        try:
            return str(self.part.model(article=self.article, **self.target))
        except Exception:  # it names an author, claim or actor deleted since
            return f"#{self.key}"

    @property
    def deltas(self):
        """(field label, value now, value at the version) for each field that changes."""
        rows = []
        for name in self.fields:
            attname = self.part.model._meta.get_field(name).attname
            now = getattr(self.current, attname) if self.current is not None else ""
            then = (self.target or {}).get(attname, "")
            rows.append((self.part.label(name), _shown(self.part, name, now), _shown(self.part, name, then)))
        return rows


@dataclass
class RevertPlan:
    changes: list
    until: object  # the time rows are taken at (None: now)

    @property
    def writes(self):
        return [c for c in self.changes if c.action in (RESTORE, CHANGE, REMOVE)]

    @property
    def notes(self):
        return [c for c in self.changes if c.action in (KEEP, CANNOT, NOT_YOURS)]

    @property
    def digest(self) -> str:
        """A fingerprint of every change and the rows as stored: the confirmation
        page posts it back, so rows changed meanwhile are not overwritten unseen."""
        text = repr(
            [
                (
                    str(c.part.model._meta.label),
                    c.action,
                    c.key,
                    sorted((c.target or {}).items()),
                    sorted(_values(c.part, c.current).items()) if c.current is not None else None,
                )
                for c in self.changes
            ]
        )
        return hashlib.sha256(text.encode()).hexdigest()


def _attnames(part, names):
    return [part.model._meta.get_field(name).attname for name in names]


def _values(part, obj):
    return {attname: getattr(obj, attname) for attname in _attnames(part, part.fields + part.extra)}


def _shown(part, name, value):
    if value in (None, ""):
        return "—"
    model_field = part.model._meta.get_field(name)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if model_field.is_relation:
        related = model_field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else f"#{value}"
    return str(value)


def _next_version_date(article_pk, version):
    later = (
        Article.history.filter(id=article_pk, history_date__gt=version.history_date)
        .order_by("history_date", "history_id")
        .values_list("history_date", flat=True)
        .first()
    )
    return later


def _targets(part, article_pk, until):
    """{row id: values at ``until``, or None if it did not exist} for the rows whose
    history says so, and the set of row ids whose history does not say."""
    records = part.model.history.filter(article_id=article_pk).order_by("history_date", "history_id")
    by_row = {}
    for record in records:
        by_row.setdefault(record.id, []).append(record)
    known, unknown = {}, set()
    attnames = _attnames(part, part.fields + part.extra)
    for row_id, rows in by_row.items():
        before = [r for r in rows if until is None or r.history_date < until]
        if before:
            last = before[-1]
            known[row_id] = None if last.history_type == "-" else {a: getattr(last, a) for a in attnames}
        elif rows[0].history_type == "+":
            known[row_id] = None  # created after that version
        else:
            unknown.add(row_id)
    return known, unknown


def may_write(user, model) -> bool:
    """Whether ``user`` may add, change and delete ``model`` rows, as the change form's
    inline for them would let them (a Writer edits bylines and citations, not corrections)."""
    opts = model._meta
    return all(user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}") for action in ("add", "change", "delete"))


def plan_revert(*, article: Article, version, by=None) -> RevertPlan:
    """The row changes a revert of ``article`` to ``version`` (one of its historical
    records) makes for ``by`` (a user; None: the system), and the rows it leaves alone
    and why."""
    until = _next_version_date(article.pk, version)
    changes = []
    for part in PARTS:
        current = {row.pk: row for row in part.model.objects.filter(article=article).order_by("pk")}
        known, unknown = _targets(part, article.pk, until)
        unknown |= set(current) - set(known)  # stored rows with no history at all
        plan = _plan_actor_choices if part.model is ArticleActor else _plan_rows
        allowed = by is None or may_write(by, part.model)
        for change in plan(part, current, known, unknown):
            change.article = article
            if not allowed and change.action in (RESTORE, CHANGE, REMOVE):
                change.action = NOT_YOURS
            changes.append(change)
    _check_references(changes)
    return RevertPlan(changes=changes, until=until)


def _plan_rows(part, current, known, unknown):
    attnames = _attnames(part, part.fields)
    for key in sorted(set(current) | set(known), key=str):
        row, target = current.get(key), known.get(key)
        if key in unknown:
            if row is not None:
                yield RowChange(part, KEEP, key, current=row)
            continue
        if row is None and target is not None:
            yield RowChange(part, RESTORE, key, target=target, fields=list(part.fields))
        elif row is not None and target is None:
            yield RowChange(part, REMOVE, key, current=row, fields=list(part.fields))
        elif row is not None:
            differing = [
                name for name, a in zip(part.fields, attnames, strict=True) if getattr(row, a) != target[a]
            ]
            if differing:
                yield RowChange(part, CHANGE, key, current=row, target=target, fields=differing)


def _plan_actor_choices(part, current, known, unknown):
    """Editors' choices, by actor: what was added or removed by hand then, against now."""
    by_actor = {row.actor_id: row for row in current.values()}
    chosen_now = {row.actor_id: row for row in current.values() if row.origin in EDITORS_CHOICES}
    chosen_then = {
        t["actor_id"]: t for t in known.values() if t is not None and t["origin"] in EDITORS_CHOICES
    }
    for actor_id in sorted(set(chosen_now) | set(chosen_then)):
        row, target = by_actor.get(actor_id), chosen_then.get(actor_id)
        if target is None:
            if row.pk in unknown:
                yield RowChange(part, KEEP, actor_id, current=row)
            else:
                yield RowChange(part, REMOVE, actor_id, current=row, fields=["actor", "origin"])
        elif row is None:
            yield RowChange(part, RESTORE, actor_id, target=target, fields=["actor", "origin"])
        elif row.origin != target["origin"]:
            yield RowChange(part, CHANGE, actor_id, current=row, target=target, fields=["origin"])


def _check_references(changes):
    """Rows naming an author, claim or actor deleted since cannot come back (two or
    three queries: one per kind of reference)."""
    wanted = {}
    for change in changes:
        if change.action in (RESTORE, CHANGE):
            for name, model in change.part.refs:
                wanted.setdefault(model, set()).add(change.target[f"{name}_id"])
    existing = {
        model: set(model._default_manager.filter(pk__in=ids).values_list("pk", flat=True))
        for model, ids in wanted.items()
    }
    for change in changes:
        if change.action in (RESTORE, CHANGE) and any(
            change.target[f"{name}_id"] not in existing[model] for name, model in change.part.refs
        ):
            change.action = CANNOT


@transaction.atomic
def revert_rows(*, article: Article, plan: RevertPlan) -> tuple[list, list[Citation]]:
    """Apply ``plan`` to ``article`` (saved already with the version's own fields),
    then bring what is derived from the text up to date (``publishing.refresh_derived``).
    Returns the changes made, each with ``obj`` set to the row written or removed,
    and the citations that need review."""
    done = []
    for part in PARTS:
        changes = [c for c in plan.writes if c.part is part]
        # Removals, and changes to a field unique within the article (two contributions
        # swapping places), go first, so no two rows hold the same place on the way.
        renumbered = [c for c in changes if c.action == CHANGE and set(c.fields) & set(part.unique)]
        for change in changes:
            if change.action == REMOVE or change in renumbered:
                change.obj = change.current
                change.removed_repr, change.removed_pk = str(change.current), change.current.pk
                change.current.delete()  # its id is gone from the object now: ``key`` keeps it
                if change.action == REMOVE:
                    done.append(change)
        for change in changes:
            if change.action == CHANGE and change not in renumbered:
                for attname, value in change.target.items():
                    setattr(change.current, attname, value)
                change.current.save()
                change.obj = change.current
                done.append(change)
        for change in changes:
            if change.action == RESTORE or change in renumbered:
                change.obj = _recreate(part, article, change)
                done.append(change)
        if part.model is Contribution:
            article.forget_text()
    needing_review = publishing.refresh_derived(article=article)
    return done, needing_review


def _recreate(part, article, change):
    """The row again, under its old id when that is free (its history stays one line)."""
    pk = None if part.model is ArticleActor else change.key
    if pk is not None and part.model._default_manager.filter(pk=pk).exists():
        pk = None
    if part.model is ArticleActor and pk is None:
        # An actor row is keyed by its actor: one detected since may hold the place.
        part.model._default_manager.filter(article=article, actor_id=change.key).delete()
    row = part.model(pk=pk, article=article, **change.target)
    row.save(force_insert=True)
    return row
