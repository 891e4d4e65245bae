"""JSON-LD (articles/pages/jsonld.py) on article, actor and claim pages."""

import datetime
import json
import re

import pytest

from articles.models import ArticleActor, DatePrecision
from tests.support.factories import (
    ActorFactory,
    ArticleFactory,
    AuthorFactory,
    CitationFactory,
    ClaimFactory,
    CommentFactory,
    ContributionFactory,
)
from tests.support.pages import jsonld_blocks, text
from tests.support.scene import structured_data_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return structured_data_article()


def test_the_article_json_ld_is_a_news_article_with_people_publisher_and_subjects(client, article):
    [data] = jsonld_blocks(client.get(article.get_absolute_url()))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Kazakhstan, the CSTO and Russia"
    assert data["datePublished"] == "2022-01-20"
    assert data["url"] == "http://testserver/articles/csto-and-russia/"
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Alica Kizeková",
            "url": "http://testserver" + article.article_authors.get().author.get_absolute_url(),
            "jobTitle": "Research Fellow",  # the role, never inside the Organization's name
            "affiliation": {"@type": "Organization", "name": "CEIAS"},
        }
    ]
    assert data["publisher"] == {"@type": "Organization", "name": "CEIAS", "url": "https://ceias.example/"}
    assert [thing["name"] for thing in data["about"]] == ["Regional security"]
    kazakhstan, somewhere = data["mentions"]
    assert kazakhstan["@type"] == "Country"
    assert kazakhstan["sameAs"] == "https://www.wikidata.org/wiki/Q232"
    assert "sameAs" not in somewhere
    assert data["isBasedOn"] == "https://ceias.example/kz"


@pytest.mark.parametrize("precision", [DatePrecision.MONTH, DatePrecision.YEAR])
def test_json_ld_gives_no_published_day_for_a_piece_known_only_to_the_month_or_year(client, precision):
    # schema.org dates are full dates: "2022-01" is invalid or read as 1 January; the page shows the month.
    article = ArticleFactory(published=True, published_on=datetime.date(2022, 1, 5), published_on_precision=precision)
    [data] = jsonld_blocks(client.get(article.get_absolute_url()))
    assert "datePublished" not in data


@pytest.mark.parametrize(
    ("line", "job_title", "organisation"),
    [
        ("Research Fellow | Editor", "Research Fellow | Editor", ""),
        (
            "Director at the Austrian Institute for European and Security Policy (AIES) in Vienna",
            "Director",
            "the Austrian Institute for European and Security Policy (AIES) in Vienna",
        ),
        ("PhD, Lecturer in Diplomacy, Loughborough University", "PhD, Lecturer in Diplomacy", "Loughborough University"),
        ("PhD, Lecturer, Co-Founder and Director of the CFPSS", "PhD, Lecturer, Co-Founder and Director of the CFPSS", ""),
        ("CEIAS", "", "CEIAS"),
        ("", "", ""),
    ],
)
def test_an_affiliation_line_gives_a_job_title_and_only_a_trailing_at_organisation(line, job_title, organisation):
    from articles.pages.jsonld import affiliation_parts

    assert affiliation_parts(line) == (job_title, organisation)


def test_pages_with_breadcrumbs_carry_them_as_a_breadcrumb_list(client, article):
    response = client.get(article.get_absolute_url())
    [crumbs] = jsonld_blocks(response, breadcrumbs=True)
    assert crumbs["@type"] == "BreadcrumbList"
    assert [(item["position"], item["name"], item["item"]) for item in crumbs["itemListElement"]] == [
        (1, "Home", "http://testserver/"),
        (2, "Commentary", "http://testserver/articles/"),
        (3, "Kazakhstan, the CSTO and Russia", "http://testserver/articles/csto-and-russia/"),
    ]


def test_json_ld_names_round_up_contributors_as_authors(client):
    article = ArticleFactory(published=True, authors=[AuthorFactory(name="Editor")])
    ContributionFactory(article=article, author=AuthorFactory(name="Expert A", affiliation="Institute A"))
    [data] = jsonld_blocks(client.get(article.get_absolute_url()))
    assert [person["name"] for person in data["author"]] == ["Editor", "Expert A"]
    assert all(person["@type"] == "Person" for person in data["author"])


