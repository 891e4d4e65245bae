"""The importer on the open web: header forms real sites print, HTML pages, never guessing, escaping.

Parser tests on small texts (no database), then service and command tests
on a real database.
"""

import datetime as dt
import io
import time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.importing.html import extract_html, looks_like_html
from articles.importing.markdown import blocks_to_markdown
from articles.importing.parser import parse_commentary
from articles.importing.service import import_commentary
from articles.models import Article, Comment, Publication
from articles.publishing import publish_article, save_article, submit_for_review
from articles.rendering.markdown import paragraphs_of, render_markdown

CORPUS = Path(__file__).resolve().parent / "corpus"
BODY = (
    "The first paragraph of the piece is long enough to read as running text and ends properly.\n\n"
    "The second paragraph closes the argument with a sentence of its own, also long enough."
)


def page(*header):
    return "\n".join(header) + "\n\n" + BODY


# --- header forms ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "date", "precision"),
    [
        ("Published on February 16, 2022", dt.date(2022, 2, 16), "day"),
        ("Wednesday, January 12, 2022", dt.date(2022, 1, 12), "day"),
        ("Jan 20, 2022", dt.date(2022, 1, 20), "day"),
        ("20 January 2022", dt.date(2022, 1, 20), "day"),
        ("2022-01-20", dt.date(2022, 1, 20), "day"),
        ("January 2022", dt.date(2022, 1, 1), "month"),
        ("Thu 6 Jan 2022 18.38 GMT", dt.date(2022, 1, 6), "day"),
        ("January 12, 2022 at 6:15 p.m. EST", dt.date(2022, 1, 12), "day"),
    ],
)
def test_dates_in_the_forms_real_sites_print(line, date, precision):
    result = parse_commentary(page("A headline about the week in the steppe", "By Jane Doe", line))
    assert (result.date, result.date_precision) == (date, precision)


def test_a_published_date_wins_over_an_updated_one():
    result = parse_commentary(
        page("A headline about the week in the steppe", "Updated January 14, 2022", "Published January 12, 2022")
    )
    assert result.date == dt.date(2022, 1, 12)


@pytest.mark.parametrize(
    ("lines", "names"),
    [
        (("A headline about the week", "By Jane Doe and John Roe"), ["Jane Doe", "John Roe"]),
        (("A headline about the week", "By Jane Doe, John Roe and Ann Poe"), ["Jane Doe", "John Roe", "Ann Poe"]),
        (("A headline about the week", "Jane Doe and John Roe", "Jan 8, 2022"), ["Jane Doe", "John Roe"]),
        (("A headline about the week", "Jane Doe", "Jan 8, 2022"), ["Jane Doe"]),
        (("Jane Doe", "Jan 8, 2022", "A headline about the week"), ["Jane Doe"]),
        (("A headline about the week", "Follow Jane Doe's opinions", "Jan 8, 2022"), ["Jane Doe"]),
        (("A headline about the week", "Jane Doe Jan 5, 2022"), ["Jane Doe"]),
        (("A headline about the week", "By Jane Doe | January 12, 2022 | 4 min read"), ["Jane Doe"]),
    ],
)
def test_bylines_in_the_forms_real_sites_print(lines, names):
    result = parse_commentary(page(*lines))
    assert [a.name for a in result.authors] == names
    assert result.title == "A headline about the week"


def test_a_byline_with_a_role_keeps_it_as_the_affiliation():
    result = parse_commentary(page("A headline about the week", "By Jane Doe, a senior fellow at an institute"))
    assert [(a.name, a.affiliation) for a in result.authors] == [("Jane Doe", "a senior fellow at an institute")]


def test_masthead_slogan_breadcrumb_kicker_and_widgets_are_not_the_title():
    result = parse_commentary(
        page(
            "The Washington PostDemocracy Dies in Darkness",
            "Home » News » Opinion » A headline",
            "Opinion",
            "TT",
            "A headline about the week in the steppe",
            "By Jane Doe",
            "Jan 8, 2022",
        ),
        publications=["The Washington Post"],
    )
    assert result.title == "A headline about the week in the steppe"
    assert result.publication == "The Washington Post"
    assert ("publication", "masthead “The Washington PostDemocracy Dies in Darkness” names a known publication") in (
        result.evidence
    )


