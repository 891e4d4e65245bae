"""Every page of the launch content, loaded once for the module: within budget, cross-linked,
its cited passages marked."""


import pytest

from articles.models import Article, Claim, DatePrecision, Event, Theme
from tests.support.reference_world import (
    BUDGET,
    http_query_count,
)

pytestmark = pytest.mark.django_db


# Every test here only reads: the dataset is loaded once for the module (launch_content in
# tests/conftest.py), and each test's writes, if any, are rolled back after it.


@pytest.fixture
def launch(launch_content, db):
    """The published launch articles, oldest first."""
    return list(Article.objects.published().by_date())


def launch_urls():
    from actors.models import Actor
    from articles.models import Author, Publication

    urls = ["/actors/", "/themes/", "/claims/", "/timeline/"]
    urls += [a.get_absolute_url() for a in Actor.objects.all()]
    urls += [t.get_absolute_url() for t in Theme.objects.all()]
    urls += [a.get_absolute_url() for a in Author.objects.all()]
    urls += [p.get_absolute_url() for p in Publication.objects.all()]
    urls += [c.get_absolute_url() for c in Claim.objects.all()]
    return urls


def test_every_reference_page_of_the_launch_content_renders_within_budget(client, launch):
    urls = launch_urls()
    assert len(urls) > 90
    counts = {url: http_query_count(client, url) for url in urls}
    over = {url: n for url, n in counts.items() if n > BUDGET}
    assert not over


def test_launch_content_key_pages_show_their_cross_links(client, launch):
    russia = client.get("/actors/russia/").content.decode()
    assert 'href="/actors/csto/"' in russia and "<svg" in russia
    csto = client.get("/actors/csto/").content.decode()
    assert "<h3>Members</h3>" in csto and 'href="/actors/russia/"' in csto
    claim = Claim.objects.exclude(citations=None).first()
    page = client.get(claim.get_absolute_url()).content.decode()
    assert 'class="ref-stance-summary"' in page
    timeline = client.get("/timeline/").content.decode()
    assert timeline.count('class="ref-event"') == Event.objects.count()


# As in test_articles: the generation and next go-live that keep counts until the next
# write, and on a list whose facet counts are not kept yet, their ten GROUP BY queries.
ARTICLE_BUDGET = 19  # + the corrections and updates shown under the piece; + 1: the published translations ("Also in: …")


def measure(client, pages, django_assert_max_num_queries):
    counts = {}
    for name, url in pages.items():
        with django_assert_max_num_queries(ARTICLE_BUDGET) as captured:
            response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        counts[name] = len(captured)
    return counts


def test_the_launch_content_is_published_and_every_page_renders_within_budget(
    client, launch, django_assert_max_num_queries
):
    from actors.models import Actor
    from articles.models import Author

    assert len(launch) >= 5
    pages = {"home": "/", "list": "/articles/", "search": "/search/?q=CSTO Russia", "sitemap": "/sitemap.xml",
             "feed": "/feeds/latest/", "robots": "/robots.txt"}
    for article in launch:
        pages[f"article {article.slug}"] = article.get_absolute_url()
        if article.published_on:
            pages[f"year {article.slug}"] = f"/archive/{article.published_on:%Y}/"
            if article.published_on_precision != DatePrecision.YEAR:
                pages[f"month {article.slug}"] = f"/archive/{article.published_on:%Y/%m}/"
            if article.published_on_precision == DatePrecision.DAY:
                pages[f"day {article.slug}"] = f"/archive/{article.published_on:%Y/%m/%d}/"
    for theme in Theme.objects.all():
        pages[f"list theme {theme.slug}"] = f"/articles/?theme={theme.slug}"
        pages[f"feed theme {theme.slug}"] = f"/feeds/themes/{theme.slug}/atom/"
    for actor in Actor.objects.all()[:10]:
        pages[f"list actor {actor.slug}"] = f"/articles/?actor={actor.slug}"
        pages[f"feed actor {actor.slug}"] = f"/feeds/actors/{actor.slug}/"
    for author in Author.objects.all():
        pages[f"list author {author.slug}"] = f"/articles/?author={author.slug}&q=Kazakhstan"
        pages[f"feed author {author.slug}"] = f"/feeds/authors/{author.slug}/"

    counts = measure(client, pages, django_assert_max_num_queries)

    assert max(counts.values()) <= ARTICLE_BUDGET, counts


