"""
Provenance of the launch dataset: every word a reader sees traces to the seed
pages (``articles/fixtures/seeds/*.txt``).

``provenance_problems`` checks that

* every body and contribution paragraph is a paragraph of the article's seed
  page, verbatim (ignoring a Markdown ``## `` prefix and runs of white
  space), on one line, and no paragraph appears twice in an article;
* no page chrome ("Share this article", "newsletter"...) got into a body;
* every substantial line of each seed is accounted for: used in the article
  (body, contribution, title, standfirst, reader comment, author bio or
  affiliation) or known page chrome (``SEED_CHROME``), so no paragraph was
  dropped;
* reader comments, author affiliations and bios, social handles, URLs and
  titles not marked ``title_is_editorial`` are printed in the seeds; an
  editorial title and an inferred (month or year) date say why in a note;
  a relation says which text states it; no Wikidata id is invented.

``coverage_problems`` checks the launch minimums (themes, actors, claims...).
``audit`` runs these and the schema validator (``dataset.schema_problems``)
and returns every problem, one line each; an empty list means the dataset is
ready. It reads no database: the model rules are applied by a dry run,
``manage.py load_launch_content --dry-run``.
"""

from __future__ import annotations

import re
from pathlib import Path

from .dataset import DEFAULT_PATH, SEEDS_DIR, Dataset, LaunchDataError, read_dataset, schema_problems

MINIMUMS = {"themes": 12, "actors": 25, "claims": 25, "events": 8, "articles": 5}
REQUIRED_THEME_WORDS = [
    # (what the launch brief asks for, a word that must appear in some theme name or slug)
    ("CSTO first Article 4 deployment", "article 4"),
    ("multi-vector foreign policy", "multi-vector"),
    ("Tokayev–Nazarbayev power struggle", "nazarbayev"),
    ("Sino-Russian task sharing", "task sharing"),
    ("fuel prices and protests", "fuel"),
    ("the colour revolution narrative", "colour revolution"),
    ("Western non-involvement", "non-involvement"),
    ("regional organisations", "regional organisations"),
    ("energy and uranium", "uranium"),
]

# Page furniture that must never reach a body.
CHROME_STRINGS = [
    "Share this article",
    "Rate this article",
    "Key Topics",
    "Leave a Reply",
    "newsletter",
    "Join our mailing list",
    "All rights reserved",
    "Your email address will not be published",
    "Click here for old Short Notes",
    "office@ceias.eu",
]
# Substantial seed lines that are page furniture, not article text.
SEED_CHROME = [
    "Sign up for our newsletter to receive the latest news and updates from CEIAS.",
    "Your email address will not be published. Required fields are marked *",
    "3 thoughts on “There is Western opportunity in Russia’s Kazakhstan adventure”",
    "Stay informed about the latest articles from Britain’s World",
    "The Council on Geostrategy’s online magazine",
    "CEIAS ConsidersGlobal responseInternational relationsChinaKazakhstanRussia",
]
SUBSTANTIAL = 60  # characters: shorter seed lines are headings, bylines, menus


def audit(path: Path | str = DEFAULT_PATH, *, seeds_dir: Path | str = SEEDS_DIR) -> list[str]:
    """Every problem of the dataset at ``path`` (schema, coverage, provenance); [] when ready."""
    try:
        dataset = read_dataset(path)
    except LaunchDataError as error:
        return [str(error)]
    return [
        *schema_problems(dataset),
        *coverage_problems(dataset),
        *provenance_problems(dataset, seeds_dir=seeds_dir),
    ]


def norm(text: str) -> str:
    """Collapse runs of white space; drop a leading Markdown heading marker."""
    text = text.strip()
    if text.startswith("## "):
        text = text[3:]
    return re.sub(r"\s+", " ", text).strip()


def markdown_paragraphs(markdown: str) -> list[str]:
    """Blocks of Markdown text separated by blank lines."""
    return [block.strip() for block in re.split(r"\n\s*\n", markdown.strip()) if block.strip()]


def coverage_problems(dataset: Dataset) -> list[str]:
    """The launch minimums: enough themes, actors, claims, events and articles, and the themes asked for."""
    problems = []
    for section, minimum in MINIMUMS.items():
        count = len(dataset.items(section))
        if count < minimum:
            problems.append(f"{section}: {count} present, at least {minimum} required")
    theme_names = " ".join(
        f"{t.get('name', '')} {t.get('slug', '').replace('-', ' ')}".lower().replace("’", "'")
        for t in dataset.items("themes")
    ).replace("–", "-")
    for wanted, word in REQUIRED_THEME_WORDS:
        if word not in theme_names:
            problems.append(f"themes: no theme for {wanted!r}")
    return problems


def provenance_problems(dataset: Dataset, *, seeds_dir: Path | str = SEEDS_DIR) -> list[str]:
    """Every place where the dataset says something its seed pages do not (see the module docstring)."""
    return _Provenance(dataset, Path(seeds_dir)).check()


