"""The commentary list's filters (articles/pages/filters.py): each alone, combined, and every kind
of bad parameter."""

import datetime
import re

import pytest

from articles.models import Article, ArticleActor, DatePrecision
from tests.support.db import rolled_back_for_module
from tests.support.factories import (
    ActorFactory,
    ArticleFactory,
    AuthorFactory,
    CitationFactory,
    ClaimFactory,
    ContributionFactory,
    PublicationFactory,
    ThemeFactory,
)
from tests.support.pages import text

pytestmark = pytest.mark.django_db


def titles(response):
    return {article.title for article in response.context["articles"]}


def make_shelf():
    """Three published pieces that differ in every filterable way, and a draft that matches all."""
    theme = ThemeFactory(name="Regional security", slug="security")
    other_theme = ThemeFactory(name="Energy", slug="energy")
    actor = ActorFactory(name="Russia", slug="russia")
    author = AuthorFactory(name="Alica Kizeková", slug="kizekova")
    contributor = AuthorFactory(name="Velina Tchakarova", slug="tchakarova")
    publication = PublicationFactory(name="CEIAS", slug="ceias")
    claim = ClaimFactory(slug="csto")

    a = ArticleFactory(published=True, title="Alpha", publication=publication, authors=[author],
                       published_on=datetime.date(2022, 1, 6), body="The CSTO deployed troops to Kazakhstan.")
    a.themes.add(theme)
    ArticleActor.objects.create(article=a, actor=actor, mentions=3)
    CitationFactory(article=a, claim=claim)

    b = ArticleFactory(published=True, title="Bravo", published_on=datetime.date(2022, 1, 12),
                       body="Energy prices rose sharply in Zhanaozen.")
    b.themes.add(other_theme)
    ContributionFactory(article=b, author=contributor, body="Gas was the trigger.")

    c = ArticleFactory(published=True, title="Charlie", publication=publication,
                       published_on=datetime.date(2022, 1, 25), body="Russia and China watched the CSTO.")
    c.themes.add(theme, other_theme)
    ArticleActor.objects.create(article=c, actor=actor, mentions=1, origin=ArticleActor.Origin.EXCLUDED)

    draft = ArticleFactory(title="Draft", publication=publication, authors=[author],
                           published_on=datetime.date(2022, 1, 10), body="The CSTO draft.")
    draft.themes.add(theme)
    ArticleActor.objects.create(article=draft, actor=actor, mentions=5)
    CitationFactory(article=draft, claim=claim)
    return {"claim": claim}


@pytest.fixture(scope="class")
def shared_shelf(django_db_setup, django_db_blocker):
    with rolled_back_for_module(django_db_blocker):
        yield make_shelf()


