"""Structured data (schema.org JSON-LD) for every public page: the one home of
every builder, so an actor, author, publication or article has one schema.org
shape sitewide.

Built from objects already loaded for the page: no queries. Render with the
``jsonld`` filter from the ``portal`` template tags, which escapes like
``json_script``. Never include an email address.
"""

import re

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext

from articles.models import Claim, period_end

SCHEMA = "https://schema.org"

# For ClaimReview's Rating: 5 = supported … 1 = false; alternateName carries the label.
VERDICT_RATINGS = {
    Claim.Verdict.SUPPORTED: 5,
    Claim.Verdict.PARTLY_SUPPORTED: 4,
    Claim.Verdict.DISPUTED: 3,
    Claim.Verdict.UNSUPPORTED: 2,
    Claim.Verdict.MISLEADING: 2,
    Claim.Verdict.FALSE: 1,
}


def day_date(obj) -> str:
    """An object's partial date as a schema.org Date only when its day is known.

    schema.org dates are full ISO 8601 dates; "2022" or "2022-01" is read as
    invalid or as 1 January. A piece known only to the month or year gets no
    ``datePublished`` rather than a day we do not know (the page shows the month)."""
    iso = obj.date_iso
    return iso if len(iso) == 10 else ""


def event_dates(event) -> dict:
    """An event's dates: its day, or for a month- or year-precision event the period
    it stands for (``startDate``/``endDate``), as the timeline draws it."""
    from articles.models import period_start

    if not event.date_iso or len(event.date_iso) == 10:
        return {"startDate": event.date_iso} if event.date_iso else {}
    field = event.partial_date_field
    value, precision = getattr(event, field), getattr(event, f"{field}_precision")
    return {
        "startDate": period_start(value, precision).isoformat(),
        "endDate": period_end(value, precision).isoformat(),
    }


def _absolute(request, path):
    return request.build_absolute_uri(path) if request is not None and path else path


def page_url(request):
    """This page's absolute address, without its query string: for the canonical link,
    sharing and JSON-LD. Leading slashes are one: a reader may ask for ``//host/x`` (and
    get our 404 page), which as a link would point at another host, or ``//[``, which
    nothing can parse (a 500)."""
    return request.build_absolute_uri("/" + request.path.lstrip("/"))


def site_organisation(request=None):
    return {
        "@type": "Organization",
        "name": getattr(settings, "KZ_SITE_NAME", "kzportal"),
        "url": _absolute(request, "/"),
    }


def breadcrumb_list(crumbs, request):
    """The page's breadcrumbs (``(label, url)`` pairs after Home; the last is this page) as a BreadcrumbList."""
    trail = [(gettext("Home"), reverse("home")), *crumbs]  # /ru/ and /kk/ pages lead to their own home
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": str(label),
                "item": request.build_absolute_uri(url or request.path),
            }
            for position, (label, url) in enumerate(trail, start=1)
        ],
    }


_ROLE_WORDS = re.compile(
    r"\b(fellow|director|researcher|research|lecturer|professor|editor|analyst|head|chair|founder|"
    r"co-founder|senior|associate|manager|advis[eo]r|phd|dr|journalist|correspondent|expert|member|"
    r"president|deputy|officer|scholar|student|consultant|author|writer|ambassador|minister)\b",
    re.IGNORECASE,
)


def affiliation_parts(line: str) -> tuple[str, str]:
    """An author's printed affiliation line as (job title, organisation); either may be "".

    Editors type the line as printed. A trailing "at <Organisation>" or a last comma
    part without a role word ("Research Fellow, CEIAS") is the organisation; a line
    without any role word ("CEIAS") is only an organisation; anything else stays the
    job title, never an Organization's name."""
    line = " ".join((line or "").split())
    match = re.match(r"^(?P<role>.+?)\s+at\s+(?P<org>(?:the\s+)?[A-Z].*)$", line)
    if match and "|" not in match["org"]:
        return match["role"].strip(" ,"), match["org"].strip(" ,")
    if "," in line:
        head, last = (part.strip() for part in line.rsplit(",", 1))
        if last and not _ROLE_WORDS.search(last):
            return head, last
    if line and not _ROLE_WORDS.search(line):
        return "", line
    return line, ""