class _Provenance:
    def __init__(self, dataset: Dataset, seeds_dir: Path):
        self.dataset = dataset
        self.seeds_dir = seeds_dir
        self.problems: list[str] = []
        self.all_seed_text = "\n".join(
            norm(path.read_text(encoding="utf-8")) for path in sorted(seeds_dir.glob("*.txt"))
        )
        self.authors = {a.get("slug"): a for a in dataset.items("authors")}

    def check(self) -> list[str]:
        self.sources()
        for article in self.dataset.items("articles"):
            self.article(article)
        for claim in self.dataset.items("claims"):
            url = claim.get("source_url", "")
            if url and url not in self.all_seed_text:
                self.add(f"claim {claim.get('slug')!r}: source_url is not printed in any seed")
        return self.problems

    def add(self, problem: str) -> None:
        self.problems.append(problem)

    def printed(self, value: str) -> bool:
        return norm(value) in self.all_seed_text

    def seed_lines(self, name: str) -> list[str]:
        path = self.seeds_dir / name if name else None
        if path is None or not path.is_file():
            return []
        # Reader comments are printed as a numbered list ("1. You did not ...").
        text = path.read_text(encoding="utf-8")
        return [re.sub(r"^\d+\. ", "", norm(line)) for line in text.splitlines() if line.strip()]

    def sources(self) -> None:
        for author in self.dataset.items("authors"):
            label = f"author {author.get('slug')!r}"
            for field in ("affiliation", "bio"):
                if author.get(field) and not self.printed(author[field]):
                    self.add(f"{label}: {field} is not verbatim in any seed")
            social = author.get("social", "")
            if social and (not social.startswith("@") or social not in self.all_seed_text):
                self.add(f"{label}: social handle {social!r} is not printed in any seed")
        for publication in self.dataset.items("publications"):
            url = publication.get("url", "")
            if url and url not in self.all_seed_text:
                self.add(f"publication {publication.get('slug')!r}: url is not printed in any seed")
        for actor in self.dataset.items("actors"):
            if actor.get("wikidata"):
                self.add(f"actor {actor.get('slug')!r}: wikidata must stay empty (no text gives the id)")
        for relation in self.dataset.items("relations"):
            if not relation.get("note"):
                label = f"relation {relation.get('subject')} {relation.get('kind')} {relation.get('object')}"
                self.add(f"{label}: note (which text states it) is required")

    def article(self, article: dict) -> None:
        label = f"article {article.get('slug')!r}"
        if article.get("language") != "en":
            self.add(f"{label}: language must be 'en' (the seeds are in English)")
        if article.get("date_precision") in {"month", "year"} and not article.get("date_note"):
            self.add(f"{label}: an inferred date needs a date_note")
        if article.get("title_is_editorial") and not article.get("editorial_note"):
            self.add(f"{label}: an editorial title must be explained in editorial_note")
        if article.get("original_url") and article["original_url"] not in self.all_seed_text:
            self.add(f"{label}: original_url is not printed in its seed")

        lines = self.seed_lines(article.get("seed", ""))
        if not lines:
            self.add(f"{label}: seed file {article.get('seed', '')!r} not found")
            return
        seed_set = set(lines)
        # A rights note may quote the page (“All rights reserved”): each quotation must be printed there.
        for quoted in re.findall(r"“([^”]+)”", article.get("rights", "")):
            if norm(quoted) not in seed_set:
                self.add(f"{label}: rights quotes “{quoted}”, which is not a line of its seed")
        if not article.get("title_is_editorial") and norm(article.get("title", "")) not in seed_set:
            self.add(f"{label}: title is not printed in the seed (set title_is_editorial)")

        used: list[str] = []
        for what, rel in self.dataset.body_files(article):
            if what == "contribution body":
                what = f"contribution {rel!r}"
            text = self.dataset.texts.get(rel, "")
            for chrome in CHROME_STRINGS:
                if chrome.lower() in text.lower():
                    self.add(f"{label}: {what} contains page chrome {chrome!r}")
            for paragraph in markdown_paragraphs(text):
                if "\n" in paragraph:
                    self.add(f"{label}: {what} paragraph has a line break: {paragraph[:50]!r}")
                if norm(paragraph) not in seed_set:
                    self.add(f"{label}: {what} paragraph not verbatim in seed: {paragraph[:60]!r}")
                if norm(paragraph) in used:
                    self.add(f"{label}: {what} repeats a paragraph: {paragraph[:60]!r}")
                used.append(norm(paragraph))

        for number, comment in enumerate(article.get("comments", []), start=1):
            body = norm(comment.get("body", ""))
            if body not in seed_set:
                self.add(f"{label} comment {number}: body is not verbatim in the seed")
            used.append(body)

        # Completeness: every substantial seed line is used, or known chrome.
        accounted = set(used) | {norm(article.get(f, "")) for f in ("title", "standfirst")}
        credited = [*article.get("authors", []), *(c.get("author") for c in article.get("contributions", []))]
        for slug in credited:
            author = self.authors.get(slug, {})
            accounted |= {norm(author.get(f, "")) for f in ("bio", "affiliation")}
        chrome_lines = {norm(line) for line in SEED_CHROME}
        for line in lines:
            if len(line) >= SUBSTANTIAL and line not in accounted and line not in chrome_lines:
                self.add(f"{label}: seed line left out: {line[:70]!r}")
