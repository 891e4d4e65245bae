"""Page metadata: title, description, canonical, OpenGraph on every page; JSON-LD NewsArticle on articles."""

import datetime

import pytest

from articles.models import ArticleActor, DatePrecision
from tests.support.pages import jsonld_blocks, outline, text
from tests.support.factories import (
    ActorFactory,
    ArticleFactory,
    AuthorFactory,
    CommentFactory,
    ContributionFactory,
    PublicationFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    article = ArticleFactory(
        published=True,
        slug="csto-and-russia",
        title="Kazakhstan, the CSTO and Russia",
        standfirst="Why the alliance moved so fast.",
        publication=PublicationFactory(name="CEIAS", url="https://ceias.example/"),
        authors=[AuthorFactory(name="Alica Kizeková", affiliation="Research Fellow, CEIAS",
                               social="alica@example.org")],
        original_url="https://ceias.example/kz",
        published_on=datetime.date(2022, 1, 20),
    )
    article.themes.add(ThemeFactory(name="Regional security"))
    ArticleActor.objects.create(article=article, actor=ActorFactory(name="Kazakhstan", wikidata_id="Q232"),
                                mentions=5)
    ArticleActor.objects.create(article=article, actor=ActorFactory(name="Somewhere"), mentions=1)
    return article


PAGES = ["/", "/articles/", "article", "/archive/2022/", "/archive/2022/01/", "/archive/2022/01/20/",
         "/search/?q=CSTO"]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_has_a_title_description_canonical_link_and_opengraph_tags(client, article, page):
    url = article.get_absolute_url() if page == "article" else page
    doc = outline(client.get(url))
    body = text(client.get(url))

    assert "<title>" in body and "· kzportal</title>" in body
    assert doc.meta["description"].strip()
    canonical = [link["href"] for link in doc.links if link.get("rel") == "canonical"]
    assert len(canonical) == 1 and canonical[0].startswith("http://testserver/")
    assert "?q=" not in canonical[0]
    for key in ("og:title", "og:description", "og:type", "og:url", "og:site_name"):
        assert doc.meta[key].strip(), key


def test_the_article_page_describes_itself_as_an_article(client, article):
    doc = outline(client.get(article.get_absolute_url()))
    assert doc.meta["og:type"] == "article"
    assert doc.meta["og:title"] == "Kazakhstan, the CSTO and Russia"
    assert doc.meta["og:description"] == "Why the alliance moved so fast."
    assert doc.meta["og:url"] == "http://testserver/articles/csto-and-russia/"
    assert doc.meta["description"] == "Why the alliance moved so fast."
    assert doc.meta["article:published_time"] == "2022-01-20"


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
            "affiliation": {"@type": "Organization", "name": "Research Fellow, CEIAS"},
        }
    ]
    assert data["publisher"] == {"@type": "Organization", "name": "CEIAS", "url": "https://ceias.example/"}
    assert [thing["name"] for thing in data["about"]] == ["Regional security"]
    kazakhstan, somewhere = data["mentions"]
    assert kazakhstan["@type"] == "Country"
    assert kazakhstan["sameAs"] == "https://www.wikidata.org/wiki/Q232"
    assert "sameAs" not in somewhere
    assert data["isBasedOn"] == "https://ceias.example/kz"


@pytest.mark.parametrize(("precision", "expected"), [(DatePrecision.MONTH, "2022-01"), (DatePrecision.YEAR, "2022")])
def test_json_ld_gives_the_date_at_its_precision(client, precision, expected):
    article = ArticleFactory(published=True, published_on=datetime.date(2022, 1, 5), published_on_precision=precision)
    [data] = jsonld_blocks(client.get(article.get_absolute_url()))
    assert data["datePublished"] == expected


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


def test_the_home_page_describes_the_site_and_its_search(client):
    [data] = jsonld_blocks(client.get("/"))
    assert data["@type"] == "WebSite"
    assert data["potentialAction"]["target"] == "http://testserver/search/?q={search_term_string}"


def test_a_paginated_list_page_is_its_own_canonical(client):
    for _ in range(21):
        ArticleFactory(published=True)
    doc = outline(client.get("/articles/?page=2"))
    assert [link["href"] for link in doc.links if link.get("rel") == "canonical"] == [
        "http://testserver/articles/?page=2"
    ]


def test_filtered_lists_are_not_indexed_but_followed(client, article):
    doc = outline(client.get("/articles/?q=CSTO"))
    assert doc.meta["robots"] == "noindex, follow"
    assert "robots" not in outline(client.get("/articles/")).meta