def person(author, request=None):
    """A schema.org Person for an author (name, page, job title, affiliation)."""
    data = {"@type": "Person", "name": author.name, "url": _absolute(request, author.get_absolute_url())}
    job_title, organisation = affiliation_parts(author.affiliation)
    if job_title:
        data["jobTitle"] = job_title
    if organisation:
        data["affiliation"] = {"@type": "Organization", "name": organisation}
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


def publication_org(publication, request=None):
    """A publication's own page here, as an Organization linked to its site."""
    data = {"@type": "Organization", "name": publication.name, "url": _absolute(request, publication.get_absolute_url())}
    if publication.description:
        data["description"] = publication.description
    if publication.url:
        data["sameAs"] = [publication.url]
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


def article_jsonld(article, request=None, *, image=""):
    """NewsArticle for an article page (reads prefetched relations of ``for_detail``)."""
    authors = credited_authors(article)
    url = _absolute(request, article.get_absolute_url())
    data = {
        "@context": SCHEMA,
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "inLanguage": article.language or "en",
        "author": [person(author, request) for author in authors],
    }
    if article.standfirst:
        data["description"] = article.standfirst
    if day_date(article):
        data["datePublished"] = day_date(article)
    # The newest correction or update (or the publication here), never an ordinary save.
    if modified := article.last_modified():
        data["dateModified"] = modified.isoformat()
    if article.publication:
        data["publisher"] = publisher(article.publication)
    else:
        data["publisher"] = site_organisation(request)
    if article.original_url:
        data["isBasedOn"] = article.original_url
    if image:
        data["image"] = [image]
    themes = [theme_thing(theme, request) for theme in article.themes.all()]
    if themes:
        data["about"] = themes
    mentions = [actor_thing(mention.actor, request) for mention in article.article_actors.all()]
    if mentions:
        data["mentions"] = mentions
    if article.series:
        data["isPartOf"] = {"@type": "CreativeWorkSeries", "name": article.series}
    return data



def article_ld(request, article):
    data = {"@type": "Article", "headline": article.title, "url": request.build_absolute_uri(article.get_absolute_url())}
    if day_date(article):
        data["datePublished"] = day_date(article)
    if article.publication_id:
        data["publisher"] = {"@type": "Organization", "name": article.publication.name}
    return data


def first_appearance(articles):
    """The earliest article, if its date (at its precision) ends before any other starts.

    A piece dated only "2022" may or may not precede one dated 15 January
    2022, and an undated piece may precede anything: then there is no answer.
    """
    if not articles or any(a.published_on is None for a in articles):
        return None
    first, *others = sorted(articles, key=lambda a: a.published_on)
    ends = period_end(first.published_on, first.published_on_precision)
    return first if all(other.published_on >= ends for other in others) else None


def website(request):
    """The home page: the site, with its search as a SearchAction."""
    return {
        "@context": SCHEMA,
        "@type": "WebSite",
        "name": site_organisation()["name"],
        "url": request.build_absolute_uri("/"),
        "potentialAction": {
            "@type": "SearchAction",
            "target": request.build_absolute_uri(reverse("search")) + "?q={search_term_string}",
            "query-input": "required name=search_term_string",
        },
    }


def collection_page(request, name, description, items):
    """An index page listing ``items`` ([(name, path)]) as an ItemList."""
    return {
        "@context": SCHEMA,
        "@type": "CollectionPage",
        "name": name,
        "description": description,
        "url": page_url(request),
        "mainEntity": {
            "@type": "ItemList",
            "itemListElement": [
                {"@type": "ListItem", "position": position, "name": item_name, "url": _absolute(request, path)}
                for position, (item_name, path) in enumerate(items, start=1)
            ],
        },
    }


