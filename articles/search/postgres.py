"""PostgreSQL: ``ts_rank_cd`` over the weighted, GIN-indexed ``document`` column;
``pg_trgm`` over the vocabulary. The ``kzsearch`` configuration (English
stemming after ``unaccent``) comes from migration 0005.

Each language's text is in ``document`` with its own configuration (migration
0014): English with ``kzsearch``, Russian with ``russian``, Kazakh with ``simple``
(there is no Kazakh stemmer). A query's every word is read with each of them and
matches if any reading does: on /ru/ (or anywhere) "протестах" is the stem
``протест`` of a Russian statement's "протесты", "troops" is still ``troop``, and a
Kazakh word is matched as written. A reader's page language does not narrow this:
readers of every language search Russian and Kazakh names.
"""

import re

from .index import CODES
from .query import CANDIDATES, Group, at_least, combinations_of

# ts_rank_cd weights for D (joined forms), C (body), B (standfirst, people), A (title).
WEIGHTS = "'{0.05, 0.2, 0.5, 1.0}'"


def group_tsquery(group: Group) -> list[str]:
    # Tokens are \w+ only, so they cannot carry tsquery operators.
    return [" <-> ".join(alt) for alt in group.searched]


def loose_tsquery(group: Group) -> list[str]:
    return [" & ".join(alt) for alt in group.searched]


CONFIGURATIONS = ("kzsearch", "russian", "simple")  # as in articles_search_tsquery (migration 0017)
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")


def tsquery(alternatives: list[str]) -> tuple[str, list]:
    """SQL for any of ``alternatives`` (tsquery syntax) read with every language's
    configuration: ``articles_search_tsquery`` (migration 0017) ORs the distinct readings,
    so a word that reads the same in all three ("csto") is in the query once, not three
    times (ts_rank_cd's cost grows with the query; its score does not change)."""
    return "articles_search_tsquery(%s::text[])", [list(alternatives)]


def matching(group: Group) -> tuple[str, list]:
    """SQL matching ``group`` anywhere in an entry: every word of any alternative, or the
    actor's lexeme where the index has it (``actor_tokens``: the same entries)."""
    if group.token:
        return "%s::tsquery", [f"'{group.token}'"]
    return tsquery(loose_tsquery(group))


def _joined(parts: list[tuple[str, list]], operator: str) -> tuple[str, list]:
    return "(" + f" {operator} ".join(sql for sql, _ in parts) + ")", [p for _, params in parts for p in params]


