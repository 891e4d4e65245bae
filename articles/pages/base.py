"""What every public page shares: the one pagination rule, the one way to clean
query parameters, the mixin every commentary list and archive uses, the
mixin every section page fills the base layout through, and rendering a page's
blocks on their own (``render_blocks``) for pages that keep them.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Paginator
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext, ngettext

from articles.models import Article
from articles.search import without_controls

# An event on the timeline or a theme page lists its newest commentary, up to this many,
# then links to the article list filtered by that event.
EVENT_ARTICLES_SHOWN = 5

PAGE_SIZE = 20
MAX_PARAM_LENGTH = 200


def render_blocks(template_name, context, request) -> dict:
    """Each top-level ``{% block %}`` of ``template_name`` rendered on its own with
    ``context`` (and the context processors), by name: the parts a page extending
    base.html puts in its blocks, made once so that they can be kept."""
    from django.template.context import make_context
    from django.template.loader import get_template
    from django.template.loader_tags import BlockNode

    template = get_template(template_name).template
    bound = make_context(context, request)
    with bound.render_context.push_state(template), bound.bind_template(template):
        return {node.name: node.render(bound) for node in template.nodelist if isinstance(node, BlockNode)}


def clean_params(data, names, *, free_text=()):
    """(cleaned, dropped) for the query parameters ``names`` of a filter form.

    The one rule for URL filter input: values are stripped; empty ones mean
    "any" and are left out; a value holding a control character or bidi override,
    or longer than ``MAX_PARAM_LENGTH``, is dropped (``dropped`` names it) rather
    than echoed back. Words typed by a reader (``free_text``, e.g. ``q``) keep
    their text with those characters turned into spaces; the search shortens them.
    Unknown parameters (``page``, ``utm_*``...) are not ours.
    """
    cleaned, dropped = {}, []
    for name in names:
        value = data.get(name)
        if value is None:
            continue
        text = without_controls(value)
        if name in free_text:
            if text:
                cleaned[name] = text
        elif text != str(value).strip() or len(str(value)) > MAX_PARAM_LENGTH:
            dropped.append(name)
        elif text:
            cleaned[name] = text
    return cleaned, dropped


def lenient_page(paginator, raw):
    """(page, notice or None) for a ``?page=`` value, never raising.

    Not a number: the first page; past the end: the last page; each with a
    notice that does not repeat what was typed.
    """
    if raw in (None, ""):
        return paginator.page(1), None
    text = str(raw).strip()
    if text == "last":
        return paginator.page(paginator.num_pages), None
    if not (text.isascii() and text.isdigit()) or len(text) > 9:  # "²".isdigit(), but int("²") fails
        return paginator.page(1), gettext("That page number was not a number, so this is the first page.")
    number = int(text)
    if number < 1:
        return paginator.page(1), gettext("Pages start at 1, so this is the first page.")
    if number > paginator.num_pages:
        notice = ngettext(
            "There is only {count} page here, so this is the last one.",
            "There are only {count} pages here, so this is the last one.",
            paginator.num_pages,
        ).format(count=paginator.num_pages)
        return paginator.page(paginator.num_pages), notice
    return paginator.page(number), None


def card_rows(rows):
    """What an article card shows (``for_list``): the default display of a page's keys."""
    return rows.for_list()


class KeysFirst:
    """Articles to page (for ``Paginator``), each page read in two steps inside one query: the
    keys of the page, filtered, ordered and cut from ``selection`` (answered from indexes:
    the date index, ``article_published_by_key``, the link tables), then the rows of just
    those keys as ``display`` shows them, in the same order.

    Asking for the cards' rows directly, SQLite read (and sorted) the whole row, body and
    all, of every article that matched a theme or an actor before keeping twenty: the
    work grew with the articles matched. ``display`` must provide whatever the order
    names beyond the article's own columns (an actor page's ``actor_mentions``)."""

    def __init__(self, selection, display=card_rows):
        self.selection, self.display = selection, display

    def count(self):
        return self.selection.count()

    def __len__(self):
        return self.count()

    @property
    def ordered(self):
        return self.selection.ordered

    def __getitem__(self, key):
        if not isinstance(key, slice):
            raise TypeError("KeysFirst is read a page (a slice) at a time")
        keys = self.selection.values("pk")[key]
        rows = self.display(Article.objects.published().filter(pk__in=keys))
        return rows.order_by(*self.selection.query.order_by)