def actor_page(page, request):
    """An actor page: the actor, its aliases, Wikidata, and current memberships."""
    from actors.models import Actor, ActorRelation

    actor = page.actor
    data = {"@context": SCHEMA, **actor_thing(actor, request)}
    if actor.description:
        data["description"] = actor.description
    aliases = [alias.name for alias in actor.aliases.all()]
    if aliases:
        data["alternateName"] = aliases
    if actor.wikidata_id:
        data["sameAs"] = [actor.wikidata_url]
    if actor.kind == Actor.Kind.PERSON and actor.role:
        data["jobTitle"] = actor.role
    # Current memberships only: "out" = organisations it belongs to, "in" = its members.
    current = {
        direction: [
            actor_thing(other, request)
            for group in page.relation_groups
            if group.direction == direction and group.kind == ActorRelation.Kind.MEMBER_OF
            for other, relation in group.items
            if not relation.ended
        ]
        for direction in ("out", "in")
    }
    if data["@type"] in ("Person", "Organization") and current["out"]:
        data["memberOf"] = current["out"]
    if data["@type"] == "Organization" and current["in"]:
        data["member"] = current["in"]
    return data


def theme_page(page, request):
    return {
        "@context": SCHEMA,
        "@type": "CollectionPage",
        "name": page.theme.name,
        "description": page.theme.description,
        "url": _absolute(request, page.theme.get_absolute_url()),
        "hasPart": [article_ld(request, a) for a in page.articles],
    }


def author_page(author, request):
    data = {"@context": SCHEMA, **person(author, request)}
    if author.bio:
        data["description"] = author.bio
    return data


def publication_page(publication, request):
    return {"@context": SCHEMA, **publication_org(publication, request)}


def claim_page(claim, request):
    """A claim page: the Claim with where it appeared, and our ClaimReview when assessed."""
    url = _absolute(request, claim.get_absolute_url())
    articles = list({c.article_id: c.article for c in claim.published_citations}.values())
    appearances = [article_ld(request, article) for article in articles]
    claim_ld = {"@type": "Claim", "@id": f"{url}#claim", "text": claim.statement, "url": url}
    if day_date(claim):
        claim_ld["datePublished"] = day_date(claim)
    if claim.claimant_actor_id:
        claim_ld["author"] = actor_thing(claim.claimant_actor, request)
    elif claim.claimant_author_id:
        claim_ld["author"] = {
            "@type": "Person",
            "name": claim.claimant_author.name,
            "url": _absolute(request, claim.claimant_author.get_absolute_url()),
        }
    if appearances:
        claim_ld["appearance"] = appearances
    first = first_appearance(articles)
    if first is not None:
        claim_ld["firstAppearance"] = article_ld(request, first)
    about = [actor_thing(actor, request) for actor in claim.about.all()]
    if about:
        claim_ld["about"] = about
    graph = [claim_ld]
    if claim.verdict:
        graph.append(
            {
                "@type": "ClaimReview",
                "url": url,
                "claimReviewed": claim.statement,
                "itemReviewed": {"@id": f"{url}#claim"},
                "author": site_organisation(request),
                "datePublished": claim.updated_at.date().isoformat(),
                "reviewRating": {
                    "@type": "Rating",
                    "ratingValue": VERDICT_RATINGS.get(claim.verdict, 3),
                    "bestRating": 5,
                    "worstRating": 1,
                    "alternateName": claim.get_verdict_display(),
                    "ratingExplanation": claim.rationale,
                },
            }
        )
    return {"@context": SCHEMA, "@graph": graph}


def timeline(events, request):
    url = _absolute(request, reverse("timeline"))
    return {
        "@context": SCHEMA,
        "@type": "ItemList",
        "name": gettext("Timeline of the January 2022 Kazakhstan crisis"),
        "url": url,
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "item": {
                    "@type": "Event",
                    "name": event.title,
                    **event_dates(event),
                    "url": f"{url}#event-{event.slug}",
                    **({"description": event.description} if event.description else {}),
                },
            }
            for position, event in enumerate(events, start=1)
        ],
    }
