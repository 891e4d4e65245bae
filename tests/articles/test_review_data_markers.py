"""The launch loader and the importer record the same [↗] source markers for a seed page."""

import tomllib

import pytest

from articles.importing.parser import parse_commentary
from articles.launch import DEFAULT_PATH, SEEDS_DIR, load_launch_content
from articles.models import Article

DATA = tomllib.loads(DEFAULT_PATH.read_text(encoding="utf-8"))


def _expected(seed: str) -> list[tuple[str, str]]:
    parsed = parse_commentary((SEEDS_DIR / seed).read_text(encoding="utf-8"))
    out = []
    for marker in parsed.source_markers:
        prefix = "" if marker.contribution_index is None else f"c{marker.contribution_index + 1}-"
        out.append((f"{prefix}p{marker.paragraph_index + 1}", marker.context))
    return out


@pytest.mark.django_db
@pytest.mark.parametrize("item", DATA["articles"], ids=[a["slug"] for a in DATA["articles"]])
def test_launch_markers_match_the_importers(item):
    load_launch_content()
    article = Article.objects.get(slug=item["slug"])
    stored = list(article.source_markers.order_by("order").values_list("anchor", "context"))
    assert stored == _expected(item["seed"])


def test_every_marker_of_every_seed_is_recorded():
    for item in DATA["articles"]:
        printed = (SEEDS_DIR / item["seed"]).read_text(encoding="utf-8").count("[↗]")
        assert len(_expected(item["seed"])) == printed, item["seed"]
