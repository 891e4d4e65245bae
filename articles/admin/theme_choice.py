"""Themes are chosen, not typed.

taggit's free-text "Tags" box split what an editor typed on spaces, commas and
quotes and created a public theme for every new word (typing "Regional
organisations" made "Regional" and "organisations"). Every form with themes
(articles, claims, events) gets instead an autocomplete of the existing themes,
by id, so a name with any characters (quotes, commas) round-trips; a new theme is
made only on purpose, with the "+" button next to the box (the Theme form).
"""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelectMultiple, RelatedFieldWidgetWrapper
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from articles.models import Theme


class ThemeAutocomplete(AutocompleteSelectMultiple):
    def format_value(self, value):
        # A form shown again after bad input (a name typed instead of chosen) must not
        # query with it: Django's autocomplete would fail with a 500. Ids only.
        return [v for v in super().format_value(value) if v.isdigit()]


class ThemeChoiceField(forms.ModelMultipleChoiceField):
    """Theme ids; an empty value (a form posted with the box cleared) means none."""

    def clean(self, value):
        if isinstance(value, list | tuple):
            value = [v for v in value if v not in ("", None)]
        return super().clean(value)


class ThemeChoiceMixin:
    """For ModelAdmins whose model has ``themes = TaggableManager(...)``."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if not isinstance(db_field, TaggableManager):
            return super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = ThemeAutocomplete(db_field, self.admin_site)
        theme_admin = self.admin_site.get_model_admin(Theme) if self.admin_site.is_registered(Theme) else None
        widget = RelatedFieldWidgetWrapper(
            widget,
            db_field.remote_field,
            self.admin_site,
            can_add_related=bool(theme_admin and theme_admin.has_add_permission(request)),
            can_change_related=False,
            can_delete_related=False,
            can_view_related=False,
        )
        # The initial value is the list of Theme objects taggit gives; saving passes the chosen
        # Theme objects to taggit's set(), which never parses names.
        return ThemeChoiceField(
            queryset=Theme.objects.all(),
            required=False,
            widget=widget,
            label=_("Themes"),
            help_text=_(
                "Choose existing themes: start typing a name. To make a new theme, use “+” "
                "(it becomes a public page once something is filed under it)."
            ),
        )
