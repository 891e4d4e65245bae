"""The editors' dashboard on the admin index: the articles that need someone now.

``dashboard_for(user)`` returns the sections the user may see, each with its
total and its first rows, in a fixed number of queries whatever the data size
(two per section: a count and the rows). The admin index template
(``templates/admin/index.html``) shows them above the comment-moderation and
citation-review counts.
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article, LinkCheck

ROWS = 8  # rows shown per section; the total links to the full list


@dataclass
class Section:
    key: str
    title: str
    total: int
    rows: list
    link: str
    when_label: str = ""
    empty: str = ""
    note: str = ""
    extra: dict = field(default_factory=dict)


def worked_on_by(user):
    """Articles ``user`` created or changed (their history names the user): "mine"."""
    history = Article.history.model.objects.filter(id=OuterRef("pk"), history_user=user)
    return Article.objects.filter(Exists(history))


def _section(key, title, queryset, link, **kwargs):
    return Section(key=key, title=title, total=queryset.count(), rows=list(queryset[:ROWS]), link=link, **kwargs)


def broken_links_section(user):
    """Outside addresses the link checker (``manage.py check_links``) found broken,
    most recently checked first; for users who may see the link checks."""
    if not user.has_perm("articles.view_linkcheck"):
        return None
    return _section(
        "broken-links",
        _("Broken links"),
        LinkCheck.objects.filter(ok=False).order_by("-checked_at", "url"),
        reverse("admin:articles_linkcheck_changelist") + "?state=broken",
        when_label=_("checked"),
        empty=_("No broken links found by the last check."),
    )


def dashboard_for(user) -> list[Section]:
    if not user.has_perm("articles.view_article"):
        return []
    changelist = reverse("admin:articles_article_changelist")
    now = timezone.now()
    fields = ["pk", "title", "status", "live_from", "updated_at", "publication__name"]
    articles = Article.objects.select_related("publication").only(*fields)
    sections = [
        _section(
            "my-drafts",
            _("My drafts"),
            articles.filter(status=Article.Status.DRAFT, pk__in=worked_on_by(user).values("pk")).order_by(
                "-updated_at", "-pk"
            ),
            f"{changelist}?status__exact=draft&mine=yes",
            when_label=_("last saved"),
            empty=_("No drafts of yours."),
        ),
        _section(
            "in-review",
            _("In review"),
            articles.filter(status=Article.Status.REVIEW).order_by("updated_at", "pk"),
            f"{changelist}?status__exact=review",
            when_label=_("last saved"),
            empty=_("Nothing is waiting for review."),
            note=_("Oldest first."),
        ),
        _section(
            "scheduled",
            _("Scheduled"),
            articles.filter(status=Article.Status.PUBLISHED, live_from__gt=now).order_by("live_from", "pk"),
            f"{changelist}?when=scheduled",
            when_label=_("goes live"),
            empty=_("Nothing is scheduled."),
            note=_("Times in %(zone)s, the site's time zone; your own local time follows each.")
            % {"zone": timezone.get_current_timezone_name()},
        ),
        _section(
            "recently-published",
            _("Recently published"),
            Article.objects.published().select_related("publication").only(*fields).order_by("-live_from", "-pk"),
            f"{changelist}?when=live",
            when_label=_("live since"),
            empty=_("Nothing is published yet."),
        ),
    ]
    broken = broken_links_section(user)
    if broken is not None:
        sections.append(broken)
    return sections