class PostgresSearch:
    name = "postgresql"
    KIND = "mod(e.id, 8)"  # see index.CODES
    # Integer division: div() is numeric-only, and a numeric key made the visibility test
    # convert and hash every published article's id as numeric (2 ms at 10,000 matches).
    KEY = "(e.id / 8)"

    def known_sql(self, groups):
        """Indexes of the ``(index, group)`` pairs with an alternative whose every word is in the vocabulary. (An EXISTS over
        the documents would do, but for a rare word PostgreSQL's planner picks a sequential
        scan that reads every large document.)"""
        parts, params = [], []
        for index, group in groups:
            for alternative in group.alternatives:
                parts.append(
                    f"SELECT {index} WHERE (SELECT count(*) FROM articles_searchword WHERE word = ANY(%s)) = %s"  # noqa: S608 - only counts are formatted in
                )
                params += [list(set(alternative)), len(set(alternative))]
                if len(alternative) == 1 and _CYRILLIC_RE.search(alternative[0]):
                    # A Russian word is known when a vocabulary word has its stem ("протестах":
                    # "протесты"), as the russian configuration matches it: not a typo to correct.
                    parts.append(
                        f"SELECT {index} WHERE EXISTS (SELECT 1 FROM articles_searchword "  # noqa: S608 - only counts are formatted in
                        "WHERE word LIKE (ts_lexize('russian_stem', %s))[1] || '%%' "
                        "AND ts_lexize('russian_stem', word) = ts_lexize('russian_stem', %s))"
                    )
                    params += [alternative[0], alternative[0]]
        return " UNION ".join(parts), params

    def similar_sql(self, word):
        prefix = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        # Through the trigram index (migration 0020): the planner would compare every
        # vocabulary word's trigrams instead, 11-17 ms a word at 10,000 pieces.
        return "SELECT word FROM articles_search_similar(%s, %s)", [word, prefix]

    def ranked_sql(self, groups, *, every, visible, visible_params, commentary, limits, extra_columns):
        """(sql, params): [(kind, key, matched, score, kind_count[, title, standfirst, body])],
        each kind's best ``limits[kind]`` rows, best first.

        Matching uses every word of a name anywhere in the entry (``&``: exact in the GIN
        index, so no entry is read to check it); ranking uses the phrases. Ranking reads
        each entry's whole ``document``, so only the best ``CANDIDATES`` per kind are
        ranked: those with every word first (in the most-of-the-words fallback), then those
        whose title, standfirst or people match (the small ``heads`` column), then the
        newest. Below that many matches the ranking is exact; above it, a kind's best
        rows are among its ranked candidates (a list asking for more than ``CANDIDATES``
        gets the other matches after them, newest first).

        The matches come from ``articles_search_ids`` (migration 0019): through the GIN
        index, never a sequential scan that decompresses every document; documents are
        read for the ranked candidates only. ``ts_rank_cd`` costs about 0.05-0.2 ms per
        document for an actor's many names: a search for "CSTO Russia" at 10,000 pieces
        spent 58 ms ranking 300 candidates per kind, as it did before ``CANDIDATES``.
        Each pass over all the matches costs about a millisecond per 10,000, so they are
        read three times: materialised, counted, and the newest commentary picked with
        a LIMITed sort (a bounded heap, where numbering them with a window function
        sorted them all); the best rows come from the ranked candidates alone.
        ``commentary``: (sql, params) of the visible articles' keys, for the head matches."""
        n = len(groups)
        loose = [matching(g) for g in groups]
        every_match = _joined(loose, "&&")
        if every:
            match = every_match
            rank = _joined([tsquery(group_tsquery(g)) for g in groups], "&&")
        else:
            # Most of the words: an OR of ANDs, so only such entries are read at all.
            match = _joined(
                [_joined([matching(g) for g in choice], "&&") for choice in combinations_of(groups, at_least(n))],
                "||",
            )
            rank = _joined([tsquery(group_tsquery(g)) for g in groups], "||")
        every_word, every_params, first = "", [], ""
        if not every:
            # Entries with every word are ranked whatever their age (there are few: fewer than
            # FEW, or this fallback would not run).
            every_word = f", e.id IN (SELECT id FROM articles_search_ids({every_match[0]})) AS every_word"  # noqa: S608 - fixed names and %s placeholders
            every_params = every_match[1]
            first = "every_word DESC,"
        # Commentary is the one kind that grows with the site. Its candidates are the first
        # CANDIDATES, in (every word,) head match, newest order, of: the newest head matches
        # (``heads``: at most CANDIDATES, read newest first through the primary key while
        # they are common, through the ``heads`` index when rare), the newest matches, and
        # (most-words fallback) those with every word. Any piece among the first CANDIDATES
        # of all matches in that order is in one of the three. Before, every match was
        # tested against the heads index: a third of the match time for an actor's names.
        order = f"{first} head DESC, id DESC"
        parts, candidate_params = [], []
        if "article" in limits:
            pool = [
                "SELECT id FROM heads",
                f"SELECT id FROM (SELECT id FROM m WHERE kind = {CODES['article']} ORDER BY id DESC LIMIT {CANDIDATES}) AS newest",  # noqa: S608 - fixed kind codes and ints
            ]
            if not every:
                pool.append(f"SELECT id FROM m WHERE kind = {CODES['article']} AND every_word")  # noqa: S608 - fixed kind codes
            parts.append(
                "SELECT id, kind, key FROM (SELECT m.id, m.kind, m.key, m.id IN (SELECT id FROM heads) AS head"  # noqa: S608 - fixed names and ints
                f"{', m.every_word' if not every else ''} FROM m WHERE m.id IN ({' UNION '.join(pool)}) "
                f"ORDER BY {order} LIMIT {CANDIDATES}) AS candidates_article"
            )
        others = [str(CODES[kind]) for kind in limits if kind != "article"]
        if others:
            # The other kinds' few matches, numbered together in one pass.
            parts.append(
                "SELECT id, kind, key FROM (SELECT id, kind, key, ROW_NUMBER() OVER ("  # noqa: S608 - fixed kind codes and ints
                f"PARTITION BY kind ORDER BY {order}) AS number FROM (SELECT m.*, "
                f"(SELECT h.heads @@ {match[0]} FROM articles_searchentry h WHERE h.id = m.id) AS head "
                f"FROM m WHERE kind IN ({', '.join(others)})) AS other) AS numbered "
                f"WHERE number <= {CANDIDATES}"
            )
            candidate_params += match[1]
        candidates = " UNION ALL ".join(parts)
        # Per candidate only, as a subquery per row: a join to the entries let the planner
        # read every matching document.
        ranked = f"(SELECT ts_rank_cd({WEIGHTS}, d.document, {rank[0]}) FROM articles_searchentry d WHERE d.id = t.id)"  # noqa: S608 - fixed names and %s placeholders
        if every:
            exact, matched_params, default = str(n), [], n
        else:
            # Counted exactly for the ranked candidates; the rest match at least that many.
            counted = " + ".join(f"(d.document @@ {sql})::int" for sql, _ in loose)
            exact = f"(SELECT {counted} FROM articles_searchentry d WHERE d.id = t.id)"  # noqa: S608 - fixed names and %s placeholders
            matched_params = [p for _, params in loose for p in params]
            default = at_least(n)
        tops = []
        for kind, limit in limits.items():
            if limit <= CANDIDATES:
                source = f"SELECT id, kind, key, matched, score FROM r WHERE kind = {CODES[kind]}"  # noqa: S608 - fixed kind codes
            else:
                source = (
                    f"SELECT m.id, m.kind, m.key, coalesce(r.matched, {default}) AS matched, coalesce(r.score, 0) AS score "  # noqa: S608 - fixed kind codes and ints
                    f"FROM m LEFT JOIN r ON r.id = m.id WHERE m.kind = {CODES[kind]}"
                )
            tops.append(
                f"SELECT * FROM ({source} ORDER BY matched DESC, score DESC, key DESC LIMIT {int(limit)}) AS top_{kind}"  # noqa: S608 - fixed names and ints
            )
        columns = ", e.title, e.standfirst, e.body" if extra_columns else ""
        heads = ""
        heads_params = []
        if "article" in limits:
            # The kind column and a join to the visible articles (not the id arithmetic and
            # the OR of every kind's visibility, whose selectivity the planner can only
            # guess) let the planner see how common head matches are: common ones are read
            # newest first through the primary key until it has CANDIDATES, rare ones
            # through the heads index.
            heads = f"""
            heads AS MATERIALIZED (
                SELECT e.id FROM articles_searchentry e
                WHERE e.heads @@ {match[0]} AND e.kind = 'article' AND e.key IN ({commentary[0]})
                ORDER BY e.id DESC LIMIT {CANDIDATES}
            ),"""  # noqa: S608 - fixed names, codes and %s placeholders
            heads_params = [*match[1], *commentary[1]]
        sql = f"""
            WITH m AS MATERIALIZED (
                SELECT e.id, {self.KIND} AS kind, {self.KEY} AS key{every_word}
                FROM articles_search_ids({match[0]}) AS e
                WHERE {visible}
            ),{heads}
            r AS MATERIALIZED (
                SELECT t.id, t.kind, t.key, {ranked} AS score, {exact} AS matched
                FROM ({candidates}) AS t
            ),
            counts AS (SELECT kind, COUNT(*) AS kind_count FROM m GROUP BY kind),
            top AS ({" UNION ALL ".join(tops)})
            SELECT e.kind, top.key, top.matched, top.score, counts.kind_count{columns}
            FROM top
            JOIN counts ON counts.kind = top.kind
            JOIN articles_searchentry e ON e.id = top.id
            ORDER BY top.kind, top.matched DESC, top.score DESC, top.key DESC
        """  # noqa: S608 - only counts, fixed names and %s placeholders are formatted in
        return sql, [*every_params, *match[1], *visible_params, *heads_params, *rank[1], *matched_params,
                     *candidate_params]