def plainly_ordered(queryset) -> bool:
    """Whether ``queryset`` is ordered by the article's own columns only (so a page of
    its keys can be put back in order without recomputing anything)."""
    fields = {field.name for field in Article._meta.concrete_fields} | {"pk"}
    return all(isinstance(term, str) and term.lstrip("-") in fields for term in queryset.query.order_by)


def paged(queryset, raw_page, *, per_page=PAGE_SIZE, display=None):
    """(page, notice or None): one page of ``queryset`` for a ``?page=`` value, lenient
    like every list (two queries: the count and the rows). Reference pages use it so no
    page's HTML grows with the site; ``page.object_list`` is a list.

    With ``display``, ``queryset`` only selects and orders, and the page is read keys
    first (``KeysFirst``): ``display`` turns the page's rows into what the page shows."""
    rows = queryset if display is None else KeysFirst(queryset, display)
    page, notice = lenient_page(Paginator(rows, per_page, allow_empty_first_page=True), raw_page)
    page.object_list = list(page.object_list)
    return page, notice


class PagedSectionMixin:
    """Section pages whose commentary is paginated: ``self.raw_page`` is the ``?page=`` value,
    ``notices`` says when it was adjusted."""

    def get(self, request, *args, **kwargs):
        self.raw_page = request.GET.get("page")
        return super().get(request, *args, **kwargs)


class PublishedArticlesMixin:
    """Shared by every list and archive of commentary (djangoproject.com blog style).

    The queryset always starts from ``Article.objects.published()``; pages are
    lenient (a bad ``?page=`` gives a page and a notice, never an error).
    """

    model = Article
    date_field = "published_on"
    paginate_by = PAGE_SIZE
    context_object_name = "articles"

    def dispatch(self, request, *args, **kwargs):
        self.notices = []
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return Article.objects.published().by_date()

    def paginate_queryset(self, queryset, page_size):
        # Only the page shown loads what a card needs (date archives also run
        # their own small queries on get_queryset(), which must stay plain).
        # Cards never show the text: leave the bodies (about 1,000 words each, twice) unread.
        # Read keys first where the order is the article's own columns (not search relevance).
        rows = KeysFirst(queryset) if plainly_ordered(queryset) else card_rows(queryset)
        paginator = Paginator(rows, page_size, allow_empty_first_page=True)
        page, notice = lenient_page(paginator, self.request.GET.get("page"))
        if notice:
            self.notices.append(notice)
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["notices"] = self.notices
        return context



class PageMixin:
    """What every section page shares: unknown objects are a 404, and the
    context carries ``crumbs``, ``page_title``, ``page_description`` and ``jsonld``.

    Subclasses implement ``page_context(**kwargs)`` (the data) and may
    override ``crumbs``/``jsonld``.
    """

    section: tuple[str, str] | None = None  # (label, URL name) of the list page above

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            context.update(self.page_context(**kwargs))
        except ObjectDoesNotExist as missing:
            raise Http404("No such page.") from missing
        context["crumbs"] = self.crumbs(context)
        context["jsonld"] = self.jsonld(context)
        return context

    def page_context(self, **kwargs):
        return {}

    def crumbs(self, context):
        crumbs = []
        if self.section:
            label, name = self.section
            crumbs.append((label, reverse(name)))
        crumbs.append((context.get("page_title", ""), ""))
        return crumbs

    def jsonld(self, context):
        return None


class ListPageMixin(PageMixin):
    """Index pages: JSON-LD ``CollectionPage`` whose ``mainEntity`` lists what the page lists.

    Subclasses implement ``list_items(context)`` → [(name, path)].
    """

    def list_items(self, context):
        return []

    def jsonld(self, context):
        from . import jsonld

        return jsonld.collection_page(
            self.request, context["page_title"], context["page_description"], self.list_items(context)
        )