@pytest.mark.parametrize(
    "chrome",
    [
        "Protesters gather in Almaty on Jan. 5. (Pavel Mikhayev/Reuters)",
        "Security forces patrol a square on Thursday. Photo: Reuters",
        "Source: Getty",
        "Follow Jane Doe's opinions",
        "Share this article",
        "Sign up for our weekly newsletter",
        "We use cookies to make our website work.",
        "Accept all cookies",
        "Story continues below advertisement",
    ],
)
def test_chrome_in_the_middle_of_the_body_is_dropped(chrome):
    text = page("A headline about the week in the steppe", "By Jane Doe").replace("\n\nThe second", f"\n{chrome}\nThe second")
    result = parse_commentary(text)
    assert chrome not in "\n".join(result.paragraphs)
    assert len(result.paragraphs) == 2


def test_a_standfirst_between_the_title_and_the_byline_is_read_as_such():
    result = parse_commentary(
        page("A headline about the week in the steppe", "What does the crisis tell us about the region?", "By Jane Doe")
    )
    assert result.standfirst == "What does the crisis tell us about the region?"
    assert ("standfirst", "summary line between the title and the byline") in result.evidence


def test_an_uncertain_publication_is_left_empty_and_the_warning_lists_the_candidate():
    result = parse_commentary(page("The Unknown Review’s online magazine", "A headline about the week", "By Jane Doe"))
    assert result.publication == ""
    assert any("“Unknown Review”" in w and "matches no publication" in w for w in result.warnings)


# --- HTML -----------------------------------------------------------------------------


def test_a_saved_page_is_told_from_a_text_scrape():
    assert looks_like_html((CORPUS / "diplomat_analysis.html").read_text(encoding="utf-8"))
    assert not looks_like_html((CORPUS / "wapo_column.txt").read_text(encoding="utf-8"))


def test_html_metadata_gives_canonical_url_site_name_and_date():
    _, meta = extract_html((CORPUS / "diplomat_analysis.html").read_text(encoding="utf-8"))
    assert meta["url"] == "https://thediplomat.com/2022/01/what-kazakhstans-crisis-means-for-its-neighbors/"
    assert meta["sitename"] == "The Diplomat"
    assert meta["date"] == dt.date(2022, 1, 7)


# --- escaping ------------------------------------------------------------------------


def test_scraped_markdown_characters_render_as_the_text_they_were():
    from articles.importing.parser import PARAGRAPH, Block

    text = "[1] see *this* and _that_ [link](http://x) `code` <b>bold</b> a|b ~x~ [↗] end"
    blocks = (Block(PARAGRAPH, text), Block(PARAGRAPH, "# not a heading"), Block(PARAGRAPH, "> not a quote"))
    rendered = [t for _, t in paragraphs_of(render_markdown(blocks_to_markdown(blocks)))]
    assert rendered == [text, "# not a heading", "> not a quote"]


def test_a_page_full_of_brackets_renders_in_linear_time():
    from articles.importing.parser import PARAGRAPH, Block

    def seconds(n):
        body = blocks_to_markdown((Block(PARAGRAPH, "[" * n + "a" + "](" * n),))
        start = time.perf_counter()
        render_markdown(body + f"\n\n<!-- {n} -->")
        return time.perf_counter() - start

    small, large = seconds(2_000), seconds(20_000)
    assert large < 2.0
    assert large < 40 * max(small, 0.001)


# --- service and command ------------------------------------------------------------


@pytest.fixture
def diplomat(db):
    return Publication.objects.create(name="The Diplomat", slug="the-diplomat", url="https://thediplomat.com/")


def import_file(name, **options):
    return import_commentary(text=(CORPUS / name).read_text(encoding="utf-8"), source_name=name, **options)


@pytest.mark.django_db
def test_an_html_page_imports_with_its_canonical_url_and_the_publication_matched_by_domain(diplomat):
    result = import_file("diplomat_analysis.html")
    article = Article.objects.get(pk=result.article_id)
    assert article.title == "What Kazakhstan’s Crisis Means for Its Neighbors"
    assert article.original_url == "https://thediplomat.com/2022/01/what-kazakhstans-crisis-means-for-its-neighbors/"
    assert article.publication == diplomat
    assert article.standfirst.startswith("Tashkent, Bishkek and Dushanbe")


