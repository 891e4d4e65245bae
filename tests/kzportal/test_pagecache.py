"""The public page cache is never stale, never shared with staff, and keeps comment forms
per reader; public responses carry ETags, answer conditional requests with 304 and are
compressed."""

import datetime
import gzip
import re
from urllib.parse import urlencode

import brotli
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import pagecache
from articles.comments import services as comment_services
from articles.models import Article, Comment
from articles.publishing import publish_article
from tests.support.comments import csrf_token_from, form_data, send, token_from
from tests.support.factories import ArticleFactory, CommentFactory, ThemeFactory, ready_article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.KZ_PAGE_CACHE = True


def served(client, url, **headers):
    response = client.get(url, **headers)
    return response, getattr(response.wsgi_request, "kz_page_cache", None)


def test_a_second_anonymous_visit_is_served_from_the_cache(client):
    article = ArticleFactory(published=True, title="Cached once")
    first, how_first = served(client, article.get_absolute_url())
    second, how_second = served(client, article.get_absolute_url())
    assert (how_first, how_second) == ("miss", "hit")
    assert "Cached once" in second.content.decode()


def test_a_cached_page_takes_one_query(client, django_assert_num_queries):
    served(client, reverse("home"))
    with django_assert_num_queries(1):  # the generation
        _, how = served(client, reverse("home"))
    assert how == "hit"


def test_editing_an_article_shows_the_change_at_once(client):
    article = ArticleFactory(published=True, title="Old headline")
    served(client, reverse("articles:list"))
    article.title = "New headline"
    article.save()
    response, how = served(client, reverse("articles:list"))
    assert how == "miss"
    assert "New headline" in response.content.decode()


def test_publishing_shows_the_new_piece_on_the_home_page(client, editor):
    ArticleFactory(published=True, title="Already out")
    served(client, reverse("home"))
    draft = ready_article(title="Fresh piece")
    publish_article(article=draft, by=editor)
    assert "Fresh piece" in client.get(reverse("home")).content.decode()


def test_tagging_a_theme_changes_the_cached_theme_page(client):
    theme = ThemeFactory(name="Energy", slug="energy")
    article = ArticleFactory(published=True, title="On gas prices")
    assert "On gas prices" not in client.get(theme.get_absolute_url()).content.decode()
    article.themes.add(theme)
    assert "On gas prices" in client.get(theme.get_absolute_url()).content.decode()


def test_approving_a_comment_shows_it_on_the_cached_article(client, moderator):
    article = ArticleFactory(published=True)
    comment = CommentFactory(article=article, body="A pending remark worth reading.")
    assert "A pending remark" not in client.get(article.get_absolute_url()).content.decode()
    comment_services.moderate_comments(
        comments=Comment.objects.filter(pk=comment.pk), status=Comment.Status.APPROVED, moderator=moderator
    )
    assert "A pending remark" in client.get(article.get_absolute_url()).content.decode()


def test_a_readers_pending_comment_does_not_empty_the_cache(client):
    article = ArticleFactory(published=True)
    client.get(article.get_absolute_url())
    before = pagecache.current_generation()
    CommentFactory(article=article)
    assert pagecache.current_generation() == before


def test_a_scheduled_piece_appears_when_its_time_comes(client, monkeypatch):
    soon = timezone.now() + datetime.timedelta(seconds=90)
    ArticleFactory(title="Scheduled analysis", status=Article.Status.PUBLISHED, live_from=soon)
    stored = {}
    from django.core.cache import caches

    pages = caches["pages"]
    real_set = pages.set
    monkeypatch.setattr(pages, "set", lambda key, value, timeout: stored.setdefault("timeout", timeout) and real_set(key, value, timeout))
    response, how = served(client, reverse("home"))
    assert how == "miss" and "Scheduled analysis" not in response.content.decode()
    assert 0 < stored["timeout"] <= 90  # the entry ends when the piece goes live


def test_staff_never_get_or_fill_the_cache(client, editor):
    article = ArticleFactory(published=True)
    served(client, article.get_absolute_url())
    staff = Client()
    staff.force_login(editor)
    response, how = served(staff, article.get_absolute_url())
    assert how is None
    # Never in a shared cache; the browser asks again each time (previews and messages: no-store).
    assert response["Cache-Control"] == "private, no-cache"


