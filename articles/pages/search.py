"""``/search/?q=``: commentary, claims, actors, themes, events and authors, by relevance.

The article list's filters (theme, actor, author, publication, claim, dates)
narrow the search to matching commentary and the claims it cites.
"""

from django.utils.translation import gettext
from django.views.generic import TemplateView

from articles import search
from articles.models import Article

from .facets import FACETS
from .filters import ArticleFilter

NARROWING = (*FACETS, "date_after", "date_before")


class SearchView(TemplateView):
    """``/search/?q=``: results grouped by kind, best first, with highlighted snippets."""

    template_name = "search.html"

    def get_context_data(self, **kwargs):
        query, shortened = search.clean_query(self.request.GET.get("q", ""))
        notices = []
        if shortened:
            notices.append(
                gettext("Your search was too long, so only the first {count} characters were used.").format(
                    count=search.MAX_QUERY_LENGTH
                )
            )
        has_terms = bool(search.terms_of(query))
        if query and not has_terms:
            notices.append(gettext("Search needs at least one word or number."))
        narrowing = None
        if any(self.request.GET.get(name) for name in NARROWING):
            params = self.request.GET.copy()
            params.pop("q", None)
            narrowing = ArticleFilter(params, queryset=Article.objects.published())
            notices.extend(narrowing.notices)
        results = None
        if has_terms:
            articles = narrowing.qs if narrowing is not None and narrowing.active else None
            results = search.search(query, articles=articles)
            if results.parsed.capped:
                notices.append(
                    gettext("Only the first {count} words of your search were used.").format(count=search.MAX_TERMS)
                )
        return super().get_context_data(
            search_query=query,
            results=results,
            notices=notices,
            narrowing=narrowing.active if narrowing is not None else [],
            crumbs=[("Search", "")],
            **kwargs,
        )
