"""Structured data (schema.org JSON-LD) for public pages.

Built from objects already loaded for the page: no queries. Render with the
``jsonld`` filter from the ``portal`` template tags, which escapes like
``json_script``. Never include an email address.
"""

from django.conf import settings


def _absolute(request, path):
    return request.build_absolute_uri(path) if request is not None and path else path


def site_organisation(request=None):
    return {
        "@type": "Organization",
        "name": getattr(settings, "KZ_SITE_NAME", "kzportal"),
        "url": _absolute(request, "/"),
    }


def person(author, request=None):
    """A schema.org Person for an author (name, page, affiliation)."""
    data = {"@type": "Person", "name": author.name, "url": _absolute(request, author.get_absolute_url())}
    if author.affiliation:
        data["affiliation"] = {"@type": "Organization", "name": author.affiliation}
    if author.public_social_url:
        data["sameAs"] = [author.public_social_url]
    return data


def publisher(publication):
    """The outlet that first published the piece, as an Organization."""
    data = {"@type": "Organization", "name": publication.name}
    if publication.url:
        data["url"] = publication.url
    return data


def actor_thing(actor, request=None):
    """An actor as a schema.org Thing subtype, linked to Wikidata where set."""
    types = {"country": "Country", "organisation": "Organization", "person": "Person", "place": "Place"}
    data = {
        "@type": types.get(actor.kind, "Thing"),
        "name": actor.name,
        "url": _absolute(request, actor.get_absolute_url()),
    }
    if actor.wikidata_url:
        data["sameAs"] = actor.wikidata_url
    return data


def theme_thing(theme, request=None):
    return {"@type": "Thing", "name": theme.name, "url": _absolute(request, theme.get_absolute_url())}


def credited_authors(article):
    """The byline's authors, then round-up contributors not already in it, each
    once (from prefetched ``article_authors`` and ``contributions``)."""
    authors = [credit.author for credit in article.article_authors.all()]
    seen = {author.pk for author in authors}
    for contribution in article.contributions.all():
        if contribution.author.pk not in seen:
            seen.add(contribution.author.pk)
            authors.append(contribution.author)
    return authors


def article_jsonld(article, request=None):
    """NewsArticle for an article page (reads prefetched relations of ``for_detail``)."""
    authors = credited_authors(article)
    url = _absolute(request, article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "inLanguage": article.language or "en",
        "author": [person(author, request) for author in authors],
    }
    if article.standfirst:
        data["description"] = article.standfirst
    if article.date_iso:
        data["datePublished"] = article.date_iso
    if article.updated_at:
        data["dateModified"] = article.updated_at.isoformat()
    if article.publication:
        data["publisher"] = publisher(article.publication)
    else:
        data["publisher"] = site_organisation(request)
    if article.original_url:
        data["isBasedOn"] = article.original_url
    themes = [theme_thing(theme, request) for theme in article.themes.all()]
    if themes:
        data["about"] = themes
    mentions = [actor_thing(mention.actor, request) for mention in article.article_actors.all()]
    if mentions:
        data["mentions"] = mentions
    if article.series:
        data["isPartOf"] = {"@type": "CreativeWorkSeries", "name": article.series}
    return data