class TestTheShelf:
    """Tests that only read the shelf, made once for the class (``shared_shelf``) in a
    transaction rolled back when the class ends; each test's writes roll back after it."""

    @pytest.fixture
    def shelf(self, shared_shelf, db):
        return shared_shelf

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("theme=security", {"Alpha", "Charlie"}),
            ("theme=energy", {"Bravo", "Charlie"}),
            ("actor=russia", {"Alpha"}),  # Charlie's mention was removed by an editor
            ("author=kizekova", {"Alpha"}),
            ("author=tchakarova", {"Bravo"}),  # a round-up contributor counts as an author
            ("publication=ceias", {"Alpha", "Charlie"}),
            ("date_after=2022-01-10", {"Bravo", "Charlie"}),
            ("date_before=2022-01-12", {"Alpha", "Bravo"}),
            ("q=CSTO", {"Alpha", "Charlie"}),
            ("q=gas trigger", {"Bravo"}),
            ("", {"Alpha", "Bravo", "Charlie"}),
        ],
    )
    def test_each_filter_alone_narrows_the_published_commentary(self, client, shelf, query, expected):
        response = client.get(f"/articles/?{query}")
        assert response.status_code == 200
        assert titles(response) == expected

    def test_the_claim_filter_takes_the_claim_id(self, client, shelf):
        response = client.get(f"/articles/?claim={shelf['claim'].pk}")
        assert titles(response) == {"Alpha"}

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("theme=security&publication=ceias", {"Alpha", "Charlie"}),
            ("theme=security&date_after=2022-01-10", {"Charlie"}),
            ("theme=energy&author=tchakarova", {"Bravo"}),
            ("theme=security&actor=russia&author=kizekova&publication=ceias&q=troops"
             "&date_after=2022-01-01&date_before=2022-01-31", {"Alpha"}),
            ("theme=energy&actor=russia", set()),
            ("date_after=2022-01-07&date_before=2022-01-24", {"Bravo"}),
        ],
    )
    def test_filters_combine(self, client, shelf, query, expected):
        assert titles(client.get(f"/articles/?{query}")) == expected

    def test_all_filters_with_the_claim_combine(self, client, shelf):
        response = client.get(
            f"/articles/?claim={shelf['claim'].pk}&theme=security&actor=russia&author=kizekova&publication=ceias"
        )
        assert titles(response) == {"Alpha"}

    def test_the_form_shows_the_current_state_with_labelled_fields(self, client, shelf):
        page = text(client.get("/articles/?theme=security&q=CSTO&date_after=2022-01-02&ordering=oldest"))
        assert '<label for="id_theme">Theme</label>' in page
        assert '<option value="security" selected>Regional security (2)</option>' in page
        assert 'name="q" value="CSTO"' in page
        assert 'name="date_after" value="2022-01-02"' in page
        assert '<option value="oldest" selected>' in page
        assert "matching" in page and "theme “Regional security”" in page
        assert 'href="/articles/">Clear all filters</a>' in page

    def test_choices_offer_only_what_published_commentary_uses_with_published_counts(self, client, shelf):
        ThemeFactory(name="Only in drafts", slug="drafts-only")
        Article.objects.get(title="Draft").themes.add(*ThemeFactory._meta.model.objects.filter(slug="drafts-only"))

        page = text(client.get("/articles/"))

        assert "Only in drafts" not in page
        assert "Regional security (2)" in page  # the draft is not counted
        assert "Russia (1)" in page

    @pytest.mark.parametrize(
        ("ordering", "expected"),
        [
            ("newest", ["Charlie", "Bravo", "Alpha"]),
            ("oldest", ["Alpha", "Bravo", "Charlie"]),
            ("title", ["Alpha", "Bravo", "Charlie"]),
        ],
    )
    def test_ordering(self, client, shelf, ordering, expected):
        response = client.get(f"/articles/?ordering={ordering}")
        assert [a.title for a in response.context["articles"]] == expected

    def test_relevance_ordering_puts_title_matches_first_and_falls_back_to_newest_without_words(self, client, shelf):
        ArticleFactory(published=True, title="Zhanaozen, where it began", published_on=datetime.date(2022, 1, 2),
                       body="Nothing else.")
        ranked = client.get("/articles/?q=Zhanaozen&ordering=relevance")
        assert [a.title for a in ranked.context["articles"]] == ["Zhanaozen, where it began", "Bravo"]
        unranked = client.get("/articles/?ordering=relevance")
        assert [a.title for a in unranked.context["articles"]][:1] == ["Charlie"]

    # ---- bad parameters: a normal page, a clear notice, never a server error

    @pytest.mark.parametrize(
        ("query", "notice"),
        [
            ("theme=no-such-theme", "There is no theme by that name"),
            ("actor=no-such-actor", "There is no actor by that name"),
            ("author=nobody", "There is no author by that name"),
            ("publication=nowhere", "There is no publication by that name"),
            ("claim=999999", "There is no claim with that number"),
            ("claim=abc", "There is no claim with that number"),
            ("date_after=2022-13-45", "“Published from” needs a date like"),
            ("date_before=yesterday", "“Published until” needs a date like"),
            ("ordering=sideways", "That order is not available"),
            ("page=abc", "was not a number, so this is the first page"),
            ("page=0", "Pages start at 1"),
            ("page=-3", "was not a number"),
            ("page=99999", "only 1 page here, so this is the last one"),
            ("page=99999999999999999999", "was not a number"),
        ],
    )
    def test_a_bad_parameter_gives_a_normal_page_with_a_clear_notice(self, client, shelf, query, notice):
        response = client.get(f"/articles/?{query}")
        assert response.status_code == 200
        assert notice in text(response)
        assert titles(response) == {"Alpha", "Bravo", "Charlie"}  # the bad filter is left out

    def test_a_bad_parameter_leaves_the_good_ones_working(self, client, shelf):
        response = client.get("/articles/?theme=security&actor=nobody&date_after=garbage&page=abc")
        assert titles(response) == {"Alpha", "Charlie"}
        page = text(response)
        assert "There is no actor by that name" in page
        assert "needs a date like" in page

    def test_reversed_dates_are_swapped_with_a_notice(self, client, shelf):
        response = client.get("/articles/?date_after=2022-01-24&date_before=2022-01-07")
        assert titles(response) == {"Bravo"}
        assert "was later than the “until” date, so the two were swapped" in text(response)

    def test_a_huge_search_is_shortened_with_a_notice(self, client, shelf):
        response = client.get("/articles/", {"q": "CSTO " + "troops " * 20_000, "theme": "security"})
        assert response.status_code == 200
        assert titles(response) == {"Alpha"}  # the shortened words and the theme both apply
        page = text(response)
        assert "only the first 200 characters were used" in page
        assert "troops " * 40 not in page

    @pytest.mark.parametrize("name", ["theme", "actor", "author", "publication", "claim", "date_after", "q",
                                      "ordering", "page"])
    def test_hostile_input_is_never_reflected_unescaped(self, client, shelf, name):
        payload = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
        response = client.get("/articles/", {name: payload})
        assert response.status_code == 200
        page = text(response)
        assert "<script>alert(1)</script>" not in page
        assert "<img src=x" not in page

    def test_notices_never_repeat_the_bad_value(self, client, shelf):
        page = text(client.get("/articles/?theme=TELLTALE-VALUE"))
        notices = page[page.index('class="notices"'):page.index("</div>", page.index('class="notices"'))]
        assert "TELLTALE" not in notices

    def test_unknown_parameters_are_ignored(self, client, shelf):
        response = client.get("/articles/?utm_source=newsletter&fbclid=abc")
        assert response.status_code == 200
        assert titles(response) == {"Alpha", "Bravo", "Charlie"}
        assert "notices" not in text(response)


