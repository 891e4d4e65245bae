"""
The editorial data model, one module per subject:

- ``dates``: partial dates (day, month or year precision) and their periods;
- ``expressions``: query expressions shared by query plans;
- ``themes``: Theme and ThemedItem (django-taggit);
- ``sources``: Publication and Author;
- ``events``: timeline Event;
- ``parts``: an article's bylines, round-up contributions, actor mentions, source markers,
  corrections and updates;
- ``articles``: Article (its manager built from ArticleQuerySet);
- ``article_queries``: ArticleQuerySet (``published()``, the one definition of
  public, and the named query plans);
- ``related_articles``: the related-articles ranking (``related_to``), mixed into ArticleQuerySet;
- ``claims``: Claim, ClaimSubject, Citation;
- ``comments``: reader Comment, its ModerationDecision history and BlocklistTerm;
- ``upkeep``: Redirect (old addresses) and LinkCheck (outside links checked);
- ``site``: PageGeneration (what the page cache is keyed by).

Import models from here (``from articles.models import Article``): the app label,
the migrations and every model's name are unchanged by the split. Inside the
package, imports run one way (comments, dates, expressions, themes, sources,
events ← parts ← related_articles ← article_queries ← articles ← claims); the query plans
that reach "up" (to Article or Citation) import lazily.
"""

from .articles import Article, ArticleQuerySet
from .claims import Citation, Claim, ClaimQuerySet, ClaimSubject
from .comments import BlocklistTerm, Comment, CommentQuerySet, ModerationDecision
from .dates import (
    DatePrecision,
    PartialDateMixin,
    format_partial_date,
    iso_partial_date,
    normalise_partial_date,
    period_end,
    period_start,
)
from .events import Event, EventQuerySet
from .expressions import SubqueryCount
from .parts import ArticleActor, ArticleAuthor, Contribution, Correction, SourceMarker
from .search import SearchActor, SearchEntry, SearchWord
from .site import PageGeneration
from .sources import Author, Publication
from .themes import Theme, ThemedItem
from .upkeep import LinkCheck, Redirect

__all__ = [
    "Article",
    "ArticleActor",
    "ArticleAuthor",
    "ArticleQuerySet",
    "Author",
    "BlocklistTerm",
    "Citation",
    "Claim",
    "ClaimQuerySet",
    "ClaimSubject",
    "Comment",
    "CommentQuerySet",
    "Contribution",
    "Correction",
    "DatePrecision",
    "Event",
    "EventQuerySet",
    "LinkCheck",
    "ModerationDecision",
    "PageGeneration",
    "PartialDateMixin",
    "Redirect",
    "Publication",
    "SearchActor",
    "SearchEntry",
    "SearchWord",
    "SourceMarker",
    "SubqueryCount",
    "Theme",
    "ThemedItem",
    "format_partial_date",
    "iso_partial_date",
    "normalise_partial_date",
    "period_end",
    "period_start",
]
