"""
The admin's audit trail, shared by both apps (``actors`` may import it; it imports
neither app).

* ``log_changes``: one admin ``LogEntry`` per object naming the fields a write
  changed, for writes the admin does not log itself (bulk actions, merges).
* ``EditorialHistoryAdmin``: django-simple-history's admin with diffs shown in
  full (not cut at 100 characters), and reverts that log the fields they really
  changed (compared with the stored object, not with the version reverted to,
  which logged "No fields changed") and never move the fields named in
  ``revert_guarded_fields`` (status, schedule) unless the editor confirms it on
  the revert page.
* ``register_history``: the history of a model with translated columns
  (django-modeltranslation), registered once those columns exist so every
  version records every language.
"""

import datetime

import simple_history
from django import forms
from django.contrib import messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modeltranslation.fields import TranslationField
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import HistoricalRecords, transform_field
from simple_history.template_utils import HistoricalRecordContextHelper


def field_label(model, name):
    try:
        return str(capfirst(model._meta.get_field(name).verbose_name))
    except Exception:  # a property or an annotation
        return name


def snapshot(obj, names=None):
    """The concrete field values of ``obj`` (``attname``: foreign keys by id)."""
    fields = [f for f in obj._meta.concrete_fields if names is None or f.name in names]
    return {f.name: getattr(obj, f.attname) for f in fields}


def changed_fields(before: dict, obj) -> list[str]:
    """Names of the fields whose value differs between ``before`` (a ``snapshot``) and ``obj``."""
    after = snapshot(obj, before.keys())
    return [name for name, value in before.items() if after.get(name) != value]


def log_changes(*, user, changes, skip_unchanged: bool = True) -> int:
    """Write one CHANGE ``LogEntry`` per object: ``changes`` is an iterable of
    (object, [changed field names]). Objects with no changed field are skipped
    unless ``skip_unchanged`` is false (the write still happened: "No fields changed").
    Returns the number of entries written."""
    entries = []
    for obj, names in changes:
        if not names and skip_unchanged:
            continue
        change = [{"changed": {"fields": [field_label(type(obj), name) for name in names]}}] if names else []
        entries.append(
            LogEntry(
                user_id=user.pk,
                content_type_id=ContentType.objects.get_for_model(type(obj), for_concrete_model=False).pk,
                object_id=str(obj.pk),
                object_repr=str(obj)[:200],
                action_flag=CHANGE,
                change_message=change,
            )
        )
    LogEntry.objects.bulk_create(entries)
    return len(entries)


def log_note(*, user, obj, text: str, action_flag=CHANGE) -> LogEntry:
    """One ``LogEntry`` for ``obj`` with a sentence of its own (merges, deletions of
    something else on its behalf)."""
    return LogEntry.objects.create(
        user_id=user.pk,
        content_type_id=ContentType.objects.get_for_model(type(obj), for_concrete_model=False).pk,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        action_flag=action_flag,
        change_message=str(text),
    )


class HistoryOfEveryLanguage(HistoricalRecords):
    """A history whose per-language columns (``name_en``, ``name_ru`` ...) are plain
    columns. simple-history copies a model's fields as they are, and a translation
    field describes itself as its original (``unique=True`` included, which a history
    table cannot have: it holds many versions of one row)."""

    def copy_fields(self, model):
        fields = super().copy_fields(model)
        for name, field in fields.items():
            if isinstance(field, TranslationField):
                plain = field.clone()
                plain.set_attributes_from_name(name)
                transform_field(plain)
                fields[name] = plain
        return fields


def register_history(model, **options):
    """Record ``model``'s history in every language: call it after the model's
    ``TranslationOptions`` are registered (its ``translation.py``), when the
    per-language columns exist; a ``HistoricalRecords`` on the model itself is built
    before them and would record the English column only."""
    simple_history.register(model, records_class=HistoryOfEveryLanguage, **options)


class FullDiffContextHelper(HistoricalRecordContextHelper):
    """Show every change in full: editors compare whole paragraphs."""

    def __init__(self, model, historical_record, **kwargs):
        kwargs["max_displayed_delta_change_chars"] = 1_000_000
        super().__init__(model, historical_record, **kwargs)


