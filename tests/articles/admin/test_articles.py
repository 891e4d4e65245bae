"""The article admin (articles/admin/articles.py): history, reverts, workflow actions, mentions."""

import pytest
from django.urls import reverse

from articles.models import Article
from tests.support import factories
from tests.support.factories import (
    ArticleFactory,
    AuthorFactory,
    ThemeFactory,
    ready_article,
)


@pytest.fixture
def one_of_each(db):
    return factories.one_of_each()


def test_editor_can_browse_an_articles_history(editor_client, one_of_each):
    article = Article.objects.get()
    response = editor_client.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert response.status_code == 200


def test_editor_can_revert_an_article_to_an_earlier_version(editor_client, one_of_each):
    article = Article.objects.get()
    original_title = article.title
    article.title = "A regrettable edit"
    article.save()
    first = article.history.order_by("history_date").first()
    url = reverse("admin:articles_article_simple_history", args=[article.pk, first.history_id])
    assert editor_client.get(url).status_code == 200
    assert original_title in editor_client.get(url).content.decode()


def test_publish_action_goes_through_the_workflow_and_makes_the_article_public(editor_client):
    article = ready_article()
    response = editor_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish", "_selected_action": [article.pk]},
        follow=True,
    )
    assert "1 article(s) published" in response.content.decode()
    assert list(Article.objects.published()) == [article]


def test_archive_action_hides_the_article(editor_client):
    article = ArticleFactory(published=True)
    editor_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "archive", "_selected_action": [article.pk]},
    )
    assert not Article.objects.published().exists()


def test_article_changelist_runs_a_fixed_number_of_queries(editor_client, django_assert_max_num_queries):
    for _ in range(15):
        ArticleFactory(published=True)
    # 15: twelve for the page, one for the two-factor device check (kzportal.twofactor),
    # and the theme, author and actor filters' choices (one query each; the publication
    # filter's was already counted).
    with django_assert_max_num_queries(15):
        assert editor_client.get(reverse("admin:articles_article_changelist")).status_code == 200


def _article_form_data(article, actor_rows):
    """The article change form as the browser would post it, with one actor inline."""
    data = {
        "title": article.title, "slug": article.slug, "standfirst": article.standfirst,
        "body": article.body, "publication": article.publication_id or "", "series": "",
        "series_number": "", "original_url": "", "published_on": "2022-01-20",
        "published_on_precision": "day", "date_note": "", "editorial_note": "", "language": "en",
        "origin": article.origin, "rights": article.rights,
        "status": article.status, "live_from_0": "", "live_from_1": "", "comments_open": "on",
        "themes": "",
    }
    for prefix, rows in {
        "article_authors": [], "contributions": [], "citations": [], "source_markers": [], "corrections": [],
        "lead_image": [],
        "article_actors": actor_rows,
    }.items():
        data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
        data[f"{prefix}-INITIAL_FORMS"] = str(len(rows))
        for i, row in enumerate(rows):
            for key, value in row.items():
                data[f"{prefix}-{i}-{key}"] = value
    return data


def test_deleting_a_detected_actor_in_the_admin_keeps_it_removed(editor_client):
    from actors.models import Actor
    from articles.models import ArticleActor

    china = Actor.objects.create(kind="country", name="China", slug="china")
    article = ArticleFactory(body="China was consulted. China offered help.")
    from articles.mentions import refresh_actor_mentions

    refresh_actor_mentions(article=article)
    row = ArticleActor.objects.get(article=article, actor=china)
    data = _article_form_data(
        article,
        [{"id": row.pk, "article": article.pk, "actor": china.pk, "origin": "detected", "DELETE": "on"}],
    )
    response = editor_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    row = ArticleActor.objects.get(article=article, actor=china)
    assert row.origin == ArticleActor.Origin.EXCLUDED
    assert not ArticleActor.objects.mentioned().filter(article=article).exists()


def test_articles_filter_by_theme_author_and_actor_with_only_used_values_offered(editor_client):
    from actors.models import Actor
    from articles.mentions import refresh_actor_mentions

    china = Actor.objects.create(kind="country", name="China", slug="china")
    Actor.objects.create(kind="country", name="Mongolia", slug="mongolia")
    theme, author = ThemeFactory(name="Belt and Road"), AuthorFactory(name="Alica Kizeková")
    ThemeFactory(name="Unused theme")
    filed = ArticleFactory(title="Filed piece", body="China was consulted.", authors=[author])
    filed.themes.add(theme)
    refresh_actor_mentions(article=filed)
    ArticleFactory(title="Other piece", body="Nothing relevant.")
    listing = reverse("admin:articles_article_changelist")
    page = editor_client.get(listing).content.decode()
    assert "Belt and Road" in page and "Unused theme" not in page and "Mongolia" not in page
    for query in (f"theme={theme.pk}", f"author={author.pk}", f"actor={china.pk}"):
        rows = editor_client.get(f"{listing}?{query}").content.decode()
        assert "Filed piece" in rows and "Other piece" not in rows, query
    assert editor_client.get(f"{listing}?theme=x").status_code == 200
