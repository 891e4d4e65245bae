"""PostgreSQL: ``ts_rank_cd`` over the weighted, GIN-indexed ``document`` column;
``pg_trgm`` over the vocabulary. The ``kzsearch`` configuration (English
stemming after ``unaccent``) comes from migration 0003."""

from .query import Group, at_least, combinations_of

# ts_rank_cd weights for D (joined forms), C (body), B (standfirst, people), A (title).
WEIGHTS = "'{0.05, 0.2, 0.5, 1.0}'"


def group_tsquery(group: Group) -> str:
    # Tokens are \w+ only, so they cannot carry tsquery operators.
    return "(" + " | ".join(" <-> ".join(alt) for alt in group.alternatives) + ")"


def loose_tsquery(group: Group) -> str:
    return "(" + " | ".join(" & ".join(alt) for alt in group.alternatives) + ")"


CANDIDATES = 300


class PostgresSearch:
    name = "postgresql"
    KIND = "mod(e.id, 8)"  # see index.CODES
    KEY = "div(e.id, 8)"

    def known_sql(self, groups):
        """Groups with an alternative whose every word is in the vocabulary. (An EXISTS over
        the documents would do, but for a rare word PostgreSQL's planner picks a sequential
        scan that reads every large document.)"""
        parts, params = [], []
        for index, group in enumerate(groups):
            for alternative in group.alternatives:
                parts.append(
                    f"SELECT {index} WHERE (SELECT count(*) FROM articles_searchword WHERE word = ANY(%s)) = %s"  # noqa: S608 - only counts are formatted in
                )
                params += [list(set(alternative)), len(set(alternative))]
        return " UNION ".join(parts), params

    def similar_sql(self, word):
        prefix = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        return (
            "SELECT word FROM articles_searchword WHERE word %% %s OR word LIKE %s "
            "ORDER BY similarity(word, %s) DESC LIMIT 30",
            [word, prefix, word],
        )

    def hits_sql(self, groups, *, every, visible, visible_params):
        """Matching uses every word of a name anywhere in the entry (``&``: exact in the GIN
        index, so no entry is read to check it); ranking uses the phrases. Ranking reads
        each entry's whole ``document``, so only the best ``CANDIDATES`` per kind are
        ranked: those with every word first (in the most-of-the-words fallback), then those
        whose title, standfirst or people match (the small ``heads`` column), then the
        newest. Below that many matches the ranking is exact."""
        n = len(groups)
        loose = [loose_tsquery(g) for g in groups]
        every_match = " & ".join(loose)
        if every:
            match = every_match
            rank = " & ".join(group_tsquery(g) for g in groups)
            matched, matched_params = str(n), []
        else:
            # Most of the words: an OR of ANDs, so only such entries are read at all.
            match = " | ".join(
                "(" + " & ".join(loose_tsquery(g) for g in choice) + ")"
                for choice in combinations_of(groups, at_least(n))
            )
            rank = " | ".join(group_tsquery(g) for g in groups)
            # Counted exactly for the ranked candidates; the rest match at least that many.
            matched = (
                f"CASE WHEN candidate <= {CANDIDATES} THEN "
                + " + ".join("(document @@ to_tsquery('kzsearch', %s))::int" for _ in groups)
                + f" ELSE {at_least(n)} END"
            )
            matched_params = loose
        first, first_params = "", []
        if not every:
            # Entries with every word are ranked whatever their age (there are few: fewer than
            # FEW, or this fallback would not run).
            first = "(e.id IN (SELECT id FROM articles_searchentry WHERE document @@ to_tsquery('kzsearch', %s))) DESC,"
            first_params = [every_match]
        sql = f"""
            SELECT id, kind, key, {matched} AS matched,
                CASE WHEN candidate <= {CANDIDATES}
                    THEN ts_rank_cd({WEIGHTS}, document, to_tsquery('kzsearch', %s)) ELSE 0 END AS score
            FROM (
                SELECT e.id, {self.KIND} AS kind, {self.KEY} AS key, e.document,
                    ROW_NUMBER() OVER (
                        PARTITION BY {self.KIND} ORDER BY {first}
                            (e.heads @@ to_tsquery('kzsearch', %s)) DESC,
                            e.id DESC
                    ) AS candidate
                FROM articles_searchentry e
                WHERE e.document @@ to_tsquery('kzsearch', %s) AND ({visible})
            ) AS candidates
        """  # noqa: S608 - only counts, fixed names and %s placeholders are formatted in
        return sql, [*matched_params, rank, *first_params, match, match, *visible_params]
