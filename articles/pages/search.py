"""``/search/?q=``: published articles, claims and actors, by relevance."""

from django.views.generic import TemplateView

from articles import search


class SearchView(TemplateView):
    """``/search/?q=``: published articles, claims and actors, by relevance."""

    template_name = "search.html"

    def get_context_data(self, **kwargs):
        query, shortened = search.clean_query(self.request.GET.get("q", ""))
        notices = []
        if shortened:
            notices.append(
                f"Your search was too long, so only the first {search.MAX_QUERY_LENGTH} characters were used."
            )
        has_terms = bool(search.terms_of(query))
        if query and not has_terms:
            notices.append("Search needs at least one word or number.")
        results = search.search(query) if has_terms else None
        return super().get_context_data(
            search_query=query,
            results=results,
            notices=notices,
            crumbs=[("Search", "")],
            **kwargs,
        )
