"""What every page shares (articles/pages/base.py and templates/base.html): layout, metadata,
accessibility, no JavaScript, the 404 and 500 pages."""

import datetime
import re

import pytest
from django.template import loader
from django.test import RequestFactory
from django.views.defaults import server_error

from tests.support.factories import (
    ArticleFactory,
    ContributionFactory,
)
from tests.support.pages import jsonld_blocks, outline, text
from tests.support.scene import structured_data_article

pytestmark = pytest.mark.django_db


# --------------------------------------------------------------------------
# Layout, accessibility, errors
# --------------------------------------------------------------------------


PAGES = ["/", "/articles/", "article", "/archive/2022/", "/archive/2022/01/", "/archive/2022/01/20/",
         "/search/?q=CSTO", "/search/", "/no-such-page/"]


def _url(page, article):
    return article.get_absolute_url() if page == "article" else page


@pytest.mark.parametrize("page", PAGES)
def test_every_page_has_landmarks_a_skip_link_and_one_h1_with_headings_in_order(client, page):
    article = ArticleFactory(published=True, body="Intro.\n\n## Section\n\nMore.")
    ContributionFactory(article=article)

    doc = outline(client.get(_url(page, article)))

    assert doc.count("main", id="main") == 1
    assert doc.count("header", **{"class": "site-header"}) == 1
    assert doc.count("footer", **{"class": "site-footer"}) == 1
    assert doc.count("nav", **{"aria-label": "Primary"}) == 1
    assert doc.count("a", href="#main", **{"class": "skip-link"}) == 1
    assert doc.count("html", lang="en") == 1
    levels = [level for level, _ in doc.headings]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), doc.headings


@pytest.mark.parametrize("page", ["/", "/articles/", "/search/"])
def test_every_form_field_has_a_label(client, page):
    doc = outline(client.get(page))
    labelled = {attrs.get("for") for tag, attrs in doc.tags if tag == "label"}
    fields = [attrs for tag, attrs in doc.tags if tag in ("input", "select", "textarea")
              and attrs.get("type") not in ("hidden", "submit")]
    assert fields
    assert all(field.get("id") in labelled for field in fields), fields


def test_the_stylesheet_comes_from_our_own_static_files_and_styles_citations(client):
    doc = outline(client.get("/"))
    stylesheets = [link["href"] for link in doc.links if link.get("rel") == "stylesheet"]
    assert stylesheets == ["/static/css/fonts.css", "/static/css/site.css"]
    fonts = b"".join(client.get("/static/css/fonts.css").streaming_content).decode()
    sources = re.findall(r"url\(([^)]+)\)", fonts)
    assert sources and all(src.startswith("../fonts/") and src.endswith(".woff2") for src in sources)  # self-hosted
    assert "font-display: swap" in fonts
    css = b"".join(client.get("/static/css/site.css").streaming_content).decode()
    assert "mark.citation" in css
    assert ":focus-visible" in css
    assert "http" not in css.replace("https://", "").split("*/", 1)[1]  # nothing loaded from other hosts


def test_the_fonts_of_the_first_screen_are_preloaded_and_used_by_the_stylesheet(client):
    html = client.get("/").content.decode()
    preloads = re.findall(r'<link rel="preload" href="/static/fonts/([^"]+)" as="font" type="font/woff2" crossorigin>', html)
    assert sorted(preloads) == [
        "inter-latin-400-normal.woff2",
        "inter-latin-600-normal.woff2",
        "source-serif-4-latin-400-normal.woff2",
        "source-serif-4-latin-700-normal.woff2",
    ]
    fonts = b"".join(client.get("/static/css/fonts.css").streaming_content).decode()
    assert all(f"url(../fonts/{name})" in fonts for name in preloads)  # a preload nothing uses is a wasted download


def test_an_english_page_downloads_only_the_latin_fonts_it_uses(client):
    """Every face names the characters it covers (unicode-range), so a browser fetches the
    Cyrillic files only for Cyrillic text; without it Chromium downloaded all 24 files
    (about 400 KB) on every page and re-laid the page out as each arrived."""
    fonts = b"".join(client.get("/static/css/fonts.css").streaming_content).decode()
    faces = re.findall(r"@font-face \{(.*?)\}", fonts, re.S)
    assert len(faces) == 24
    for face in faces:
        ranges = re.search(r"unicode-range: ([^;]+);", face)
        assert ranges, face
        file = re.search(r"fonts/([a-z0-9-]+)\.woff2", face).group(1)
        # Latin faces cover ASCII; Cyrillic faces cover the Kazakh letters (Қ U+049A, Ә U+04D8).
        if "-latin-" in file:
            assert ("U+0000-00FF" in ranges[1]) == ("-latin-ext-" not in file), file
        elif "-cyrillic-ext-" in file:
            assert "U+0460-052F" in ranges[1], file
        else:
            assert "U+0400-045F" in ranges[1], file


