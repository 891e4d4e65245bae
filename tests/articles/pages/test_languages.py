"""Every public page type in English (unprefixed), Russian (/ru/) and Kazakh (/kk/):
the right lang, a switcher of plain links to the same page, hreflang alternates, no
English interface text left in the Russian and Kazakh pages, translated content with
English fallback, and the same number of queries in every language."""

import html as htmllib
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actors.models import Actor
from articles.models import Article, Claim, Theme
from tests.support.factories import ArticleFactory
from tests.support.scene import html

pytestmark = pytest.mark.django_db

PAGES = [
    "/", "/articles/", "/articles/russia-csto/", "/archive/2022/", "/archive/2022/01/", "/archive/2022/01/20/",
    "/actors/", "/actors/russia/", "/themes/", "/themes/regional-organisations/", "/authors/kizekova/",
    "/publications/geo-notes/", "/claims/", "/claims/external-threat/", "/timeline/", "/search/?q=CSTO",
    "/newsletter/",
]
PRINT = "/articles/russia-csto/print/"  # the article alone: no switcher, no alternates
OTHER = {"ru": "Русский", "kk": "Қазақша", "en": "English"}


def in_language(url, code):
    return url if code == "en" else f"/{code}{url}"


def visible_text(page):
    """What a reader sees or hears: text, alt/title/aria-label/placeholder values; no script."""
    page = re.sub(r"<script.*?</script>", " ", page, flags=re.S)
    attrs = " ".join(re.findall(r'(?:aria-label|title|alt|placeholder|content)="([^"]*)"', page))
    return htmllib.unescape(re.sub(r"<[^>]+>", " ", page) + " " + attrs)


def english_ui_phrases():
    """Catalogue messages whose English words would betray an untranslated page: the
    longest literal stretch of each message (placeholders cut out), several words long."""
    po = polib.pofile(str(Path(settings.BASE_DIR) / "locale" / "ru" / "LC_MESSAGES" / "django.po"))
    phrases = set()
    for entry in po:
        for msgid in filter(None, [entry.msgid, entry.msgid_plural]):
            for piece in re.split(r"%\(\w+\)[sd]|\{\w+\}|<[^>]+>", msgid):
                piece = piece.strip(" .,:;“”()")
                if len(piece) >= 12 and piece.count(" ") >= 1:
                    phrases.add(piece)
    return phrases


def check_language_links(page, url, code):
    path = url.split("?")[0]
    assert f'<html lang="{code}">' in page, url
    for other in ("en", "ru", "kk"):
        assert f'<link rel="alternate" hreflang="{other}" href="http://testserver{in_language(path, other)}">' in page, url
        if other != code:
            switch = in_language(url, other).replace("&", "&amp;")
            assert f'<a href="{switch}" hreflang="{other}" lang="{other}">{OTHER[other]}</a>' in page, (url, other)
        else:
            assert f'<strong class="language-switcher__current" lang="{code}">{OTHER[code]}</strong>' in page
    assert f'<link rel="alternate" hreflang="x-default" href="http://testserver{path}">' in page


def test_every_page_type_in_every_language_has_switcher_hreflang_no_english_leak_and_the_same_queries(client, scene):
    """One pass over every page type in the three languages (each page rendered once per
    language): lang, switcher and alternates; in Russian and Kazakh no English catalogue
    text; and the same number of queries in every language."""
    phrases = english_ui_phrases()
    assert len(phrases) > 100
    for url in PAGES:
        for code in ("en", "ru", "kk"):
            # Warm the per-process caches (some kept values are per language), so the three
            # counts compare like with like.
            client.get(in_language(url, code))
        counts = {}
        for code in ("en", "ru", "kk"):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(in_language(url, code))
            assert response.status_code == 200, (url, code)
            counts[code] = len(captured)
            page = response.content.decode()
            check_language_links(page, url, code)
            if code != "en":
                leaked = sorted(p for p in phrases if p in visible_text(page))
                assert leaked == [], (url, code, leaked)
        assert len(set(counts.values())) == 1, (url, counts)


@pytest.mark.parametrize("code", ["ru", "kk"])
def test_the_print_view_and_the_404_page_speak_the_readers_language(client, scene, code):
    phrases = english_ui_phrases()
    for url, status in ((PRINT, 200), ("/no-such-page/", 404)):
        response = client.get(in_language(url, code))
        assert response.status_code == status
        page = response.content.decode()
        assert f'<html lang="{code}">' in page
        assert sorted(p for p in phrases if p in visible_text(page)) == [], url


def test_the_english_pages_still_speak_english(client, scene):
    page = html(client, "/actors/russia/")
    assert "Claims made by Russia" in page and "Also called" in page


