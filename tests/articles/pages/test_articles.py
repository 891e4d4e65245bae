"""The commentary list and an article's page (articles/pages/articles.py), and their query budgets."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, ArticleActor, Comment, DatePrecision, SourceMarker
from tests.support.corpus import build_corpus
from tests.support.factories import (
    ActorFactory,
    ArticleFactory,
    AuthorFactory,
    CitationFactory,
    ClaimFactory,
    CommentFactory,
    ContributionFactory,
    PublicationFactory,
    ThemeFactory,
)
from tests.support.pages import outline, text

pytestmark = pytest.mark.django_db


# The generation and next go-live that keep counts until the next write; on the list,
# the facet counts when none are kept (ten GROUP BY queries, whatever the data size).
ARTICLE_BUDGET = 19  # + the corrections and updates shown under the piece; + 1: the published translations ("Also in: …")
# A preview also reads the editor's permissions (their own and their groups'), once per request.
PREVIEW_BUDGET = ARTICLE_BUDGET + 2


# --------------------------------------------------------------------------
# Page budgets
# --------------------------------------------------------------------------


def pages_for(article, corpus_like):
    theme, actor, author = corpus_like
    return {
        "home": "/",
        "list": "/articles/",
        "list filtered": f"/articles/?theme={theme}&actor={actor}&author={author}&q=CSTO&ordering=relevance"
                         "&date_after=2022-01-01&date_before=2022-12-31",
        "list page 2": "/articles/?page=2",
        "list bad params": "/articles/?theme=nope&page=abc&date_after=bad",
        "article": article.get_absolute_url(),
        "archive year": "/archive/2022/",
        "archive month": "/archive/2022/01/",
        "archive day": f"/archive/{article.published_on:%Y/%m/%d}/",
        "search": "/search/?q=CSTO troops",
        "feed latest": "/feeds/latest/",
        "feed latest atom": "/feeds/latest/atom/",
        "feed theme": f"/feeds/themes/{theme}/",
        "feed actor": f"/feeds/actors/{actor}/atom/",
        "feed author": f"/feeds/authors/{author}/",
        "sitemap": "/sitemap.xml",
        "robots": "/robots.txt",
    }


def measure(client, pages, django_assert_max_num_queries):
    counts = {}
    for name, url in pages.items():
        with django_assert_max_num_queries(ARTICLE_BUDGET) as captured:
            response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        counts[name] = len(captured)
    return counts


def test_every_page_stays_within_budget_and_constant_as_the_data_grows(client, django_assert_max_num_queries):
    small = build_corpus(10)
    article = small.published[3]  # a round-up with citations, markers, comments
    pages = pages_for(article, (small.themes[0].slug, small.actors[0].slug, small.authors[0].slug))

    before = measure(client, pages, django_assert_max_num_queries)
    build_corpus(30, start=datetime.date(2022, 1, 3))  # four times the commentary, more of everything
    after = measure(client, pages, django_assert_max_num_queries)

    assert Article.objects.published().count() == 40
    assert before == after
    assert max(after.values()) <= ARTICLE_BUDGET


def test_the_article_page_stays_within_budget_for_staff_previewing_a_draft(
    editor_client, django_assert_max_num_queries
):
    corpus = build_corpus(12)
    for article in (corpus.published[0], *corpus.hidden):
        with django_assert_max_num_queries(PREVIEW_BUDGET):
            response = editor_client.get(article.get_absolute_url())
        assert response.status_code == 200


def test_an_article_page_costs_the_same_with_few_or_many_citations_and_comments(client):
    article = ArticleFactory(published=True, body="\n\n".join(f"Paragraph {i} of the text." for i in range(30)))
    CitationFactory(article=article, quote="Paragraph 1 of")
    CommentFactory(article=article, status=Comment.Status.APPROVED)

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(article.get_absolute_url()).status_code == 200
        return len(captured)

    few = count()
    for i in range(2, 30):
        CitationFactory(article=article, quote=f"Paragraph {i} of the text")
        CommentFactory(article=article, status=Comment.Status.APPROVED)
    assert count() == few <= ARTICLE_BUDGET


# --------------------------------------------------------------------------
# Kept parts: a reader's second request renders base.html around kept parts
# --------------------------------------------------------------------------

# The generation (which keys the kept parts) and the rating summary, filled per request.
KEPT_BUDGET = 2


def tokens_stripped(html):
    return re.sub(r'name="(?:csrfmiddlewaretoken|token)" value="[^"]*"', "", html)


def test_a_readers_next_request_takes_two_queries_and_shows_the_same_page(client, django_assert_num_queries):
    corpus = build_corpus(10)
    article = corpus.published[3]  # a round-up with citations, markers and comments
    first = client.get(article.get_absolute_url()).content.decode()
    with django_assert_num_queries(KEPT_BUDGET):
        second = client.get(article.get_absolute_url()).content.decode()
    assert tokens_stripped(second) == tokens_stripped(first)
    build_corpus(30, start=datetime.date(2022, 1, 3))
    client.get(article.get_absolute_url())
    with django_assert_num_queries(KEPT_BUDGET):  # however large the site
        assert client.get(article.get_absolute_url()).status_code == 200


def test_a_shared_link_with_a_tracking_parameter_is_served_from_the_kept_parts(client, django_assert_num_queries):
    # Each ?fbclid=… or ?utm_…= address is a new page for the page cache (keyed by the
    # whole address); the kept parts are the article's, whatever the query string.
    article = ArticleFactory(published=True, title="Shared widely")
    client.get(article.get_absolute_url())
    with django_assert_num_queries(KEPT_BUDGET):
        response = client.get(article.get_absolute_url() + "?fbclid=IwAR0abc123&utm_source=social")
    assert "Shared widely" in text(response)
    assert f'rel="canonical" href="http://testserver{article.get_absolute_url()}"' in response.content.decode()


def test_an_edit_or_an_approved_comment_shows_at_once_on_a_kept_article(client):
    article = ArticleFactory(published=True, title="Before the edit")
    client.get(article.get_absolute_url())
    article.title = "After the edit"
    article.save()
    assert "After the edit" in text(client.get(article.get_absolute_url()))
    comment = CommentFactory(article=article, status=Comment.Status.PENDING, body="Waiting for a moderator")
    assert "Waiting for a moderator" not in text(client.get(article.get_absolute_url()))
    comment.status = Comment.Status.APPROVED
    comment.save()
    assert "Waiting for a moderator" in text(client.get(article.get_absolute_url()))


def test_every_reader_of_a_kept_article_gets_their_own_form_tokens_and_can_comment(client):
    from django.test import Client
    from django.urls import reverse

    from articles.comments.forms import read_form_token
    from tests.support.comments import csrf_token_from, form_data, send, token_from

    article = ArticleFactory(published=True)
    client.get(article.get_absolute_url())  # kept now
    one, two = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page_one = one.get(article.get_absolute_url()).content.decode()
    page_two = two.get(article.get_absolute_url()).content.decode()
    assert csrf_token_from(page_one) != csrf_token_from(page_two)
    assert token_from(page_one) != token_from(page_two)
    assert "@@kz-" not in page_one + page_two
    problem, nonce = read_form_token(article, token_from(page_two), now=datetime.datetime.now().timestamp() + 30)
    assert problem is None and nonce
    # form_data's own form token is issued 30 s ago: a person takes more than 3 s.
    sent = send(one, reverse("comments:post", kwargs={"slug": article.slug}),
                form_data(article, csrfmiddlewaretoken=csrf_token_from(page_one)))
    assert sent.status_code == 302
    assert Comment.objects.filter(article=article).count() == 1


def test_staff_and_logged_in_readers_never_get_kept_parts(editor_client, django_assert_max_num_queries):
    article = ArticleFactory(published=True)
    editor_client.get(article.get_absolute_url())
    with CaptureQueriesContext(connection) as captured:
        editor_client.get(article.get_absolute_url())
    assert len(captured) > KEPT_BUDGET + 5  # rendered whole each time
    assert "preview-banner" not in editor_client.get(article.get_absolute_url()).content.decode()


def test_a_preview_is_never_kept_for_readers(editor_client):
    from django.test import Client

    article = ArticleFactory(status=Article.Status.DRAFT, title="Not yet public")
    assert "preview-banner" in editor_client.get(article.get_absolute_url()).content.decode()
    assert Client().get(article.get_absolute_url()).status_code == 404


def test_each_host_gets_its_own_absolute_addresses(client, settings):
    settings.ALLOWED_HOSTS = ["testserver", "mirror.example.org"]
    article = ArticleFactory(published=True)
    on_one = client.get(article.get_absolute_url()).content.decode()
    on_other = client.get(article.get_absolute_url(), HTTP_HOST="mirror.example.org").content.decode()
    assert 'property="og:url" content="http://testserver/' in on_one
    assert 'property="og:url" content="http://mirror.example.org/' in on_other


HIDDEN_STATES = {
    "draft": {"status": Article.Status.DRAFT},
    "review": {"status": Article.Status.REVIEW},
    "archived": {"status": Article.Status.ARCHIVED, "live_from": timezone.now() - datetime.timedelta(days=1)},
    "scheduled": {"status": Article.Status.PUBLISHED, "live_from": timezone.now() + datetime.timedelta(hours=1)},
}


# --------------------------------------------------------------------------
# The list
# --------------------------------------------------------------------------


def test_the_list_shows_published_commentary_newest_first_with_bylines_and_comment_counts(client):
    older = ArticleFactory(published=True, title="Older piece", published_on=datetime.date(2022, 1, 8),
                           authors=[AuthorFactory(name="Alica Kizeková")])
    ArticleFactory(published=True, title="Newer piece", published_on=datetime.date(2022, 1, 20))
    CommentFactory(article=older, status=Comment.Status.APPROVED)
    CommentFactory(article=older, status=Comment.Status.APPROVED)
    CommentFactory(article=older, status=Comment.Status.PENDING)

    page = text(client.get("/articles/"))

    assert page.index("Newer piece") < page.index("Older piece")
    assert "Alica Kizeková" in page
    assert "2 comments" in page
    assert "3 comments" not in page


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_the_list_never_shows_unpublished_commentary(client, state):
    ArticleFactory(published=True, title="Visible piece")
    ArticleFactory(title="Unpublished piece", **HIDDEN_STATES[state])

    page = text(client.get("/articles/"))

    assert "Visible piece" in page
    assert "Unpublished piece" not in page
    assert "1 piece of commentary" in page


def test_the_list_is_paginated_with_links_that_keep_the_filters(client):
    theme = ThemeFactory(slug="security")
    for _ in range(25):
        ArticleFactory(published=True).themes.add(theme)

    first = text(client.get("/articles/?theme=security"))
    second = client.get("/articles/?theme=security&page=2")

    assert "Page 1 of 2" in first
    assert 'href="?theme=security&amp;page=2"' in first
    assert second.status_code == 200
    assert len(second.context["articles"]) == 5


def test_staff_see_only_published_commentary_in_the_list_too(editor_client):
    ArticleFactory(title="Draft piece")
    assert "Draft piece" not in text(editor_client.get("/articles/"))


# --------------------------------------------------------------------------
# An article
# --------------------------------------------------------------------------


def test_an_article_shows_standfirst_authors_with_affiliations_publication_and_original(client):
    publication = PublicationFactory(name="CEIAS", slug="ceias")
    article = ArticleFactory(
        published=True,
        title="Kazakhstan and the CSTO",
        standfirst="Why the alliance moved so fast.",
        publication=publication,
        original_url="https://ceias.example/kz",
        authors=[
            AuthorFactory(name="Alica Kizeková", affiliation="Research Fellow, CEIAS"),
            AuthorFactory(name="Velina Tchakarova", affiliation="Director, AIES"),
        ],
    )

    page = text(client.get(article.get_absolute_url()))

    assert "Why the alliance moved so fast." in page
    assert "Alica Kizeková" in page and "Research Fellow, CEIAS" in page
    assert "Velina Tchakarova" in page and "Director, AIES" in page
    assert 'href="/publications/ceias/"' in page
    assert 'href="https://ceias.example/kz"' in page


@pytest.mark.parametrize(
    ("precision", "machine", "human"),
    [
        (DatePrecision.DAY, "2022-01-20", "20 January 2022"),
        (DatePrecision.MONTH, "2022-01", "January 2022"),
        (DatePrecision.YEAR, "2022", "2022"),
    ],
)
def test_the_date_is_shown_at_its_precision_with_a_machine_readable_time(client, precision, machine, human):
    article = ArticleFactory(published=True, published_on=datetime.date(2022, 1, 20),
                             published_on_precision=precision, date_note="Inferred from the text.")

    page = text(client.get(article.get_absolute_url()))

    assert f'<time datetime="{machine}">{human}</time>' in page
    assert "Inferred from the text." in page


def test_the_editorial_note_and_themes_are_shown(client):
    article = ArticleFactory(published=True, editorial_note="The title is ours.")
    article.themes.add(ThemeFactory(name="Great-power rivalry", slug="rivalry"))

    page = text(client.get(article.get_absolute_url()))

    assert "The title is ours." in page
    assert 'href="/themes/rivalry/"' in page


def test_a_round_up_shows_each_contribution_under_its_expert_with_an_anchor(client):
    article = ArticleFactory(published=True, body="The editor's introduction.")
    ContributionFactory(article=article, order=1, author=AuthorFactory(name="First Expert"),
                        body="First answer.")
    ContributionFactory(article=article, order=2, author=AuthorFactory(name="Second Expert"),
                        heading="On China", body="Second answer.")

    page = text(client.get(article.get_absolute_url()))

    first, second = page.index('id="contribution-1"'), page.index('id="contribution-2"')
    assert first < page.index("First Expert", first) < page.index("First answer.") < second
    assert second < page.index("On China") < page.index("Second Expert", second) < page.index("Second answer.")
    assert 'href="#contribution-1"' in page and 'href="#contribution-2"' in page
    assert '<p id="c2-p1">Second answer.</p>' in page


def test_paragraphs_keep_their_stable_anchors(client):
    article = ArticleFactory(published=True, body="One.\n\nTwo.\n\n## Heading\n\nThree.")
    page = text(client.get(article.get_absolute_url()))
    assert '<p id="p1">One.</p>' in page
    assert '<p id="p3">Three.</p>' in page


def test_source_markers_link_to_their_source_or_say_that_the_original_had_one(client):
    article = ArticleFactory(published=True, body="First claim [↗].\n\nSecond claim [↗].")
    SourceMarker.objects.create(article=article, order=1, anchor="p1", context="First claim",
                                url="https://source.example/one")
    SourceMarker.objects.create(article=article, order=2, anchor="p2", context="Second claim")

    page = text(client.get(article.get_absolute_url()))

    assert 'href="https://source.example/one" rel="nofollow noopener noreferrer"' in page
    assert "(source)" in page
    assert "(the original linked a source here)" in page


def test_actors_mentioned_are_linked_most_mentions_first_and_removed_ones_hidden(client):
    article = ArticleFactory(published=True)
    ArticleActor.objects.create(article=article, actor=ActorFactory(name="Russia", slug="russia"), mentions=2)
    ArticleActor.objects.create(article=article, actor=ActorFactory(name="Kazakhstan", slug="kz"), mentions=9)
    ArticleActor.objects.create(article=article, actor=ActorFactory(name="Wrongly detected"), mentions=20,
                                origin=ArticleActor.Origin.EXCLUDED)

    page = text(client.get(article.get_absolute_url()))

    assert page.index('href="/actors/kz/"') < page.index('href="/actors/russia/"')
    assert "Wrongly detected" not in page


def test_related_commentary_ranks_shared_claims_above_actors_above_themes(client):
    claim, actor, theme = ClaimFactory(), ActorFactory(), ThemeFactory()
    article = ArticleFactory(published=True)
    CitationFactory(article=article, claim=claim)
    ArticleActor.objects.create(article=article, actor=actor, mentions=1)
    article.themes.add(theme)
    by_theme = ArticleFactory(published=True, title="Shares a theme")
    by_theme.themes.add(theme)
    by_actor = ArticleFactory(published=True, title="Shares an actor")
    ArticleActor.objects.create(article=by_actor, actor=actor, mentions=1)
    by_claim = ArticleFactory(published=True, title="Shares a claim")
    CitationFactory(article=by_claim, claim=claim)
    ArticleFactory(published=True, title="Shares nothing")

    response = client.get(article.get_absolute_url())

    related = re.search(r'<ul class="related">(.*?)</ul>', response.content.decode(), re.S).group(1)
    assert re.findall(r'<a href="[^"]*">([^<]*)</a>', related) == ["Shares a claim", "Shares an actor", "Shares a theme"]
    assert "Shares 1 claim." in text(response)


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_related_commentary_never_includes_unpublished_articles(client, state):
    theme = ThemeFactory()
    article = ArticleFactory(published=True)
    article.themes.add(theme)
    ArticleFactory(title="Unpublished relative", **HIDDEN_STATES[state]).themes.add(theme)

    assert "Unpublished relative" not in text(client.get(article.get_absolute_url()))


def test_previous_and_next_link_to_the_published_neighbours_by_date(client):
    first = ArticleFactory(published=True, title="First", published_on=datetime.date(2022, 1, 6))
    ArticleFactory(title="Draft between", published_on=datetime.date(2022, 1, 7))
    middle = ArticleFactory(published=True, title="Middle", published_on=datetime.date(2022, 1, 8))
    last = ArticleFactory(published=True, title="Last", published_on=datetime.date(2022, 1, 9))

    page = text(client.get(middle.get_absolute_url()))

    assert f'rel="prev" href="{first.get_absolute_url()}">First</a>' in page
    assert f'rel="next" href="{last.get_absolute_url()}">Last</a>' in page
    assert "Draft between" not in page
    assert 'rel="prev"' not in text(client.get(first.get_absolute_url()))


def test_only_approved_comments_appear_under_the_article(client):
    article = ArticleFactory(published=True)
    CommentFactory(article=article, body="Approved words", status=Comment.Status.APPROVED)
    for status in (Comment.Status.PENDING, Comment.Status.REJECTED, Comment.Status.SPAM):
        CommentFactory(article=article, body=f"Hidden {status} words", status=status)

    page = text(client.get(article.get_absolute_url()))

    assert "Approved words" in page
    assert "Hidden" not in page
    assert 'id="comments"' in page


def test_no_email_address_appears_on_the_article_page(client):
    article = ArticleFactory(published=True)
    CommentFactory(article=article, email="private.reader@example.org", status=Comment.Status.APPROVED)
    assert "private.reader@example.org" not in text(client.get(article.get_absolute_url()))


def test_editor_text_is_escaped_wherever_it_appears(client):
    article = ArticleFactory(
        published=True,
        title="<script>alert(1)</script> headline",
        standfirst="<img src=x onerror=alert(1)>",
        editorial_note="<b>bold</b>",
    )

    page = text(client.get(article.get_absolute_url()))

    assert "<script>alert(1)</script>" not in page
    assert "<img src=x" not in page
    assert "<b>bold</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; headline" in page


# --------------------------------------------------------------------------
# Unpublished articles: 404 for readers, preview for staff
# --------------------------------------------------------------------------


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_unpublished_articles_are_not_found_for_readers(client, state):
    article = ArticleFactory(**HIDDEN_STATES[state])
    response = client.get(article.get_absolute_url())
    assert response.status_code == 404
    assert article.title not in text(response)


def test_a_non_staff_user_cannot_preview_a_draft(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", password="x"))
    assert client.get(ArticleFactory().get_absolute_url()).status_code == 404


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_staff_can_preview_unpublished_articles_under_a_visible_banner(editor_client, state):
    article = ArticleFactory(title="Work in progress", **HIDDEN_STATES[state])

    response = editor_client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert "Work in progress" in text(response)
    assert "Preview: not published" in text(response)
    assert outline(response).meta["robots"] == "noindex, nofollow"


def test_staff_see_no_preview_banner_on_a_published_article(editor_client):
    article = ArticleFactory(published=True)
    assert "Preview: not published" not in text(editor_client.get(article.get_absolute_url()))


def test_a_piece_in_another_language_marks_its_own_text_with_that_language(client):
    russian = ArticleFactory(published=True, language="ru", title="Кризис в Казахстане", standfirst="Что произошло.")
    english = ArticleFactory(published=True, language="en")

    page = text(client.get(russian.get_absolute_url()))

    assert '<h1 id="article-title" lang="ru">Кризис в Казахстане</h1>' in page
    assert '<p class="standfirst" lang="ru">' in page
    assert '<div class="article-body" lang="ru">' in page
    article = page[page.index('<article class="article"') : page.index("</article>")]
    assert article.count('lang="ru"') == 3  # the site's own words stay English
    english_page = text(client.get(english.get_absolute_url()))
    english_article = english_page[english_page.index('<article class="article"') : english_page.index("</article>")]
    assert "lang=" not in english_article


def test_a_russian_piece_read_in_the_russian_interface_needs_no_lang_of_its_own(client):
    russian = ArticleFactory(published=True, language="ru", title="Кризис в Казахстане")

    page = text(client.get(f"/ru{russian.get_absolute_url()}"))

    assert '<html lang="ru">' in page
    assert '<h1 id="article-title">Кризис в Казахстане</h1>' in page