def test_no_page_uses_javascript(client):
    article = ArticleFactory(published=True)
    for url in ["/", "/articles/", article.get_absolute_url(), "/search/?q=x"]:
        scripts = [attrs for tag, attrs in outline(client.get(url)).tags if tag == "script"]
        assert all(attrs.get("type") == "application/ld+json" for attrs in scripts)


def test_an_unknown_address_is_a_friendly_404_in_the_site_layout(client):
    response = client.get("/articles/no-such-article/")
    assert response.status_code == 404
    page = text(response)
    assert "Page not found" in page
    assert 'class="site-header"' in page
    assert 'href="/articles/"' in page


def test_the_500_page_renders_in_the_layout_without_a_request_or_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        standalone = loader.get_template("500.html").render()
        response = server_error(RequestFactory().get("/"))
    assert "Something went wrong" in standalone
    assert 'class="site-header"' in standalone
    assert response.status_code == 500
    assert b"Something went wrong" in response.content


def test_messages_are_announced_as_status(client):
    response = client.get("/articles/?page=abc")
    page = text(response)
    assert '<div class="notices" role="status">' in page
    assert "first page" in page


@pytest.fixture
def article():
    return structured_data_article()


META_PAGES = ["/", "/articles/", "article", "/archive/2022/", "/archive/2022/01/", "/archive/2022/01/20/",
              "/search/?q=CSTO"]


@pytest.mark.parametrize("page", META_PAGES)
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


@pytest.mark.parametrize(
    ("url", "current"),
    [("/articles/", "page"), ("/articles/{slug}/", "true"), ("/archive/2022/", None), ("/", None)],
)
def test_the_navigation_marks_the_current_section_without_calling_a_sub_page_the_page(client, url, current):
    article = ArticleFactory(published=True)
    page = text(client.get(url.format(slug=article.slug)))

    link = re.search(r'<nav class="site-nav".*?<a href="/articles/"([^>]*)>', page, re.S).group(1)

    assert (f'aria-current="{current}"' if current else "") == link.strip()
    assert page.count("aria-current=") == (1 if current else 0) + page.count('<span aria-current="page">')


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("/archive/2022/", "Commentary published in 2022"),
        ("/archive/2022/01/", "Commentary published in January 2022"),
        ("/archive/2022/01/06/", "Commentary published on 6 January 2022"),
        ("/search/?q=CSTO", "Search the commentary, claims and actors"),
    ],
)
def test_archive_and_search_pages_have_their_own_opengraph_title(client, url, title):
    ArticleFactory(published=True, published_on=datetime.date(2022, 1, 6))

    assert outline(client.get(url)).meta["og:title"] == title


# --------------------------------------------------------------------------
# Pages read keys first (KeysFirst)
# --------------------------------------------------------------------------


def test_a_page_read_keys_first_holds_the_rows_a_plain_page_would_in_the_same_order():
    from django.db.models import F, OuterRef, Subquery

    from articles.models import Article, ArticleActor
    from articles.pages.base import KeysFirst, card_rows
    from tests.support.factories import ActorFactory

    actor = ActorFactory()
    day = datetime.date(2022, 1, 10)
    for i, mentions in enumerate([3, 1, 3, 2, 3, 1, 2]):
        # Ties in mentions and in dates, so the order's later terms decide.
        article = ArticleFactory(published=True, published_on=day - datetime.timedelta(days=i % 3))
        ArticleActor.objects.create(article=article, actor=actor, mentions=mentions)
    hidden = ArticleFactory(published_on=day)  # a draft that mentions the actor most
    ArticleActor.objects.create(article=hidden, actor=actor, mentions=9)

    selection = (
        Article.objects.published()
        .filter(article_actors__actor=actor)
        .annotate(actor_mentions=F("article_actors__mentions"))
        .order_by("-actor_mentions", "-published_on", "-pk")
    )
    mentions = ArticleActor.objects.filter(actor=actor, article=OuterRef("pk")).values("mentions")[:1]

    def display(rows):
        return card_rows(rows).annotate(actor_mentions=Subquery(mentions))

    keys_first = KeysFirst(selection, display)
    assert keys_first.count() == 7
    for start, stop in [(0, 3), (3, 6), (6, 9), (2, 7)]:
        assert [(a.pk, a.actor_mentions) for a in keys_first[start:stop]] == [
            (a.pk, a.actor_mentions) for a in display(selection)[start:stop]
        ]
