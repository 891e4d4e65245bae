"""SQLite: FTS5 (BM25) over ``articles_searchentry_fts``, trigrams over the vocabulary."""

from .index import CODES
from .query import CANDIDATES, FEW, STOPWORDS, Group, at_least, combinations_of

# bm25 column weights: title, standfirst, people, body, extra, text_ru, text_kk.
WEIGHTS = "10.0, 4.0, 5.0, 1.0, 1.0, 4.0, 4.0"
HEADS = "{title standfirst people}"


def _phrase(tokens):
    return '"' + " ".join(tokens) + '"'  # tokens are \w+ only: nothing to escape


def _alternative(tokens):
    """A phrase; one with filler words inside ("leader of the nation") becomes a NEAR of
    the other words, since reading the position lists of "of" and "the" costs more
    than the rest of the search (PostgreSQL's tsquery does the same by itself)."""
    kept = [t for t in tokens if t not in STOPWORDS]
    if len(kept) == len(tokens) or not kept:
        return _phrase(tokens)
    if len(kept) == 1:
        return _phrase(kept)
    return f"NEAR({' '.join(_phrase((t,)) for t in kept)}, {len(tokens) - len(kept)})"


def group_match(group: Group) -> str:
    return "(" + " OR ".join(_alternative(alt) for alt in group.searched) + ")"