def test_every_cited_passage_of_the_launch_articles_is_marked_in_the_text(client, launch):
    from articles.models import Citation

    for article in launch:
        page = client.get(article.get_absolute_url()).content.decode()
        citations = list(Citation.objects.filter(article=article))
        assert citations, article.slug
        for citation in citations:
            assert f'id="citation-{citation.pk}"' in page, (article.slug, citation.quote)
        assert "[cited:" not in page, article.slug  # none fell back to a paragraph-end link
        assert page.count('<mark class="citation">') >= len({c.anchor for c in citations})


def test_the_launch_content_reads_in_russian_and_kazakh_with_standard_spellings(client, launch):
    article = launch[0]
    article_url = article.get_absolute_url()  # before a /kk/ request makes Kazakh the active language
    russian = client.get("/ru/actors/tokayev/").content.decode()
    assert '<h1 id="page-heading">Касым-Жомарт Токаев</h1>' in russian and "Президент Казахстана" in russian
    kazakh = client.get("/kk/actors/tokayev/").content.decode()
    assert '<h1 id="page-heading">Қасым-Жомарт Тоқаев</h1>' in kazakh and "Қазақстан Президенті" in kazakh
    assert "Вывод войск ОДКБ" in client.get("/ru/themes/").content.decode()
    assert "Тоқаев ҰҚШҰ-дан әскер сұрайды" in client.get("/kk/timeline/").content.decode()
    # the commentary itself stays in its own language
    assert article.title in client.get(f"/ru{article_url}").content.decode()


def test_a_russian_reader_finds_the_launch_commentary_by_a_kazakh_or_russian_name(client, launch):
    for url in ("/ru/search/?q=Токаев", "/kk/search/?q=Тоқаев", "/ru/search/?q=ОДКБ"):
        page = client.get(url).content.decode()
        assert 'class="card__title"' in page, url


def translated_fields(model):
    from modeltranslation.translator import translator

    return sorted(translator.get_options_for_model(model).fields)


def test_every_launch_claim_actor_theme_event_and_publication_has_russian_and_kazakh_text_in_each_field(launch):
    """Each translated field with English text has Russian and Kazakh text too, and it is not the English."""
    from actors.models import Actor
    from articles.models import Publication

    missing, filled = [], {}
    for model in (Claim, Actor, Theme, Event, Publication):
        fields = translated_fields(model)
        for obj in model.objects.order_by("slug"):
            for field in fields:
                english = getattr(obj, f"{field}_en")
                if not english:
                    continue
                for language in ("ru", "kk"):
                    text = getattr(obj, f"{field}_{language}")
                    if not text or text == english:
                        missing.append(f"{model.__name__} {obj.slug} {field}_{language}")
                    else:
                        filled[(model.__name__, field)] = filled.get((model.__name__, field), 0) + 1
    assert not missing
    assert filled[("Claim", "statement")] == 2 * Claim.objects.count() == 64
    assert filled[("Claim", "rationale")] == 2 * Claim.objects.exclude(rationale_en="").count() == 18
    assert filled[("Actor", "description")] == 2 * Actor.objects.count() == 80
    assert filled[("Theme", "description")] == 2 * 17 and filled[("Event", "description")] == 2 * 11
    assert filled[("Publication", "description")] == 2 * 3


def test_the_russian_and_kazakh_claim_actor_theme_and_timeline_pages_show_the_launch_translations(client, launch):
    import html

    from actors.models import Actor

    def page(url):
        response = client.get(url)
        assert response.status_code == 200, url
        return html.unescape(response.content.decode())

    for language in ("ru", "kk"):
        for claim in Claim.objects.order_by("slug"):
            shown = page(f"/{language}/claims/{claim.slug}/")
            assert getattr(claim, f"statement_{language}") in shown, (language, claim.slug)
            if claim.rationale_en:
                assert getattr(claim, f"rationale_{language}") in shown, (language, claim.slug)
                assert claim.rationale_en not in shown, (language, claim.slug)
        for actor in Actor.objects.order_by("slug"):
            shown = page(f"/{language}/actors/{actor.slug}/")
            assert getattr(actor, f"description_{language}") in shown, (language, actor.slug)
        for theme in Theme.objects.order_by("slug"):
            shown = page(f"/{language}/themes/{theme.slug}/")
            assert getattr(theme, f"description_{language}") in shown, (language, theme.slug)
            assert theme.description_en not in shown, (language, theme.slug)
        timeline = page(f"/{language}/timeline/")
        for event in Event.objects.all():
            assert getattr(event, f"title_{language}") in timeline, (language, event.slug)
            assert getattr(event, f"description_{language}") in timeline, (language, event.slug)
            assert event.description_en not in timeline, (language, event.slug)
