"""Every field of the article and claim forms has a name a screen reader can announce
(a <label for>, or an aria-label in inline rows whose only label is a column heading)."""

from html.parser import HTMLParser

import pytest

from tests.support.factories import ArticleFactory, CitationFactory, ClaimFactory

pytestmark = pytest.mark.django_db


class Fields(HTMLParser):
    def __init__(self):
        super().__init__()
        self.fields, self.labelled = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "label" and attrs.get("for"):
            self.labelled.add(attrs["for"])
        if tag in ("input", "select", "textarea") and attrs.get("type") not in ("hidden", "submit", "button"):
            if "__prefix__" not in (attrs.get("id") or ""):
                self.fields.append(attrs)


def unnamed_fields(page):
    parser = Fields()
    parser.feed(page)
    return [f.get("id") or f.get("name") for f in parser.fields if not f.get("aria-label") and f.get("id") not in parser.labelled]


def test_every_field_of_the_article_form_with_its_inline_rows_is_named(editor_client):
    article = ArticleFactory(published=True)
    CitationFactory(article=article)
    page = editor_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert unnamed_fields(page) == []
    assert 'aria-label="Citation: Claim"' in page  # a citation row's claim, named in its row
    assert 'aria-label="Live from: time"' in page
    assert "js/admin-labels.js" in page  # passes the names on to the autocomplete boxes


def test_every_field_of_the_claim_form_is_named(editor_client):
    claim = ClaimFactory()
    page = editor_client.get(f"/admin/articles/claim/{claim.pk}/change/").content.decode()
    assert unnamed_fields(page) == []
