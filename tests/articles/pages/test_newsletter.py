"""The newsletter (articles/newsletter, pages in articles/pages/newsletter.py): sign-up,
double opt-in by signed link, digests by the task queue, one-click unsubscribe,
the subscriber's data, and no way to learn who is subscribed."""

import datetime
import json
import re
import time
from urllib.parse import urlencode

import pytest
from django.core import mail, signing
from django.utils import timezone, translation

from articles import publishing
from articles.comments.forms import make_signed_token
from articles.newsletter import services, tokens
from articles.newsletter.forms import DATA_SALT, SIGNUP_SALT
from articles.newsletter.models import Dispatch, Subscriber
from tests.support.factories import ActorFactory, ArticleFactory, ThemeFactory, ready_article

pytestmark = pytest.mark.django_db

ADDRESS = "reader@example.org"


def post(client, url, data, **extra):
    return client.post(url, urlencode(data, doseq=True), content_type="application/x-www-form-urlencoded", **extra)


def signup_data(**overrides):
    data = {"email": ADDRESS, "scope": "all", "frequency": "weekly", "website": "",
            "token": make_signed_token(SIGNUP_SALT, at=time.time() - 30)}
    data.update(overrides)
    return data


def sign_up(client, django_capture_on_commit_callbacks, **overrides):
    with django_capture_on_commit_callbacks(execute=True):
        return post(client, "/newsletter/", signup_data(**overrides))


def link_in(message, name):
    match = re.search(rf"http://testserver/newsletter/{name}/[^\s]+/", message.body)
    assert match, message.body
    return match.group(0).replace("http://testserver", "")


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.KZ_SITE_URL = "http://testserver"


