"""URL patterns for the reference pages: actors, themes, authors, publications,
claims and the timeline.

``kzportal/urls.py`` includes each list under its path and namespace:

    actor_patterns        /actors/         namespace "actors"        (needs "detail": <slug>)
    theme_patterns        /themes/         namespace "themes"        (needs "detail": <slug>)
    author_patterns       /authors/        namespace "authors"       (needs "detail": <slug>)
    publication_patterns  /publications/   namespace "publications"  (needs "detail": <slug>)
    claim_patterns        /claims/         namespace "claims"        (needs "detail": <slug>, id or slug)
    timeline_patterns     /timeline/       no namespace              (needs "timeline": "")

Routes are relative to those prefixes, e.g. ``path("<slug:slug>/", view, name="detail")``.
Until a list defines a name that models reverse (``get_absolute_url``), the root
URLconf adds a placeholder route with that name that answers 404.
"""

actor_patterns = []
theme_patterns = []
author_patterns = []
publication_patterns = []
claim_patterns = []
timeline_patterns = []