def test_translated_content_shows_in_its_language_and_english_fills_the_gaps(client, scene):
    Actor.objects.filter(slug="russia").update(name_ru="Россия", description_ru="Член ОДКБ.")
    Theme.objects.filter(slug="regional-organisations").update(name_kk="Өңірлік ұйымдар")
    Claim.objects.filter(slug="external-threat").update(statement_ru="ОДКБ вмешалась из-за внешней угрозы.")

    russian = html(client, "/ru/actors/russia/")
    assert '<h1 id="page-heading">Россия</h1>' in russian and "Член ОДКБ." in russian
    kazakh = html(client, "/kk/actors/russia/")
    assert '<h1 id="page-heading">Russia</h1>' in kazakh and "A CSTO member." in kazakh
    assert "Өңірлік ұйымдар" in html(client, "/kk/themes/")
    assert "Regional organisations" in html(client, "/ru/themes/")
    assert "ОДКБ вмешалась из-за внешней угрозы." in html(client, "/ru/claims/external-threat/")
    assert "The CSTO intervened because of an external threat." in html(client, "/claims/external-threat/")


def test_dates_are_written_the_russian_and_kazakh_way(client, scene):
    assert "20 января 2022" in html(client, "/ru/articles/russia-csto/")
    assert "20 January 2022" in html(client, "/articles/russia-csto/")


def test_cyrillic_search_finds_content_through_translated_names_and_aliases(client, scene):
    russia = Actor.objects.get(slug="russia")
    russia.name_ru, russia.name_kk = "Россия", "Ресей"
    russia.save()
    russia.aliases.update(name_ru="Москва")

    for url in ("/ru/search/?q=Россия", "/kk/search/?q=Ресей", "/ru/search/?q=Москва", "/search/?q=Россия"):
        page = html(client, url)
        assert 'href="/actors/russia/"' in page or 'href="/ru/actors/russia/"' in page or 'href="/kk/actors/russia/"' in page, url
        assert "Russia and the CSTO in Kazakhstan" in page, url  # the English commentary, through the name
    assert '<a href="/ru/actors/russia/"><mark>Россия</mark></a>' in html(client, "/ru/search/?q=Россия")


def test_an_article_links_to_its_published_translations(client, scene):
    russian = ArticleFactory(published=True, language="ru", title="Россия и ОДКБ в Казахстане", slug="russia-csto-ru")
    draft = ArticleFactory(language="kk", title="Ресей мен ҰҚШҰ", slug="russia-csto-kk")
    scene.article.translations.add(russian, draft)

    page = html(client, "/articles/russia-csto/")
    assert 'Also in: <a href="/ru/articles/russia-csto-ru/" hreflang="ru" lang="ru">Русский</a></p>' in page
    assert "russia-csto-kk" not in page
    back = html(client, "/ru/articles/russia-csto-ru/")
    assert 'Также на: <a href="/articles/russia-csto/" hreflang="en" lang="en">English</a>' in back


def test_slugs_are_the_same_in_every_language(client, scene):
    for code in ("ru", "kk"):
        page = html(client, f"/{code}/actors/")
        assert f'href="/{code}/actors/russia/"' in page


def test_the_admin_health_checks_and_csp_reports_keep_one_unprefixed_address(client):
    assert client.get("/ru/admin/").status_code == 404
    assert client.get("/admin/").status_code == 302
    assert client.get("/healthz").status_code == 200
    assert client.get("/kk/csp-report/").status_code == 404
    assert client.get("/ru/robots.txt").status_code == 404
    assert client.get("/robots.txt").status_code == 200
    assert client.get("/favicon.ico").status_code == 200
    assert client.get("/ru/favicon.ico").status_code == 404


@pytest.mark.parametrize("code", ["ru", "kk"])
def test_the_api_and_the_open_data_keep_one_unprefixed_address(client, scene, code):
    assert client.get("/api/v1/claims/").status_code == 200
    assert client.get(f"/{code}/api/v1/claims/").status_code == 404
    data_page = html(client, "/data/")
    assert 'hreflang="ru"' not in data_page  # no switcher to a /ru/data/ that does not exist
    assert client.get(f"/{code}/data/").status_code == 404
    assert 'href="/data/"' in html(client, f"/{code}/")  # the footer's link to it


def test_the_sitemap_lists_each_page_in_every_language_with_alternates(client, scene):
    assert "<loc>http://testserver/sitemap-actors.xml</loc>" in client.get("/sitemap.xml").content.decode()
    sitemap = client.get("/sitemap-actors.xml").content.decode()
    assert "<loc>http://testserver/ru/actors/russia/</loc>" in sitemap
    assert "<loc>http://testserver/kk/actors/russia/</loc>" in sitemap
    assert 'hreflang="kk" href="http://testserver/kk/actors/russia/"' in sitemap
    assert Article.objects.published().exists()


@pytest.mark.parametrize("path", ["//evil.example/x", "//[", "///ru//actors/"])
def test_a_404_for_an_address_with_doubled_slashes_links_only_to_this_site(client, path):
    # "//host/x" is a link to another host, "//[" one nothing can parse (it was a 500).
    response = client.get("/", PATH_INFO=path)  # as a server passes it (the client would parse it)
    assert response.status_code == 404
    html = response.content.decode()
    assert "//evil.example" not in html  # on this site: http://testserver/evil.example/x
    assert 'href="//' not in html and "http://[" not in html
    assert 'hreflang="ru" href="http://testserver/ru/' in html