@pytest.mark.django_db
def test_the_importer_never_creates_a_publication():
    result = import_file("diplomat_analysis.html")
    assert Publication.objects.count() == 0
    assert Article.objects.get(pk=result.article_id).publication is None
    assert any("publication left empty" in w and "thediplomat.com" in w for w in result.warnings)


@pytest.mark.django_db
def test_the_editors_url_and_publication_win_over_the_page(diplomat):
    other = Publication.objects.create(name="Elsewhere", slug="elsewhere", aliases="Somewhere Else")
    result = import_file("diplomat_analysis.html", url="https://example.org/a", publication="Somewhere Else")
    article = Article.objects.get(pk=result.article_id)
    assert (article.original_url, article.publication) == ("https://example.org/a", other)


@pytest.mark.django_db
def test_reader_comments_are_labelled_and_shown_with_the_original_date_once_approved():
    Publication.objects.create(name="The Washington Post", slug="wapo")
    article = Article.objects.get(pk=import_file("wapo_column.txt").article_id)
    comments = list(article.comments.order_by("submitted_at"))
    assert [(c.status, c.imported_from, c.submitted_at.date()) for c in comments] == [
        (Comment.Status.PENDING, "The Washington Post", dt.date(2022, 1, 13)),
        (Comment.Status.PENDING, "The Washington Post", dt.date(2022, 1, 14)),
    ]
    Comment.objects.update(status=Comment.Status.APPROVED)
    article.rights = "Quoted under the publisher's permission (test data)."  # publishing needs a rights note
    save_article(article=article)
    submit_for_review(article=article, by=None)
    publish_article(article=article, by=None)
    from django.test import Client

    html = Client().get(article.get_absolute_url(), secure=True).content.decode()
    assert "Comment copied from The Washington Post" in html
    assert "13 January 2022" in html


@pytest.mark.django_db
def test_spam_signals_are_recorded_on_imported_comments():
    text = (CORPUS / "wapo_column.txt").read_text(encoding="utf-8").replace(
        "Thank you for it.", "Visit http://a.example and http://b.example and http://c.example now."
    )
    article = Article.objects.get(pk=import_commentary(text=text, source_name="x.txt").article_id)
    assert any("links" in c.spam_reasons for c in article.comments.all())


def run_command(*args):
    out = io.StringIO()
    call_command("import_commentary", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_command_imports_html_with_url_publication_and_approved_comments(diplomat):
    Publication.objects.create(name="The Washington Post", slug="wapo")
    out = run_command(str(CORPUS / "wapo_column.txt"), "--approve-comments", "-v", "2")
    assert "evidence for title" in out and "publication: The Washington Post" in out
    assert {c.status for c in Comment.objects.all()} == {Comment.Status.APPROVED}
    run_command(str(CORPUS / "diplomat_analysis.html"), "--url", "https://example.org/b", "--publication", "the-diplomat")
    assert Article.objects.get(original_url="https://example.org/b").publication == diplomat


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--publication", "Nobody Knows"], "publication “Nobody Knows” is not one you have"),
        (["--url", "not a url"], "is not a web address"),
    ],
)
def test_command_refuses_an_unknown_publication_or_a_bad_url_in_one_line(args, message):
    with pytest.raises(CommandError) as error:
        run_command(str(CORPUS / "wapo_column.txt"), *args)
    assert message in str(error.value) and "\n" not in str(error.value)
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_command_refuses_one_url_for_several_files():
    with pytest.raises(CommandError, match="one FILE only"):
        run_command(str(CORPUS / "wapo_column.txt"), str(CORPUS / "eurasianet_news.txt"), "--url", "https://a.example/")


@pytest.mark.django_db
def test_html_dry_run_writes_nothing_and_a_second_import_changes_nothing(diplomat):
    out = run_command(str(CORPUS / "diplomat_analysis.html"), "--dry-run")
    assert "would create" in out and Article.objects.count() == 0
    run_command(str(CORPUS / "diplomat_analysis.html"))
    again = run_command(str(CORPUS / "diplomat_analysis.html"))
    assert "unchanged" in again and Article.objects.count() == 1
    assert reverse("admin:articles_article_import")
