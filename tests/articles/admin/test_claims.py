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


# Filters editors asked for (issue 12): citations by article and claim, claims by claimant and theme.

def results(client, url):
    """The changelist's result table only (the filter sidebar names every choice)."""
    page = client.get(url).content.decode()
    return page[page.index('id="result_list"'):page.index("</table>", page.index('id="result_list"'))]

def test_citations_filter_by_article_and_by_claim(editor_client):
    from tests.support.factories import ArticleFactory, CitationFactory, ClaimFactory

    first, second = ArticleFactory(title="First piece"), ArticleFactory(title="Second piece")
    claim = ClaimFactory(statement="The troops will leave soon.")
    CitationFactory(article=first, claim=claim)
    CitationFactory(article=second)
    listing = reverse("admin:articles_citation_changelist")
    page = editor_client.get(listing).content.decode()
    assert f"?article__id__exact={first.pk}" in page and f"?claim__id__exact={claim.pk}" in page
    rows = results(editor_client, f"{listing}?article__id__exact={first.pk}")
    assert "First piece" in rows and "Second piece" not in rows
    rows = results(editor_client, f"{listing}?claim__id__exact={claim.pk}")
    assert "First piece" in rows and "Second piece" not in rows


def test_claims_filter_by_claimant_and_by_theme(editor_client):
    from tests.support.factories import ActorFactory, ClaimFactory, ThemeFactory

    russia = ActorFactory(name="Russia")
    theme = ThemeFactory(name="Troop withdrawal")
    by_russia = ClaimFactory(statement="Russia says the mission is limited.", claimant_actor=russia)
    by_russia.themes.add(theme)
    ClaimFactory(statement="Someone else says otherwise.")
    listing = reverse("admin:articles_claim_changelist")
    page = editor_client.get(listing).content.decode()
    assert "Troop withdrawal" in page
    rows = results(editor_client, f"{listing}?claimant_actor__id__exact={russia.pk}")
    assert "Russia says" in rows and "Someone else" not in rows
    rows = results(editor_client, f"{listing}?theme={theme.pk}")
    assert "Russia says" in rows and "Someone else" not in rows
    assert editor_client.get(f"{listing}?theme=nonsense").status_code == 200