class EditorialHistoryAdmin(SimpleHistoryAdmin):
    revert_guarded_fields: list[str] = []

    def get_historical_record_context_helper(self, request, historical_record):
        return FullDiffContextHelper(self.model, historical_record)

    # -- reverts ----------------------------------------------------------------

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        stored = self.model._default_manager.filter(pk=object_id).first()
        request.kz_reverting = True
        request.kz_revert_stored = stored
        request.kz_revert_before = snapshot(stored) if stored is not None else None
        extra_context = dict(extra_context or {})
        if stored is not None and self.revert_guarded_fields:
            version = self.model.history.filter(
                **{self.model._meta.pk.attname: object_id}, history_id=version_id
            ).first()
            differing = [
                name for name in self.revert_guarded_fields
                if version is not None and getattr(version, name) != getattr(stored, name)
            ]
            if differing and request.method == "GET":
                messages.warning(
                    request,
                    _(
                        "This version differs from the current one in: %(fields)s. Reverting restores its "
                        "content only; those stay as they are now unless you change them below and confirm."
                    )
                    % {"fields": ", ".join(field_label(self.model, name) for name in differing)},
                )
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if getattr(request, "kz_reverting", False) and self.revert_guarded_fields:
            fieldsets = [*fieldsets, (_("Revert"), {"fields": ["confirm_workflow_change"]})]
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        if getattr(request, "kz_reverting", False) and self.revert_guarded_fields:
            kwargs["form"] = _revert_form(self.form, self.model, self.revert_guarded_fields, request.kz_revert_stored)
        return super().get_form(request, obj, change=change, **kwargs)

    def construct_change_message(self, request, form, formsets, add=False):
        before = getattr(request, "kz_revert_before", None)
        if before is None:
            return super().construct_change_message(request, form, formsets, add)
        names = changed_fields(before, form.instance)
        names = [n for n in names if n not in ("updated_at",)]
        return [{"changed": {"fields": [field_label(self.model, name) for name in names]}}] if names else []

    def response_change(self, request, obj):
        before = getattr(request, "kz_revert_before", None)
        if before is not None:
            names = [n for n in changed_fields(before, obj) if n != "updated_at"]
            self.message_user(
                request,
                _("Reverted. Fields changed: %(fields)s.")
                % {"fields": ", ".join(field_label(self.model, n) for n in names) or _("none")},
                messages.SUCCESS,
            )
        return super().response_change(request, obj)


def _revert_form(base, model, guarded, stored):
    """The revert form: the guarded fields start at their *current* values, and a
    change to them needs the confirmation box ticked (the confirmation page is the
    form shown again with the reason)."""

    class RevertForm(base):
        confirm_workflow_change = forms.BooleanField(
            required=False,
            label=_("Also change status or schedule"),
            help_text=_("Tick to confirm that this revert also changes the fields named above."),
        )

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if stored is not None:
                for name in guarded:
                    if name in self.fields:
                        self.initial[name] = getattr(stored, name)

        def clean(self):
            cleaned = super().clean()
            if stored is None:
                return cleaned
            moved = []
            for name in guarded:
                if name not in self.fields or name not in cleaned:
                    continue
                if _same(cleaned[name], getattr(stored, name)):
                    cleaned[name] = getattr(stored, name)  # not even the microseconds the form cannot show
                else:
                    moved.append(name)
            if cleaned.get("confirm_workflow_change"):
                return cleaned
            if moved:
                raise ValidationError(
                    _(
                        "This revert would change %(fields)s (now %(now)s). Readers would notice: confirm it "
                        "with the box at the bottom, or set them back."
                    )
                    % {
                        "fields": ", ".join(field_label(model, n) for n in moved),
                        "now": ", ".join(str(_display(stored, n)) for n in moved),
                    }
                )
            return cleaned

    RevertForm.__name__ = f"Revert{model.__name__}Form"
    return RevertForm


def _same(a, b):
    if isinstance(a, datetime.datetime) and isinstance(b, datetime.datetime):
        return a.replace(microsecond=0) == b.replace(microsecond=0)
    return a == b


def _display(obj, name):
    getter = getattr(obj, f"get_{name}_display", None)
    value = getter() if getter else getattr(obj, name)
    return value if value not in (None, "") else "—"
