"""The claim and citation admin (articles/admin/claims.py)."""

from django.urls import reverse

from tests.support.factories import (
    CitationFactory,
)


def test_invalid_citation_is_refused_on_the_form_and_the_editors_text_is_kept(editor_client):
    citation = CitationFactory()
    url = reverse("admin:articles_citation_change", args=[citation.pk])
    typed = "A passage the editor mistyped from memory"
    response = editor_client.post(
        url,
        {"claim": citation.claim_id, "article": citation.article_id, "quote": typed, "stance": "reports", "note": ""},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "does not occur in the article" in content
    assert typed in content
    citation.refresh_from_db()
    assert citation.quote != typed
