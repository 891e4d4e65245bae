"""
Import commentary from the admin: upload files or paste text, preview, correct, create drafts.

Two steps on one page (``/admin/articles/article/import/``):

1. *Preview*: the editor uploads one or more files (text scrapes or saved
   HTML pages) and/or pastes a text. Each goes through
   ``articles.importing.files.decode_text`` (the command's one-line refusals
   for bad files) and a dry run of ``import_commentary`` (the command's
   service), so the preview shows exactly what would be created: every
   detected field, the evidence for it and the warnings.
2. *Create*: the editor corrects fields in the preview and creates the
   drafts, through the same service, with the corrections as ``Overrides``.
   Each created draft gets an admin log entry.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.admin.models import ADDITION, LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.importing.files import UnreadableFileError, decode_text
from articles.importing.service import (
    CREATED,
    CommentaryImportError,
    Overrides,
    import_commentary,
)
from articles.models import Article, DatePrecision, Publication

MAX_FILES = 20


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        # Empty, binary or oversized uploads are refused later, in the importer's own words.
        return list(data) if isinstance(data, (list, tuple)) else [data]


class ImportSourceForm(forms.Form):
    files = MultipleFileField(
        label=_("Files"),
        required=False,
        help_text=_("Saved pages (.html) or text scrapes (.txt), UTF-8, at most 1 MB each."),
    )
    pasted = forms.CharField(
        label=_("Or paste a page’s text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "cols": 90}),
    )
    publication = forms.ModelChoiceField(
        label=_("Publication"),
        queryset=Publication.objects.all(),
        required=False,
        help_text=_("Leave empty to let the importer match the page against your publications and their aliases."),
    )
    url = forms.URLField(
        label=_("Original URL"),
        required=False,
        assume_scheme="https",
        help_text=_("Only for a single page; otherwise its canonical link is used."),
    )
    approve_comments = forms.BooleanField(
        label=_("Approve the pages’ reader comments"),
        required=False,
        help_text=_("Unticked, copied reader comments wait in the moderation queue like any other."),
    )


class PreviewItemForm(forms.Form):
    """One page in the preview: its text (carried to the create step) and the fields an editor may correct."""

    source_name = forms.CharField(widget=forms.HiddenInput)
    text = forms.CharField(widget=forms.Textarea(attrs={"hidden": True, "readonly": True}), strip=False)
    title = forms.CharField(label=_("Title"), required=False, max_length=300)
    standfirst = forms.CharField(label=_("Standfirst"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    authors = forms.CharField(
        label=_("Authors"),
        required=False,
        help_text=_("One name per line, in byline order."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    published_on = forms.DateField(
        label=_("Date"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(format="%Y-%m-%d"),
        help_text=_("YYYY-MM-DD; empty if the page prints none."),
    )
    precision = forms.ChoiceField(label=_("Date precision"), choices=DatePrecision.choices, required=False)
    original_url = forms.URLField(label=_("Original URL"), required=False, assume_scheme="https")

    def overrides(self) -> Overrides:
        data = self.cleaned_data
        date = data.get("published_on")
        return Overrides(
            title=data.get("title", ""),
            standfirst=data.get("standfirst", ""),
            authors=tuple(n.strip() for n in data.get("authors", "").splitlines() if n.strip()),
            published_on=date,
            date_precision=data.get("precision") or "day",
            original_url=data.get("original_url", ""),
            clear_date=date is None,
        )


PreviewFormSet = forms.formset_factory(PreviewItemForm, extra=0, max_num=MAX_FILES, validate_max=True)


def _initial(source_name: str, text: str, result) -> dict:
    parsed = result.parsed
    names = [a.name for a in parsed.authors] + [c.author.name for c in parsed.contributions]
    return {
        "source_name": source_name,
        "text": text,
        "title": parsed.title,
        "standfirst": parsed.standfirst,
        "authors": "\n".join(names),
        "published_on": parsed.date,
        "precision": parsed.date_precision or "day",
        "original_url": result.original_url,
    }


def import_view(model_admin, request):
    """The admin page: the upload form, then the preview with corrections, then the drafts."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Article._meta,
        "title": _("Import commentary"),
    }
    if request.method == "POST" and "create" in request.POST:
        return _create(model_admin, request, context)

    posted = request.method == "POST"
    form = ImportSourceForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        sources, refusals = _sources(form)
        if form.cleaned_data["url"] and len(sources) > 1:
            refusals.append(str(_("The original URL names one page: give it with one file or text only.")))
        if not sources and not refusals:
            refusals.append(str(_("Choose at least one file or paste a text.")))
        previews, initial = [], []
        if not refusals:
            for name, text in sources:
                try:
                    result = import_commentary(
                        text=text,
                        source_name=name,
                        dry_run=True,
                        publication=form.cleaned_data["publication"],
                        url=form.cleaned_data["url"],
                        approve_comments=form.cleaned_data["approve_comments"],
                    )
                except (CommentaryImportError, ValidationError) as error:
                    refusals.append(f"{name}: {_one_line(error)}")
                    continue
                previews.append(result)
                initial.append(_initial(name, text, result))
        if not refusals:
            formset = PreviewFormSet(initial=initial, prefix="page")
            context.update(
                form=form,
                items=list(zip(previews, formset.forms, strict=True)),
                formset=formset,
                options=form.cleaned_data,
            )
            return TemplateResponse(request, "admin/articles/import_preview.html", context)
        context["refusals"] = refusals
    context["form"] = form
    return TemplateResponse(request, "admin/articles/import_form.html", context)


