"""Per-field accuracy of the importer on real publishers' page shapes, plus the five launch texts.

``corpus/`` holds commentary pages modelled on real publishers' pages (their
chrome, header, byline and date forms as those sites print them; the body
sentences are our own), as text scrapes (``.txt``) and saved pages
(``.html``), each with a ``.toml`` of the fields an editor expects.
``corpus/launch/`` holds the expected fields of the five launch texts
(``articles/fixtures/seeds``). Every page is imported through the service,
as the command and the admin do, into a database holding the publications
of ``corpus/publications.toml``, and the resulting draft is compared field
by field. The test prints the accuracy table and fails when any field is
below 90 % over all pages, or any launch-text field is wrong.
"""

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from articles.importing.files import read_text_file
from articles.importing.service import import_commentary
from articles.models import Article, Publication
from articles.rendering.markdown import normalise_space, paragraphs_of, render_markdown

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parent / "corpus"
SEEDS = Path(__file__).resolve().parents[3] / "articles/fixtures/seeds"
FIELDS = (
    "title",
    "authors",
    "publication",
    "date",
    "standfirst",
    "original_url",
    "first_paragraph",
    "last_paragraph",
    "chrome_gone",
)
THRESHOLD = 0.9


def corpus_cases():
    cases = []
    for expected in sorted(CORPUS.glob("*.toml")):
        if expected.name == "publications.toml":
            continue
        (page,) = [p for p in CORPUS.glob(expected.stem + ".*") if p.suffix in {".txt", ".html"}]
        cases.append((page, tomllib.loads(expected.read_text(encoding="utf-8")), False))
    for expected in sorted((CORPUS / "launch").glob("*.toml")):
        data = tomllib.loads(expected.read_text(encoding="utf-8"))
        cases.append((SEEDS / data["seed"], data, True))
    return cases


def load_publications():
    data = tomllib.loads((CORPUS / "publications.toml").read_text(encoding="utf-8"))
    for row in data["publications"]:
        Publication.objects.create(**row)


def all_paragraphs(article):
    texts = [text for _, text in paragraphs_of(article.body_html)]
    for contribution in article.contributions.order_by("order"):
        texts += [text for _, text in paragraphs_of(render_markdown(contribution.body))]
    return texts


def observed(article):
    paragraphs = all_paragraphs(article)
    kept = "\n".join(
        [article.title, article.standfirst, *paragraphs]
        + [a.name for a in article.authors.all()]
        + [a.affiliation for a in article.authors.all()]
    )
    return {
        "title": article.title if not article.editorial_note else "",
        "authors": [credit.author.name for credit in article.article_authors.order_by("order")]
        + [c.author.name for c in article.contributions.order_by("order")],
        "publication": article.publication.slug if article.publication else "",
        "date": (article.published_on.isoformat(), article.published_on_precision) if article.published_on else ("", ""),
        "standfirst": normalise_space(article.standfirst),
        "original_url": article.original_url,
        "first_paragraph": paragraphs[0] if paragraphs else "",
        "last_paragraph": paragraphs[-1] if paragraphs else "",
        "kept_text": kept,
    }


def field_results(article, expected):
    got = observed(article)
    want_date = (expected["date"], expected["precision"]) if expected["date"] else ("", "")
    results = {
        "title": got["title"] == expected["title"],
        "authors": got["authors"] == expected["authors"] + expected.get("contributors", []),
        "publication": got["publication"] == expected["publication"],
        "date": got["date"] == want_date,
        "standfirst": got["standfirst"] == normalise_space(expected["standfirst"]),
        "original_url": got["original_url"] == expected["original_url"],
        "first_paragraph": got["first_paragraph"] == normalise_space(expected["first_paragraph"]),
        "last_paragraph": got["last_paragraph"] == normalise_space(expected["last_paragraph"]),
        "chrome_gone": not [c for c in expected.get("chrome_gone", []) if c in got["kept_text"]],
    }
    return results, got


def accuracy_table(rows):
    """Per-field accuracy over all pages, corpus only and launch only, as text lines."""
    lines = [f"{'field':<16} {'all':>10} {'corpus':>10} {'launch':>10}"]
    for name in FIELDS:
        cells = []
        for subset in (rows, [r for r in rows if not r[1]], [r for r in rows if r[1]]):
            right = sum(r[2][name] for r in subset)
            cells.append(f"{right}/{len(subset)}")
        lines.append(f"{name:<16} {cells[0]:>10} {cells[1]:>10} {cells[2]:>10}")
    return lines


def test_corpus_has_enough_shapes_and_publishers():
    cases = [c for c in corpus_cases() if not c[2]]
    assert len(cases) >= 14
    assert len({data["publisher"] for _, data, _ in cases}) >= 8
    assert {page.suffix for page, _, _ in cases} == {".txt", ".html"}
    assert len([c for c in corpus_cases() if c[2]]) == 5


def test_every_field_is_right_on_at_least_90_percent_of_pages_and_on_every_launch_text(capsys):
    load_publications()
    rows, failures = [], []
    for page, expected, is_launch in corpus_cases():
        result = import_commentary(text=read_text_file(page), source_name=page.name)
        article = Article.objects.get(pk=result.article_id)
        results, got = field_results(article, expected)
        rows.append((page.name, is_launch, results))
        for name, ok in results.items():
            if not ok:
                failures.append(f"{page.name}: {name}: got {got.get(name, got['kept_text'][:0])!r}")
    table = accuracy_table(rows)
    with capsys.disabled():
        print("\nImporter accuracy per field (pages right / pages)")
        print("\n".join(table))
        for line in failures:
            print("  wrong:", line[:300])
    for name in FIELDS:
        share = sum(r[2][name] for r in rows) / len(rows)
        assert share >= THRESHOLD, f"{name}: {share:.0%} right\n" + "\n".join(table + failures)
        launch = [r for r in rows if r[1]]
        assert all(r[2][name] for r in launch), f"{name} wrong on a launch text\n" + "\n".join(failures)


def test_imported_reader_comments_keep_the_dates_the_original_page_printed():
    load_publications()
    for page, expected, _ in corpus_cases():
        if "comment_dates" not in expected:
            continue
        result = import_commentary(text=read_text_file(page), source_name=page.name)
        comments = list(Article.objects.get(pk=result.article_id).comments.order_by("submitted_at", "pk"))
        assert [c.submitted_at.date() for c in comments] == [
            dt.date.fromisoformat(d) for d in expected["comment_dates"]
        ], page.name
        assert {c.status for c in comments} == {"pending"}
        assert all(c.imported_from for c in comments)
