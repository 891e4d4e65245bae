"""Every field of the editors' forms has a name for assistive technology.

Tabular inlines label their fields only by a column heading, which a screen reader
does not tie to each row's field (axe: 105 unlabelled fields and 45 unnamed selects
on the article form); the split "live from" widget names neither of its inputs.
``LabelledFieldsMixin`` gives every widget an ``aria-label`` (the field's label,
plus the row's number in an inline); ``static/js/admin-labels.js`` passes it on to
the autocomplete boxes the admin's select2 builds from those selects.
"""

from django import forms
from django.contrib.admin import widgets as admin_widgets
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

MEDIA = forms.Media(css={"all": ["css/admin-extra.css"]}, js=["js/admin-labels.js"])


def name_widget(widget, label):
    if isinstance(widget, admin_widgets.RelatedFieldWidgetWrapper):
        widget = widget.widget
    if isinstance(widget, forms.MultiWidget):
        parts = [_("date"), _("time")] if isinstance(widget, forms.SplitDateTimeWidget) else []
        for index, sub in enumerate(widget.widgets):
            part = parts[index] if index < len(parts) else str(index + 1)
            sub.attrs.setdefault("aria-label", f"{label}: {part}")
        return
    widget.attrs.setdefault("aria-label", str(label))


class LabelledFieldsMixin:
    """For ModelAdmin and InlineModelAdmin: an ``aria-label`` on every form field's widget."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None:
            label = capfirst(formfield.label or db_field.verbose_name)
            owner = getattr(self, "parent_model", None) and self.model._meta.verbose_name
            name_widget(formfield.widget, f"{capfirst(owner)}: {label}" if owner else label)
        return formfield

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        noun = self.model._meta.verbose_name

        class Labelled(formset):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                if "DELETE" in form.fields:
                    form.fields["DELETE"].widget.attrs.setdefault("aria-label", f"{capfirst(_('delete'))} {noun}")

        Labelled.__name__ = formset.__name__
        return Labelled

    @property
    def media(self):
        return super().media + MEDIA