def test_a_month_precision_article_matches_a_from_date_inside_its_month(client):
    ArticleFactory(published=True, title="Sometime in January", published_on=datetime.date(2022, 1, 1),
                   published_on_precision=DatePrecision.MONTH)
    assert titles(client.get("/articles/?date_after=2022-01-15")) == {"Sometime in January"}
    assert titles(client.get("/articles/?date_after=2022-02-01")) == set()


# --------------------------------------------------------------------------
# Bad parameters: a normal page, a clear notice, never a server error
# --------------------------------------------------------------------------


def test_a_page_past_the_end_shows_the_last_page(client):
    for _ in range(23):
        ArticleFactory(published=True)
    response = client.get("/articles/?page=7")
    assert response.context["page_obj"].number == 2
    assert "only 2 pages here" in text(response)


@pytest.mark.parametrize("name", ["theme", "claim", "date_after", "ordering"])
def test_a_filter_error_is_announced_on_its_field(client, name):
    ArticleFactory(published=True)
    page = text(client.get(f"/articles/?{name}=bad-value"))

    field = re.search(rf'<(?:input|select)[^>]*name="{name}"[^>]*>', page).group(0)
    described_by = re.search(r'aria-describedby="([^"]+)"', field).group(1)

    assert 'aria-invalid="true"' in field
    assert re.search(rf'<p class="field-error" id="{described_by}">[^<]+</p>', page)


def test_a_facet_list_shows_the_busiest_values_but_accepts_every_one(client, monkeypatch):
    from articles.models import ArticleAuthor
    from articles.pages import filters
    from tests.support.factories import ArticleFactory, AuthorFactory

    monkeypatch.setattr(filters, "SHOWN_CHOICES", 2)
    busy = AuthorFactory(name="Busy Analyst", slug="busy-analyst")
    quiet = AuthorFactory(name="Quiet Analyst", slug="quiet-analyst")
    others = [AuthorFactory(name=f"Other {i}", slug=f"other-{i}") for i in range(2)]
    for author, count in [(busy, 3), (others[0], 2), (others[1], 2), (quiet, 1)]:
        for _ in range(count):
            ArticleAuthor.objects.create(article=ArticleFactory(published=True), author=author, order=0)
    html = client.get("/articles/").content.decode()
    assert "Busy Analyst (3)" in html and "Quiet Analyst (1)" not in html
    chosen = client.get("/articles/?author=quiet-analyst").content.decode()
    assert "Quiet Analyst (1)" in chosen  # the chosen one is shown, and it filters
    assert "no author by that name" not in chosen


def test_the_facets_a_worker_holds_take_in_a_scheduled_piece_when_it_goes_live(client):
    """Each worker holds one copy of the facets (pagecache ``held``) until the next write or
    go-live, as the cache keeps them: a piece scheduled a moment ahead, with no write when
    its time comes, shows in the author choices from then on."""
    import time

    from django.utils import timezone

    ArticleFactory(published=True, authors=[AuthorFactory(name="Already Live")])
    scheduled = ArticleFactory(published=True, authors=[AuthorFactory(name="Scheduled Analyst")])
    goes_live = timezone.now() + datetime.timedelta(seconds=1.5)
    Article.objects.filter(pk=scheduled.pk).update(live_from=goes_live)  # no write when it goes live
    before = text(client.get("/articles/"))
    assert "Already Live (1)" in before and "Scheduled Analyst" not in before
    assert "Scheduled Analyst" not in text(client.get("/articles/"))  # held, still true
    time.sleep(max((goes_live - timezone.now()).total_seconds(), 0) + 0.2)
    assert "Scheduled Analyst (1)" in text(client.get("/articles/"))