class SQLiteSearch:
    name = "sqlite-fts5"
    # Kind code and object key of a hit, from the rowid alone (see index.CODES).
    KIND = "(articles_searchentry_fts.rowid & 7)"
    KEY = "(articles_searchentry_fts.rowid >> 3)"

    def most_match(self, groups):
        """Entries matching most of the groups (``query.at_least``): an OR of ANDs."""
        choices = combinations_of(groups, at_least(len(groups)))
        return " OR ".join("(" + " AND ".join(group_match(g) for g in choice) + ")" for choice in choices)

    def known_sql(self, groups):
        """(sql, params): one row per group index (of the ``(index, group)`` pairs) that matches anything indexed."""
        parts, params = [], []
        for index, group in groups:
            parts.append(
                f"SELECT {index} WHERE EXISTS (SELECT 1 FROM articles_searchentry_fts "  # noqa: S608 - only counts, fixed names and %s placeholders are formatted in
                "WHERE articles_searchentry_fts MATCH %s)"
            )
            params.append(group_match(group))
        return " UNION ALL ".join(parts), params

    def similar_sql(self, word):
        grams = {word[i : i + 3] for i in range(len(word) - 2)}
        match = " OR ".join(_phrase((g,)) for g in sorted(grams))
        return (
            "SELECT w.word FROM articles_searchword_fts f JOIN articles_searchword w ON w.id = f.rowid "
            "WHERE articles_searchword_fts MATCH %s ORDER BY bm25(articles_searchword_fts) LIMIT 300",
            [match],
        )

    def hits_sql(self, groups, *, every, visible, visible_params):
        """(sql, params) for the ``hits`` CTE body: id, kind, key, matched, score (higher is better).
        ``every``: only entries matching every group (one index scan, the common case); otherwise
        any group, with ``matched`` counting the groups. ``visible``: the SQL condition (over
        ``KIND`` and ``KEY``) for what readers may see."""
        if every:
            match = " AND ".join(group_match(g) for g in groups)
            score, score_params = self._score(match)
            sql = (
                f"SELECT articles_searchentry_fts.rowid AS id, {self.KIND} AS kind, {self.KEY} AS key, {len(groups)} AS matched, "  # noqa: S608 - only a count and constants are formatted in
                f"{score} AS score "
                "FROM articles_searchentry_fts "
                "WHERE articles_searchentry_fts MATCH %s"
            )
            return f"{sql} AND ({visible})", [*score_params, match, *visible_params]
        matched = " + ".join(
            "(articles_searchentry_fts.rowid IN (SELECT rowid FROM articles_searchentry_fts WHERE articles_searchentry_fts MATCH %s))"
            for _ in groups
        )
        most = self.most_match(groups)
        score, score_params = self._score(most)
        sql = (
            f"SELECT articles_searchentry_fts.rowid AS id, {self.KIND} AS kind, {self.KEY} AS key, ({matched}) AS matched, "  # noqa: S608 - only counts, fixed names and %s placeholders are formatted in
            f"{score} AS score "
            "FROM articles_searchentry_fts "
            "WHERE articles_searchentry_fts MATCH %s"
        )
        return f"{sql} AND ({visible})", [*(group_match(g) for g in groups), *score_params, most, *visible_params]

    def _score(self, match):
        """(sql, params): BM25 (higher is better) for the candidates to rank, 0 for the
        rest. Candidates: every entry that is not a piece of commentary (those are few),
        the newest ``CANDIDATES`` pieces whose title, standfirst or people match, and the
        newest ``CANDIDATES`` matching pieces, as on PostgreSQL. BM25 of every match of
        "CSTO Russia" at 10,000 pieces was half of that search's time; of every head
        match (1,122 of them) still a third. FTS5 reads matches newest first, so each
        LIMITed subquery stops after its ``CANDIDATES``. (Unpublished pieces are not
        skipped here: a draft among the newest only takes a candidate's place.)"""
        newest = f"ORDER BY rowid DESC LIMIT {CANDIDATES}"
        return (
            f"CASE WHEN {self.KIND} != {CODES['article']} "  # noqa: S608 - fixed names, codes and counts only
            "OR articles_searchentry_fts.rowid IN (SELECT rowid FROM articles_searchentry_fts "
            f"WHERE articles_searchentry_fts MATCH %s AND (rowid & 7) = {CODES['article']} {newest}) "
            "OR articles_searchentry_fts.rowid >= coalesce((SELECT rowid FROM articles_searchentry_fts "
            f"WHERE articles_searchentry_fts MATCH %s AND (rowid & 7) = {CODES['article']} ORDER BY rowid DESC LIMIT 1 OFFSET {CANDIDATES - 1}), 0) "
            f"THEN -bm25(articles_searchentry_fts, {WEIGHTS}) ELSE 0 END",
            [f"{HEADS} : ({match})", match],
        )

    def ranked_sql(self, groups, *, every, visible, visible_params, commentary, limits, extra_columns):
        """(sql, params): [(kind, key, matched, score, kind_count[, title, standfirst, body])],
        each kind's best ``limits[kind]`` rows, best first. (``commentary``, the visible
        articles' subquery on its own, is in ``visible`` already: FTS5 finds head matches
        with a column filter over the same hits.)"""
        hits, params = self.hits_sql(groups, every=every, visible=visible, visible_params=visible_params)
        n = len(groups)
        most = at_least(n)
        columns = ", e.title, e.standfirst, e.body" if extra_columns else ""
        # Each kind's best rows come from a LIMITed sort of that kind alone (a bounded heap),
        # and the counts from one GROUP BY: window functions over every hit sorted all of
        # them twice, which cost more than the full-text match itself at 10,000 articles.
        # ``hits`` is materialised once, so the match and its ranking run once.
        # With every word required, every hit matches all groups: the hits are what is kept.
        kept = "hits" if every else "kept"
        tops = " UNION ALL ".join(
            f"SELECT * FROM (SELECT id, kind, key, matched, score FROM {kept} WHERE kind = {CODES[k]} "  # noqa: S608 - fixed kind codes and ints
            f"ORDER BY matched DESC, score DESC, key DESC LIMIT {int(v)}) AS top_{k}"
            for k, v in limits.items()
        )
        kept_cte = "" if every else f"""
            kept AS MATERIALIZED (
                SELECT * FROM hits
                WHERE matched >= {most}
                  AND (matched >= {n} OR (SELECT COUNT(*) FROM hits WHERE matched >= {n}) < {FEW})
            ),"""  # noqa: S608 - only counts are formatted in
        # Only counts, fixed kind codes and %s placeholders are formatted into this SQL.
        sql = f"""
            WITH hits AS MATERIALIZED ({hits}),{kept_cte}
            counts AS (SELECT kind, COUNT(*) AS kind_count FROM {kept} GROUP BY kind),
            top AS ({tops})
            SELECT e.kind, top.key, top.matched, top.score, counts.kind_count{columns}
            FROM top
            JOIN counts ON counts.kind = top.kind
            JOIN articles_searchentry e ON e.id = top.id
            ORDER BY top.kind, top.matched DESC, top.score DESC, top.key DESC
        """  # noqa: S608
        return sql, params
