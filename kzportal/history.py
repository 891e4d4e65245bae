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
  the revert page. Whether a user may revert is decided by the object as stored,
  not by the old version (a Writer may not revert a published piece to a version
  from when it was a draft). An admin whose objects have rows of their own
  (articles) returns a ``revert_plan``: the revert page lists the row changes and
  posts back their fingerprint, so rows changed meanwhile are never overwritten
  unseen. A missing or malformed object id or version id answers with a message
  and a redirect (Django's "doesn't exist" for the object, the history page for a
  version), never a 500.
"""

import datetime
import json

from django import forms
from django.contrib import messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import router, transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
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
                # JSON, as the admin writes it: get_change_message() reads it back as a sentence.
                change_message=json.dumps(change),
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


class FullDiffContextHelper(HistoricalRecordContextHelper):
    """Show every change in full: editors compare whole paragraphs."""

    def __init__(self, model, historical_record, **kwargs):
        kwargs["max_displayed_delta_change_chars"] = 1_000_000
        super().__init__(model, historical_record, **kwargs)


class EditorialHistoryAdmin(SimpleHistoryAdmin):
    revert_guarded_fields: list[str] = []

    def get_historical_record_context_helper(self, request, historical_record):
        return FullDiffContextHelper(self.model, historical_record)

    # Whether a revert may bring back a deleted object (simple-history saves the old
    # version again). Off where a save needs the stored row (articles: the workflow).
    revert_restores_deleted = True

    # -- missing objects and versions: a message and a redirect, never a 500 ---------

    def _pk_or_none(self, object_id):
        try:
            return self.model._meta.pk.to_python(unquote(object_id))
        except (ValidationError, ValueError, TypeError):
            return None

    def _version_or_none(self, pk, version_id):
        history = self.model.history
        try:
            version_pk = history.model._meta.pk.to_python(version_id)
        except (ValidationError, ValueError, TypeError):
            return None
        if version_pk is None:
            return None
        return history.filter(**{self.model._meta.pk.attname: pk}, pk=version_pk).first()

    def _known(self, pk):
        """Whether ``pk`` names an object that exists or once existed (has history)."""
        return pk is not None and (
            self.model._default_manager.filter(pk=pk).exists()
            or self.model.history.filter(**{self.model._meta.pk.attname: pk}).exists()
        )

    def history_view(self, request, object_id, extra_context=None):
        if not self._known(self._pk_or_none(object_id)):
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        return super().history_view(request, object_id, extra_context)

    # -- reverts ----------------------------------------------------------------

    def revert_disabled(self, request, obj=None):
        # On a revert page ``obj`` is the old version: whether this user may change the
        # object is decided by the object as stored (a Writer may not revert a published
        # piece to a version from when it was a draft).
        if getattr(request, "kz_reverting", False):
            obj = request.kz_revert_stored
            if obj is None and not self.revert_restores_deleted:
                return True
        return super().revert_disabled(request, obj)

    def revert_plan(self, request, stored, version):
        """What else a revert to ``version`` changes beyond the object's own fields (an
        object with rows of its own restores them too): an object with ``digest`` (a
        fingerprint of the changes, checked on confirmation) and whatever the revert page
        shows, or None."""
        return None

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        pk = self._pk_or_none(object_id)
        if not self._known(pk):
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        version = self._version_or_none(pk, version_id)
        if version is None:
            messages.warning(
                request,
                _("There is no version “%(version)s” of this %(name)s: choose one from its history.")
                % {"version": version_id, "name": self.model._meta.verbose_name},
            )
            opts = self.model._meta
            return HttpResponseRedirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[object_id],
                        current_app=self.admin_site.name)
            )
        stored = self.model._default_manager.filter(pk=pk).first()
        request.kz_reverting = True
        request.kz_revert_stored = stored
        request.kz_revert_before = snapshot(stored) if stored is not None else None
        if request.method == "POST" and self.revert_disabled(request):
            raise PermissionDenied
        plan = self.revert_plan(request, stored, version) if stored is not None else None
        request.kz_revert_plan = plan
        extra_context = {**(extra_context or {}), "revert_plan": plan}
        if stored is not None and self.revert_guarded_fields:
            differing = [
                name for name in self.revert_guarded_fields if getattr(version, name) != getattr(stored, name)
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
        # The object, its rows and the log entries are written together or not at all.
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if getattr(request, "kz_reverting", False) and self.revert_guarded_fields:
            fieldsets = [*fieldsets, (_("Revert"), {"fields": ["confirm_workflow_change"]})]
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        if getattr(request, "kz_reverting", False) and (
            self.revert_guarded_fields or getattr(request, "kz_revert_plan", None) is not None
        ):
            kwargs["form"] = _revert_form(
                self.form, self.model, self.revert_guarded_fields, request.kz_revert_stored, request.kz_revert_plan
            )
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


def _revert_form(base, model, guarded, stored, plan=None):
    """The revert form: the guarded fields start at their *current* values, and a
    change to them needs the confirmation box ticked (the confirmation page is the
    form shown again with the reason). With a ``plan`` (rows the revert restores), the
    page lists them and posts back their fingerprint: if the rows changed since the
    page was shown, the revert is refused and the new list shown."""

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
            if plan is not None and self.data.get("revert_plan_digest") != plan.digest:
                raise ValidationError(
                    _(
                        "The rows this revert restores have changed since the page was shown, or the page "
                        "was incomplete: check the list below again and confirm."
                    )
                )
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