def test_a_draft_preview_is_never_cached(client, editor):
    draft = ArticleFactory(title="Not yet public")
    staff = Client()
    staff.force_login(editor)
    assert staff.get(draft.get_absolute_url()).status_code == 200
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_page_with_a_message_is_neither_cached_nor_served_from_the_cache(client):
    article = ArticleFactory(published=True)
    served(client, article.get_absolute_url())
    posted = send(client, reverse("comments:post", kwargs={"slug": article.slug}), form_data(article))
    assert posted.status_code == 302
    response, how = served(client, article.get_absolute_url())
    assert how is None
    assert "awaiting moderation" in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    assert "awaiting moderation" not in Client().get(article.get_absolute_url()).content.decode()


def test_every_reader_of_a_cached_article_gets_their_own_form_tokens():
    article = ArticleFactory(published=True)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    html_one, _ = served(first, article.get_absolute_url())
    html_two, how = served(second, article.get_absolute_url())
    assert how == "hit"
    one, two = html_one.content.decode(), html_two.content.decode()
    assert token_from(one) != token_from(two)
    assert csrf_token_from(one) != csrf_token_from(two)
    assert html_two["Cache-Control"] == "private, no-cache"
    # The second reader's comment goes through with the CSRF token of the cached page
    # (form_data's own form token is issued 30 s ago: a person takes more than 3 s).
    data = form_data(article, csrfmiddlewaretoken=csrf_token_from(two))
    response = send(second, reverse("comments:post", kwargs={"slug": article.slug}), data)
    assert response.status_code == 302
    assert Comment.objects.filter(article=article).count() == 1


def test_a_cached_form_token_is_genuine_and_single_use():
    article = ArticleFactory(published=True)
    Client().get(article.get_absolute_url())
    html = Client().get(article.get_absolute_url()).content.decode()
    from articles.comments.forms import read_form_token

    problem, nonce = read_form_token(article, token_from(html), now=datetime.datetime.now().timestamp() + 30)
    assert problem is None and nonce