def _one_line(error) -> str:
    if isinstance(error, ValidationError):
        return "cannot be saved: " + "; ".join(error.messages)
    return str(error)


def _sources(form) -> tuple[list[tuple[str, str]], list[str]]:
    sources, refusals = [], []
    files = form.cleaned_data["files"]
    if len(files) > MAX_FILES:
        return [], [str(_("At most %(n)d files at a time.") % {"n": MAX_FILES})]
    for upload in files:
        try:
            data = upload.read(1024 * 1024 + 1)
            sources.append((upload.name, decode_text(data, upload.name, size=upload.size or 0)))
        except UnreadableFileError as error:
            refusals.append(str(error))
    pasted = form.cleaned_data["pasted"]
    if pasted.strip():
        try:
            sources.append(("pasted text", decode_text(pasted.encode("utf-8"), "pasted text")))
        except UnreadableFileError as error:
            refusals.append(str(error))
    return sources, refusals


def _create(model_admin, request, context):
    options_form = ImportSourceForm(request.POST)
    formset = PreviewFormSet(request.POST, prefix="page")
    if not options_form.is_valid() or not formset.is_valid():
        context.update(form=options_form, refusals=[str(_("The preview was changed or incomplete; start again."))])
        return TemplateResponse(request, "admin/articles/import_form.html", context)
    options = options_form.cleaned_data
    created, unchanged = [], []
    try:
        with transaction.atomic():
            for item in formset.forms:
                data = item.cleaned_data
                result = import_commentary(
                    text=data["text"],
                    source_name=data["source_name"],
                    publication=options["publication"],
                    url=options["url"],
                    approve_comments=options["approve_comments"],
                    overrides=item.overrides(),
                )
                if result.status == CREATED:
                    article = Article.objects.get(pk=result.article_id)
                    LogEntry.objects.log_actions(
                        user_id=request.user.pk,
                        queryset=[article],
                        action_flag=ADDITION,
                        change_message=f"Imported from {data['source_name']} as a draft.",
                        single_object=True,
                    )
                    created.append(article.title)
                else:
                    unchanged.append(result.title)
    except (CommentaryImportError, ValidationError) as error:
        context.update(form=options_form, refusals=[_one_line(error)])
        return TemplateResponse(request, "admin/articles/import_form.html", context)
    if created:
        messages.success(request, _("Created %(n)d draft(s): %(titles)s") % {"n": len(created), "titles": "; ".join(created)})
    if unchanged:
        messages.info(request, _("Already imported, left as they are: %(titles)s") % {"titles": "; ".join(unchanged)})
    return redirect(reverse("admin:articles_article_changelist") + "?status__exact=draft")
