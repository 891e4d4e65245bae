"""The CommonMark renderer: the launch content renders exactly as before the switch,
paragraph anchors are unchanged, and hostile input gets a clear validation error
instead of hanging or crashing."""

import json
import time
import tomllib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from articles.models import Article
from articles.rendering.markdown import MAX_MARKDOWN_CHARS, markdown_problems, render_markdown
from tests.support.factories import ArticleFactory

LAUNCH = Path(__file__).resolve().parents[3] / "articles" / "fixtures" / "launch"
# Rendered by the Python-Markdown renderer just before the switch (commit
# "Tests: capture the launch content's HTML…"): the reference for identical output.
BEFORE = json.loads((Path(__file__).parent / "launch_rendered_before_commonmark.json").read_text())


def test_every_launch_text_renders_exactly_as_the_old_renderer_did():
    data = tomllib.loads((LAUNCH / "launch.toml").read_text())
    files = [a["body"] for a in data["articles"]] + [
        c["body"] for a in data["articles"] for c in a.get("contributions", [])
    ]
    assert sorted(files) == sorted(BEFORE)
    for name, expected in BEFORE.items():
        text = (LAUNCH / name).read_text(encoding="utf-8").strip()
        assert render_markdown(text, anchor_prefix=expected["prefix"]) == expected["html"], name


def test_paragraph_anchors_are_numbered_per_section():
    assert render_markdown("One.\n\n## Head\n\nTwo.", anchor_prefix="c2-") == (
        '<p id="c2-p1">One.</p>\n<h2>Head</h2>\n<p id="c2-p2">Two.</p>'
    )


@pytest.mark.parametrize(
    "text",
    ["[" * 20_000, "- " * 300 + "x", "> " * 300 + "x", "*" * 20_000 + "a", "<em>" * 5_000, "[a](" * 5_000],
)
def test_pathological_input_renders_without_error(text):
    assert isinstance(render_markdown(text), str)


@pytest.mark.parametrize("text", ["[" * 20_000, "- " * 300 + "x", "> " * 300 + "x"])
def test_pathological_input_renders_and_is_checked_in_well_under_a_second(text):
    # Python-Markdown took 54 s on 20,000 "[" and raised RecursionError nested 300 deep.
    started = time.perf_counter()
    render_markdown(text + " (uncached)")
    markdown_problems(text + " (uncached)")
    assert time.perf_counter() - started < 1.0


def test_deep_nesting_and_size_are_explained_to_the_editor():
    assert markdown_problems("Fine *text* with [a link](https://x.example/).") == []
    (nested,) = markdown_problems("- " * 300 + "x")
    assert "levels deep; the limit is 20" in nested  # cmark itself stops lists at 99 levels
    (quoted,) = markdown_problems("> " * 300 + "x")
    assert "nested 300 levels deep; the limit is 20" in quoted
    assert markdown_problems("- " * 20 + "x") == [] and markdown_problems("> " * 20 + "x") == []
    (quoted,) = markdown_problems("> " * 21 + "x")
    assert "nested 21 levels deep" in quoted
    (long,) = markdown_problems("a" * (MAX_MARKDOWN_CHARS + 1))
    assert "limit is 200,000" in long


@pytest.mark.django_db
def test_article_validation_reports_the_limit_on_the_body_field():
    article = Article(title="T", slug="t", body="> " * 300 + "x")
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "nested" in error.value.message_dict["body"][0]


# Bodies rendered on save


@pytest.mark.django_db
def test_body_is_rendered_once_on_save_with_paragraph_anchors():
    article = ArticleFactory(body="First paragraph.\n\n## A heading\n\nSecond *paragraph*.")
    assert '<p id="p1">First paragraph.</p>' in article.body_html
    assert "<h2>A heading</h2>" in article.body_html
    assert '<p id="p2">Second <em>paragraph</em>.</p>' in article.body_html


@pytest.mark.django_db
def test_markup_in_the_body_is_sanitised():
    article = ArticleFactory(
        body='Hi <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))'
    )
    assert "<script" not in article.body_html
    assert "onerror" not in article.body_html
    assert "javascript:" not in article.body_html
