"""PostgreSQL: ``ts_rank_cd`` over the weighted, GIN-indexed ``document`` column;
``pg_trgm`` over the vocabulary. The ``kzsearch`` configuration (English
stemming after ``unaccent``) comes from migration 0003."""

from .query import Group

# ts_rank_cd weights for D (joined forms), C (body), B (standfirst, people), A (title).
WEIGHTS = "'{0.05, 0.2, 0.5, 1.0}'"


def group_tsquery(group: Group) -> str:
    # Tokens are \w+ only, so they cannot carry tsquery operators.
    return "(" + " | ".join(" <-> ".join(alt) for alt in group.alternatives) + ")"


class PostgresSearch:
    name = "postgresql"
    KIND = "mod(e.id, 8)"  # see index.CODES
    KEY = "div(e.id, 8)"

    def known_sql(self, groups):
        parts, params = [], []
        for index, group in enumerate(groups):
            parts.append(
                f"SELECT {index} WHERE EXISTS (SELECT 1 FROM articles_searchentry "  # noqa: S608 - only counts, fixed names and %s placeholders are formatted in
                "WHERE document @@ to_tsquery('kzsearch', %s))"
            )
            params.append(group_tsquery(group))
        return " UNION ALL ".join(parts), params

    def similar_sql(self, word):
        prefix = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        return (
            "SELECT word FROM articles_searchword WHERE word %% %s OR word LIKE %s "
            "ORDER BY similarity(word, %s) DESC LIMIT 30",
            [word, prefix, word],
        )

    def hits_sql(self, groups, *, every):
        if every:
            all_query = " & ".join(group_tsquery(g) for g in groups)
            sql = (
                f"SELECT e.id, {self.KIND} AS kind, {self.KEY} AS key, {len(groups)} AS matched, "  # noqa: S608 - only a count and constants are formatted in
                f"ts_rank_cd({WEIGHTS}, e.document, to_tsquery('kzsearch', %s)) AS score "
                "FROM articles_searchentry e WHERE e.document @@ to_tsquery('kzsearch', %s)"
            )
            return sql, [all_query, all_query]
        matched = " + ".join("(e.document @@ to_tsquery('kzsearch', %s))::int" for _ in groups)
        any_query = " | ".join(group_tsquery(g) for g in groups)
        sql = (
            f"SELECT e.id, {self.KIND} AS kind, {self.KEY} AS key, ({matched}) AS matched, "  # noqa: S608 - only counts, fixed names and %s placeholders are formatted in
            f"ts_rank_cd({WEIGHTS}, e.document, to_tsquery('kzsearch', %s)) AS score "
            "FROM articles_searchentry e WHERE e.document @@ to_tsquery('kzsearch', %s)"
        )
        return sql, [group_tsquery(g) for g in groups] + [any_query, any_query]
