"""``QuickSelect`` (articles/pages/widgets.py): the filter forms' ``<select>``, written in
Python, is byte for byte the HTML Django's own templates make."""

import pytest
from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from articles.pages.widgets import QuickSelect
from tests.support.factories import ArticleFactory, ClaimFactory, ThemeFactory

pytestmark = pytest.mark.django_db

CHOICES = [
    ("", _("Any theme")),
    ("energy", "Energy (3)"),
    ("a&b", 'Fish & "chips" <b>bold</b> (1)'),
    ("safe", mark_safe("<em>already safe</em>")),  # noqa: S308 - a fixed test string
    ("Group", [("g1", "In a group"), ("g2", "Also <in> it")]),
    (7, "A number"),
]


@pytest.mark.parametrize("value", [None, "", "energy", "a&b", "g2", "7", "not offered"])
@pytest.mark.parametrize(
    "attrs", [None, {"id": "id_theme"}, {"id": "id_theme", "aria-invalid": "true", "required": True, "disabled": False}]
)
def test_a_quick_select_is_the_html_of_django_s_select(value, attrs):
    assert QuickSelect(choices=CHOICES).render("theme", value, attrs) == forms.Select(choices=CHOICES).render(
        "theme", value, attrs
    )


def _with_django_select(monkeypatch):
    monkeypatch.setattr(QuickSelect, "render", forms.Select.render)


@pytest.mark.parametrize(
    "url", ["/articles/", "/articles/?theme=energy&author=nobody&ordering=title", "/claims/", "/claims/?verdict=false"]
)
def test_the_filter_forms_are_the_same_html_as_with_django_s_select(client, monkeypatch, url):
    theme = ThemeFactory(name="Energy & <prices>", slug="energy")
    article = ArticleFactory(published=True, title="Gas")
    article.themes.add(theme)
    ClaimFactory(slug="claim-one")
    ours = client.get(url).content.decode()
    _with_django_select(monkeypatch)
    django = client.get(url).content.decode()
    assert "<select" in ours
    assert ours == django
