"""The article form's citation rows: checked against the text being saved, at a cost
that does not grow with the number of rows.

* Each row's quote is checked against the body *and contributions as submitted*
  (``Article.pending_contributions``), on the add form as on the change form;
  the text is rendered once for all rows (``Article.anchoring_document``).
* Django validates each row's claim and id with one query per row (the form
  field's ``queryset.get`` and the model's foreign-key check). Here all rows'
  claims and the existing rows are read in one query each, so the save of an
  article with 60 citations runs as many queries as one with 6.
"""

from django import forms
from django.forms.models import BaseInlineFormSet, ModelChoiceField

from articles.models import Claim


class KnownChoiceField(ModelChoiceField):
    """A ModelChoiceField that resolves values from ``known`` (filled by the formset
    in one query) before falling back to a query of its own."""

    known: dict = {}

    def to_python(self, value):
        if value not in self.empty_values and str(value) in self.known:
            return self.known[str(value)]
        return super().to_python(value)


class CitationInlineForm(forms.ModelForm):
    def _get_validation_exclusions(self):
        # The claim field already resolved the claim from the database (in the
        # formset's single query); the model's foreign-key check would query again.
        exclusions = super()._get_validation_exclusions()
        exclusions.add("claim")
        return exclusions


class CitationFormSet(BaseInlineFormSet):
    contribution_formset = None  # set by ArticleAdmin._create_formsets

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for name in ("claim", self.model._meta.pk.name):
            field = form.fields.get(name)
            if field is not None and type(field) is ModelChoiceField:
                field.__class__ = KnownChoiceField

    def _pending_contributions(self):
        contributions = self.contribution_formset
        if contributions is None:
            return None
        contributions.is_valid()  # cleans them first (cached)
        pending = []
        for form in contributions.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE") or "body" not in data:
                continue
            pending.append((data.get("order") or form.instance.order, data["body"]))
        return pending

    def full_clean(self):
        if self.is_bound:
            self.instance.pending_contributions = self._pending_contributions()
            prefix = self.prefix
            claim_ids = {
                self.data.get(f"{prefix}-{i}-claim") for i in range(self.total_form_count())
            } - {None, ""}
            claim_ids = {value for value in claim_ids if str(value).isdigit()}
            claims = {str(pk): claim for pk, claim in Claim.objects.in_bulk(claim_ids).items()}
            existing = {str(obj.pk): obj for obj in self.get_queryset()}
            for form in self.forms:
                if isinstance(form.fields.get("claim"), KnownChoiceField):
                    form.fields["claim"].known = claims
                pk_field = form.fields.get(self.model._meta.pk.name)
                if isinstance(pk_field, KnownChoiceField):
                    pk_field.known = existing
        super().full_clean()