def test_the_whole_flow_sign_up_confirm_digest_unsubscribe(client, django_capture_on_commit_callbacks):
    response = sign_up(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response["Location"] == "/newsletter/sent/"
    assert not Subscriber.objects.exists(), "nothing is stored before the address is confirmed"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [ADDRESS]
    confirm_url = link_in(mail.outbox[0], "confirm")

    # The link opens a page with a button (mail scanners follow links, not forms).
    page = client.get(confirm_url)
    assert page.status_code == 200 and b"Yes, subscribe" in page.content
    assert not Subscriber.objects.exists()
    assert post(client, confirm_url, {}).status_code == 200
    subscriber = Subscriber.objects.get()
    assert subscriber.email == ADDRESS and subscriber.everything and subscriber.frequency == "weekly"

    article = ready_article(title="Fresh analysis of the CSTO")
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish_article(article=article, by=None)
    assert len(mail.outbox) == 1, "weekly subscribers wait for the weekly digest"
    dispatch = services.send_digests(frequency="weekly")
    assert dispatch.recipients == 1 and list(dispatch.articles.all()) == [article]
    digest = mail.outbox[1]
    assert digest.to == [ADDRESS] and "Fresh analysis of the CSTO" in digest.body
    assert "http://testserver/articles/" + article.slug + "/" in digest.body
    unsubscribe_url = link_in(digest, "unsubscribe")
    assert digest.extra_headers["List-Unsubscribe"] == f"<http://testserver{unsubscribe_url}>"
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # The next run has nothing new for them.
    assert services.send_digests(frequency="weekly") is None and len(mail.outbox) == 2

    # One click from the mail program (RFC 8058): a POST without cookies or CSRF token.
    csrf_client = client.__class__(enforce_csrf_checks=True)
    response = csrf_client.post(unsubscribe_url, "List-Unsubscribe=One-Click",
                                content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert not Subscriber.objects.exists()
    # A second click is just as fine.
    assert csrf_client.post(unsubscribe_url, {"List-Unsubscribe": "One-Click"}).status_code == 200


def test_on_publication_subscribers_get_mail_when_an_article_is_published_only_for_their_choices(
        client, django_capture_on_commit_callbacks):
    theme, actor = ThemeFactory(name="Energy"), ActorFactory(name="Tokayev")
    sign_up(client, django_capture_on_commit_callbacks, scope="chosen", frequency="publication",
            themes=[theme.pk], actors=[actor.pk])
    post(client, link_in(mail.outbox[0], "confirm"), {})
    subscriber = Subscriber.objects.get()
    assert not subscriber.everything and list(subscriber.themes.all()) == [theme]

    unrelated, themed = ready_article(title="Unrelated piece"), ready_article(title="Energy piece")
    themed.themes.add(theme)
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish_article(article=unrelated, by=None)
    assert len(mail.outbox) == 1, "nothing they chose"
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish_article(article=themed, by=None)
    assert len(mail.outbox) == 2
    assert "Energy piece" in mail.outbox[1].body and "Unrelated piece" not in mail.outbox[1].body
    assert Dispatch.objects.filter(frequency="publication").count() == 1


def test_the_weekly_task_sends_the_weeks_commentary(client):
    from articles.newsletter import tasks

    Subscriber.objects.create(email=ADDRESS, last_sent_at=timezone.now() - datetime.timedelta(days=7))
    ArticleFactory(published=True, title="This week's piece")
    tasks.weekly_digest.call_local()
    assert [m.to for m in mail.outbox] == [[ADDRESS]] and "This week's piece" in mail.outbox[0].body
    assert Dispatch.objects.get().recipients == 1


def test_drafts_never_go_into_a_digest(client, django_capture_on_commit_callbacks):
    Subscriber.objects.create(email=ADDRESS, last_sent_at=timezone.now() - datetime.timedelta(days=7))
    ArticleFactory(title="Draft piece")
    ArticleFactory(title="Scheduled piece", status="published", live_from=timezone.now() + datetime.timedelta(hours=2))
    assert services.send_digests(frequency="weekly") is None
    assert mail.outbox == []


def test_the_answer_is_the_same_whether_the_address_is_subscribed_or_not(client, django_capture_on_commit_callbacks):
    Subscriber.objects.create(email="known@example.org")
    known = sign_up(client, django_capture_on_commit_callbacks, email="known@example.org")
    unknown = sign_up(client, django_capture_on_commit_callbacks, email="stranger@example.org")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert client.get(known["Location"]).content == client.get(unknown["Location"]).content
    # The data-link request answers the same too; only a subscribed address gets a mail.
    mail.outbox.clear()
    answers = []
    for email in ("known@example.org", "stranger@example.org"):
        with django_capture_on_commit_callbacks(execute=True):
            answers.append(post(client, "/newsletter/data/", {
                "email": email, "website": "", "token": make_signed_token(DATA_SALT, at=time.time() - 30)}))
    assert [(a.status_code, a["Location"]) for a in answers] == [(302, "/newsletter/sent/")] * 2
    assert [m.to for m in mail.outbox] == [["known@example.org"]]


def test_expired_and_tampered_links_are_refused_with_a_clear_message(client, django_capture_on_commit_callbacks):
    sign_up(client, django_capture_on_commit_callbacks)
    confirm_url = link_in(mail.outbox[0], "confirm")
    token = confirm_url.split("/")[-2]
    tampered = f"/newsletter/confirm/{token[:-3]}{'abc' if token[-3:] != 'abc' else 'xyz'}/"
    response = post(client, tampered, {})
    assert response.status_code == 400 and b"was changed" in response.content
    forged = tokens.confirm_token(email=ADDRESS, frequency="weekly", everything=True, themes=[], actors=[])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(time, "time", lambda: time.mktime(time.gmtime()) + 4 * 86400)
        response = post(client, f"/newsletter/confirm/{forged}/", {})
    assert response.status_code == 400 and b"has expired" in response.content
    assert not Subscriber.objects.exists()
    # A confirm token does not work as an unsubscribe or data link (different salts).
    assert client.get(f"/newsletter/unsubscribe/{token}/").status_code == 400
    assert client.get(f"/newsletter/data/{token}/").status_code == 400
    assert client.get("/newsletter/unsubscribe/" + signing.dumps([1, "x"]) + "/").status_code == 400


def test_a_subscriber_can_download_and_delete_their_data(client):
    theme = ThemeFactory(name="Energy")
    subscriber = Subscriber.objects.create(email=ADDRESS, everything=False)
    subscriber.themes.add(theme)
    token = tokens.data_token(subscriber)
    response = client.get(f"/newsletter/data/{token}/download/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert data["email"] == ADDRESS and data["themes"] == ["Energy"] and data["everything"] is False
    page = client.get(f"/newsletter/data/{token}/")
    assert b"Delete my data" in page.content
    assert post(client, f"/newsletter/data/{token}/delete/", {}).status_code == 200
    assert not Subscriber.objects.exists()


def test_sign_up_refuses_bots_and_floods_without_storing_or_mailing(client, settings, django_capture_on_commit_callbacks):
    # The honeypot: answered like a success, nothing sent.
    response = sign_up(client, django_capture_on_commit_callbacks, website="http://spam.example")
    assert response.status_code == 302 and mail.outbox == []
    # A form filled in faster than a person can, or forged.
    response = sign_up(client, django_capture_on_commit_callbacks, token=make_signed_token(SIGNUP_SALT))
    assert response.status_code == 400 and b"quicker than anyone" in response.content
    response = sign_up(client, django_capture_on_commit_callbacks, token="forged")
    assert response.status_code == 400 and b"could not be checked" in response.content
    # A bad address, and "chosen" with nothing chosen, say so beside the field.
    response = sign_up(client, django_capture_on_commit_callbacks, email="not an address")
    assert response.status_code == 400 and b"valid e-mail address" in response.content
    response = sign_up(client, django_capture_on_commit_callbacks, scope="chosen")
    assert response.status_code == 400 and b"at least one theme or actor" in response.content
    # The rate limit.
    settings.KZ_NEWSLETTER_RATE = "2/h"
    statuses = [sign_up(client, django_capture_on_commit_callbacks).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    assert len(mail.outbox) == 2


def test_the_sign_up_page_takes_the_same_number_of_queries_with_more_themes_and_actors(
        client, django_assert_num_queries):
    ThemeFactory(); ActorFactory()  # noqa: E702
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get("/newsletter/").status_code == 200
    for _ in range(15):
        ThemeFactory(); ActorFactory()  # noqa: E702
    with CaptureQueriesContext(connection) as large:
        page = client.get("/newsletter/")
    assert len(small) == len(large)
    assert page.content.count(b'name="themes"') == 16


def test_the_admin_lists_subscribers_and_send_history(admin_client):
    subscriber = Subscriber.objects.create(email=ADDRESS)
    Dispatch.objects.create(frequency="weekly", recipients=3)
    page = admin_client.get("/admin/newsletter/subscriber/")
    assert page.status_code == 200 and ADDRESS.encode() in page.content
    assert admin_client.get("/admin/newsletter/dispatch/").status_code == 200
    response = admin_client.post("/admin/newsletter/subscriber/", {
        "action": "delete_subscribers", "_selected_action": [subscriber.pk]})
    assert response.status_code == 302 and not Subscriber.objects.exists()
    from django.contrib.admin.models import LogEntry

    entry = LogEntry.objects.get()
    assert entry.is_deletion() and ADDRESS not in entry.object_repr


def test_the_sign_up_page_answers_head_and_refuses_other_methods_and_uploads(client):
    assert client.head("/newsletter/").status_code == 200
    assert client.put("/newsletter/").status_code == 405
    assert client.post("/newsletter/", {"email": ADDRESS}).status_code == 415  # multipart



def test_a_reader_who_signs_up_on_the_russian_page_gets_russian_mail_linking_to_russian_pages(
    client, settings, django_capture_on_commit_callbacks
):
    site = settings.KZ_SITE_NAME
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, "/ru/newsletter/", signup_data()).status_code == 302
    confirmation = mail.outbox[0]
    assert confirmation.subject == f"[{site}] Подтвердите подписку на рассылку"
    assert "Чтобы подтвердить, откройте ссылку и нажмите кнопку:" in confirmation.body
    confirm_url = re.search(r"http://testserver(/ru/newsletter/confirm/[^\s]+/)", confirmation.body).group(1)
    assert post(client, confirm_url, {}).status_code == 200
    assert Subscriber.objects.get().language == "ru"

    article = ready_article(title="Fresh analysis of the CSTO")
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish_article(article=article, by=None)
    # The worker has no request: it runs in the site's language, and each mail sets its own.
    with translation.override("en"):
        services.send_digests(frequency="weekly")
    digest = mail.outbox[1]
    assert digest.subject == f"[{site}] Новые комментарии: Fresh analysis of the CSTO"
    assert f"Новые комментарии на {site}" in digest.body
    assert f"http://testserver/ru/articles/{article.slug}/" in digest.body
    assert "Отписаться одним нажатием: http://testserver/ru/newsletter/unsubscribe/" in digest.body
    assert "Unsubscribe" not in digest.body


def test_the_data_link_mail_is_in_the_language_it_was_asked_in_and_the_data_names_the_subscribers(
    client, django_capture_on_commit_callbacks
):
    subscriber = Subscriber.objects.create(email=ADDRESS, language="ru")
    with django_capture_on_commit_callbacks(execute=True):
        post(client, "/kk/newsletter/data/", {
            "email": ADDRESS, "website": "", "token": make_signed_token(DATA_SALT, at=time.time() - 30)})
    body = mail.outbox[0].body
    assert "Бір басумен жазылымнан бас тарту: http://testserver/kk/newsletter/unsubscribe/" in body
    download = client.get(f"/newsletter/data/{tokens.data_token(subscriber)}/download/")
    assert json.loads(download.content)["language"] == "ru"
