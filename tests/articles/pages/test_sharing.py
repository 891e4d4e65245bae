"""Share links on article, claim and actor pages (articles/templatetags/share_tags.py):
plain links to each network's share page carrying the page's own address, nothing
loaded from another host, and the address shown to copy."""

import re
from html import unescape
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from articles.templatetags.share_tags import share_targets
from tests.support.factories import ActorFactory, ArticleFactory, CitationFactory, ClaimFactory

pytestmark = pytest.mark.django_db

NETWORKS = {
    "mailto": None,
    "x.com": "/intent/post",
    "www.facebook.com": "/sharer/sharer.php",
    "www.linkedin.com": "/sharing/share-offsite/",
    "t.me": "/share/url",
    "wa.me": "/",
}


def share_hrefs(html):
    section = re.search(r'<section class="share".*?</section>', html, re.S)
    assert section, "the page has no share links"
    return [unescape(href) for href in re.findall(r'<a href="([^"]+)"', section.group(0))], section.group(0)


def test_each_share_link_carries_the_address_and_title_of_the_page():
    url = "https://kz.example/articles/russia-csto/"
    links = dict(share_targets(url=url, title="Russia & the CSTO"))
    mail = urlsplit(links["E-mail"])
    assert mail.scheme == "mailto"
    assert parse_qs(mail.query) == {"subject": ["Russia & the CSTO"], "body": [url]}
    assert parse_qs(urlsplit(links["X"]).query) == {"text": ["Russia & the CSTO"], "url": [url]}
    assert parse_qs(urlsplit(links["Facebook"]).query) == {"u": [url]}
    assert parse_qs(urlsplit(links["LinkedIn"]).query) == {"url": [url]}
    assert parse_qs(urlsplit(links["Telegram"]).query) == {"url": [url], "text": ["Russia & the CSTO"]}
    assert parse_qs(urlsplit(links["WhatsApp"]).query) == {"text": [f"Russia & the CSTO {url}"]}
    assert {urlsplit(href).netloc or urlsplit(href).scheme: urlsplit(href).path for href in links.values()} == {
        "mailto": "", **{host: path for host, path in NETWORKS.items() if host != "mailto"}
    }


def _pages():
    article = ArticleFactory(published=True, slug="russia-csto", title="Russia and the CSTO")
    claim = ClaimFactory(slug="troops", statement="Troops were sent.")
    CitationFactory(article=article, claim=claim)
    ActorFactory(slug="russia", name="Russia")
    return {
        "/articles/russia-csto/": "Russia and the CSTO",
        "/claims/troops/": "Troops were sent.",
        "/actors/russia/": "Russia",
    }


def test_article_claim_and_actor_pages_offer_every_share_link_for_their_own_address(client):
    for path, title in _pages().items():
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        hrefs, section = share_hrefs(html)
        assert len(hrefs) == 6, path
        address = f"http://testserver{path}"
        assert all(address in unquote(href) for href in hrefs), path
        assert any(title in unquote(href) for href in hrefs if href.startswith("mailto:")), path
        # The address to copy, without script.
        assert re.search(rf'<input id="share-address" type="url" readonly value="{re.escape(address)}">', section)
        assert "<script" not in section and "<img" not in section and "<iframe" not in section


def test_share_links_load_nothing_and_leave_the_policy_unchanged(client):
    _pages()
    response = client.get("/articles/russia-csto/")
    html = response.content.decode()
    # Nothing on the page is fetched from another host: no script, image, frame or stylesheet.
    assert not re.search(r'<(?:script|img|iframe)[^>]+src="https?://', html)
    assert not re.search(r'<link[^>]+href="https?://(?!testserver)[^"]*"[^>]*rel="stylesheet"', html)
    policy = response["Content-Security-Policy"]
    assert "script-src 'none'" in policy and "x.com" not in policy and "facebook" not in policy