def test_public_pages_carry_an_etag_and_answer_304(client):
    ArticleFactory(published=True)
    response = client.get(reverse("articles:list"))
    assert response["Cache-Control"] == "public, max-age=60, stale-while-revalidate=300"
    again = client.get(reverse("articles:list"), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_the_etag_changes_when_the_page_does(client):
    article = ArticleFactory(published=True)
    etag = client.get(reverse("articles:list"))["ETag"]
    article.title = "Another headline"
    article.save()
    response = client.get(reverse("articles:list"), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_feeds_answer_a_conditional_request_with_304(client):
    ArticleFactory(published=True)
    feed = client.get(reverse("feeds:latest"))
    assert feed.status_code == 200
    assert client.get(reverse("feeds:latest"), HTTP_IF_NONE_MATCH=feed["ETag"]).status_code == 304
    if feed.has_header("Last-Modified"):
        assert client.get(reverse("feeds:latest"), HTTP_IF_MODIFIED_SINCE=feed["Last-Modified"]).status_code == 304


@pytest.mark.parametrize("name", ["home", "articles:list", "feeds:latest", "sitemap"])
def test_pages_feeds_and_sitemaps_are_compressed_for_clients_that_accept_it(client, name):
    ArticleFactory(published=True)
    plain = client.get(reverse(name)).content
    zipped = client.get(reverse(name), HTTP_ACCEPT_ENCODING="gzip")
    assert zipped["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped["Vary"]
    assert gzip.decompress(zipped.content) == plain
    squeezed = client.get(reverse(name), HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert squeezed["Content-Encoding"] == "br"
    assert brotli.decompress(squeezed.content) == plain
    assert len(squeezed.content) < len(plain) / 2


def test_a_cached_page_keeps_both_compressed_forms_so_a_hit_compresses_nothing(client, settings):
    from django.core.cache import caches

    ArticleFactory(published=True)
    first, how = served(client, reverse("articles:list"), HTTP_ACCEPT_ENCODING="gzip")
    assert how == "miss" and first["Content-Encoding"] == "gzip"
    entry = pagecache.cache_get(caches[settings.KZ_PAGE_CACHE_ALIAS], pagecache.page_key(reverse("articles:list")))
    assert set(entry.encoded) == {"gzip", "br"}
    hit, how = served(Client(), reverse("articles:list"), HTTP_ACCEPT_ENCODING="br")
    assert how == "hit" and hit.content == entry.encoded["br"]
    assert brotli.decompress(hit.content) == gzip.decompress(first.content)


def test_compression_and_etags_work_with_the_cache_off(client, settings):
    settings.KZ_PAGE_CACHE = False
    ArticleFactory(published=True)
    response = client.get(reverse("home"), HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert client.get(reverse("home"), HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_an_article_with_its_rating_form_is_cached_and_a_vote_from_the_cached_page_counts(monkeypatch):
    # The rating form's token is the same for every reader (articles/ratings), so it may be
    # shared; only the comment form's single-use token is replaced per reader.
    article = ArticleFactory(published=True)
    served(Client(), article.get_absolute_url())
    reader = Client()
    page, how = served(reader, article.get_absolute_url())
    assert how == "hit"
    html = page.content.decode()
    assert 'id="rating_token"' in html and 'id="comment_token"' in html
    assert "@@kz-" not in html
    rating_token = re.search(r'name="token" value="([^"]+)" id="rating_token"', html).group(1)
    from articles.ratings import forms as rating_forms

    monkeypatch.setattr(rating_forms, "MIN_SECONDS", 0)  # the test reader does not pause to read
    data = {"score": 4, "token": rating_token, "csrfmiddlewaretoken": csrf_token_from(html)}
    response = reader.post(f"/articles/{article.slug}/rating/", urlencode(data),
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 302
    # The voter's next page carries the "thank you" message: rendered for them, with their vote.
    assert "4.0 from 1 vote" in reader.get(response["Location"]).content.decode()


def test_a_preview_says_private_no_store_and_readers_still_get_404(client, editor):
    draft = ArticleFactory(title="Not yet public")
    staff = Client()
    staff.force_login(editor)
    preview, how = served(staff, draft.get_absolute_url())
    assert (preview.status_code, how, preview["Cache-Control"]) == (200, None, "private, no-store")
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_renamed_article_s_cached_old_address_redirects_to_the_new_one(client):
    article = ArticleFactory(published=True, slug="old-name")
    old_url = article.get_absolute_url()
    served(client, old_url)
    assert served(client, old_url)[1] == "hit"
    article.slug = "new-name"
    article.save()
    response = client.get(old_url)
    assert (response.status_code, response["Location"]) == (301, article.get_absolute_url())
    assert served(client, article.get_absolute_url())[0].status_code == 200


def test_the_api_keeps_its_own_caching_headers_and_is_not_stored_by_the_page_cache(client):
    ArticleFactory(published=True)
    first, how = served(client, "/api/v1/articles/")
    again, how_again = served(client, "/api/v1/articles/")
    assert (how, how_again) == (None, None)
    assert again["Cache-Control"] == first["Cache-Control"] == "public, max-age=300"
    assert client.get("/api/v1/articles/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_a_failed_launch_load_keeps_cached_pages_and_a_good_one_refreshes_them_with_one_bump(client, tmp_path):
    from articles.launch import LaunchDataError, load_launch_content
    from articles.models import PageGeneration
    from tests.articles.launch.support import copy_dataset, edit

    served(client, reverse("home"))
    before = PageGeneration.objects.get(pk=1).value
    path = copy_dataset(tmp_path)
    # Only the model's own validation catches this one, after most rows are written.
    edit(path, 'verdict = "partly_supported"\nrationale = "', 'verdict = "partly_supported"\nrationale = ""\nold = "')
    with pytest.raises(LaunchDataError):
        load_launch_content(path=path)
    assert PageGeneration.objects.get(pk=1).value == before
    assert served(client, reverse("home"))[1] == "hit"

    load_launch_content()
    assert PageGeneration.objects.get(pk=1).value == before + 1
    response, how = served(client, reverse("home"))
    assert how == "miss"
    assert Article.objects.published().first().title in response.content.decode()