def test_json_ld_holds_no_email_address(client, article):
    CommentFactory(article=article, status="approved", email="reader@example.org")
    [data] = jsonld_blocks(client.get(article.get_absolute_url()))
    assert "@example.org" not in str(data)


def test_json_ld_cannot_be_broken_out_of_by_editor_text(client):
    article = ArticleFactory(published=True, title='</script><script>alert("x")</script> & more')
    response = client.get(article.get_absolute_url())
    [data] = jsonld_blocks(response)
    assert data["headline"] == '</script><script>alert("x")</script> & more'
    assert "<script>alert" not in text(response)


HIDDEN_EMAILS = [
    "https://example.org/profile?contact=someone@example.org",
    "https://someone@example.org@social.example/",
    "https://social.example/someone%40example.org",
]


@pytest.mark.parametrize("social", HIDDEN_EMAILS)
def test_an_email_inside_a_social_url_never_reaches_article_json_ld(client, social):
    author = AuthorFactory(social=social)
    article = ArticleFactory(published=True, authors=[author])
    html = client.get(article.get_absolute_url()).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert blocks
    assert "example.org" not in "".join(blocks)
    assert all(json.loads(block) for block in blocks)


def test_a_plain_profile_url_is_offered_as_same_as(client):
    author = AuthorFactory(social="https://social.example/@AlicaKizekova")
    article = ArticleFactory(published=True, authors=[author])
    html = client.get(article.get_absolute_url()).content.decode()
    assert "https://social.example/@AlicaKizekova" in html
    assert author.public_social_url == "https://social.example/@AlicaKizekova"


def blocks(client, url):
    return jsonld_blocks(client.get(url))  # about the page's subject (breadcrumbs apart)


def named(data, name):
    """Every JSON object in ``data`` whose "name" is ``name``."""
    if isinstance(data, dict):
        if data.get("name") == name:
            yield data
        for value in data.values():
            yield from named(value, name)
    elif isinstance(data, list):
        for value in data:
            yield from named(value, name)


@pytest.mark.parametrize("kind", ["country", "organisation", "person", "group", "place"])
def test_actor_page_article_page_and_claim_page_agree_on_the_type(client, kind):
    actor = ActorFactory(name="The Actor", slug="the-actor", kind=kind)
    article = ArticleFactory(published=True, slug="piece")
    ArticleActor.objects.create(article=article, actor=actor, mentions=3, origin="detected")
    claim = ClaimFactory(slug="a-claim", claimant_actor=actor)
    types = {
        node["@type"]
        for url in ("/actors/the-actor/", "/articles/piece/", "/claims/a-claim/")
        for node in named(blocks(client, url), "The Actor")
    }
    assert claim and len(types) == 1, types


def claim_ld(client, claim):
    page = client.get(claim.get_absolute_url()).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    return data["@graph"][0]


def cite(claim, title, date, precision=DatePrecision.DAY):
    article = ArticleFactory(published=True, title=title, published_on=date, published_on_precision=precision)
    CitationFactory(claim=claim, article=article)


def test_first_appearance_is_the_earliest_dated_piece(client):
    claim = ClaimFactory()
    cite(claim, "Later piece", datetime.date(2022, 1, 20))
    cite(claim, "Earlier piece", datetime.date(2022, 1, 10))
    cite(claim, "Month piece", datetime.date(2022, 2, 1), DatePrecision.MONTH)
    assert claim_ld(client, claim)["firstAppearance"]["headline"] == "Earlier piece"


def test_a_year_only_date_is_not_taken_as_earlier_than_a_day_in_that_year(client):
    claim = ClaimFactory()
    cite(claim, "Dated to the day", datetime.date(2022, 1, 15))
    cite(claim, "Dated to the year", datetime.date(2022, 1, 1), DatePrecision.YEAR)
    data = claim_ld(client, claim)
    assert len(data["appearance"]) == 2
    assert "firstAppearance" not in data


def test_an_undated_piece_leaves_the_first_appearance_unknown(client):
    claim = ClaimFactory()
    cite(claim, "Dated", datetime.date(2022, 1, 15))
    cite(claim, "Undated", None)
    assert "firstAppearance" not in claim_ld(client, claim)
