"""What a search returns: ``SearchResults``, one ``KindResults`` per kind with
results, each holding ``Found`` items."""

from dataclasses import dataclass, field

from .query import ParsedQuery


@dataclass
class Found:
    """One result: the object, its kind, how many of the query's words it matched, a snippet."""

    kind: str
    obj: object
    matched: int
    of: int
    snippet: str = ""
    title_html: str = ""

    @property
    def partial(self):
        return self.matched < self.of


@dataclass
class KindResults:
    kind: str
    label: str
    items: list = field(default_factory=list)
    count: int = 0

    @property
    def more(self):
        return self.count > len(self.items)

    @property
    def objects(self):
        return [item.obj for item in self.items]


@dataclass
class SearchResults:
    query: str
    parsed: ParsedQuery | None = None
    groups: list = field(default_factory=list)  # KindResults in display order, only kinds with results
    narrowed: bool = False

    def kind(self, name):
        return next((g for g in self.groups if g.kind == name), KindResults(name, ""))

    @property
    def articles(self):
        return self.kind("article").objects

    @property
    def claims(self):
        return self.kind("claim").objects

    @property
    def actors(self):
        return self.kind("actor").objects

    @property
    def themes(self):
        return self.kind("theme").objects

    @property
    def events(self):
        return self.kind("event").objects

    @property
    def authors(self):
        return self.kind("author").objects

    @property
    def more_articles(self):
        return self.kind("article").more

    @property
    def total(self):
        return sum(g.count for g in self.groups)

    @property
    def corrected_query(self):
        if self.parsed and self.parsed.corrections:
            return self.parsed.corrected_text()
        return ""
