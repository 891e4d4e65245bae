"""The rating form: a score and a signed "issued at" token, the same for every reader."""

from django import forms
from django.utils.translation import gettext_lazy as _

from articles.comments.forms import BAD, OLD, make_signed_token, read_signed_token

MIN_SECONDS = 1  # a person needs a moment to read the stars
MAX_AGE_SECONDS = 24 * 60 * 60
SCORES = [(n, str(n)) for n in range(1, 6)]

PROBLEMS = {
    BAD: _("This rating form could not be checked. Please rate the article again."),
    "too_fast": _("That was quicker than anyone can rate: please rate the article again."),
    OLD: _("This rating form was opened more than a day ago. Please rate the article again."),
}


def token_salt(article) -> str:
    return f"kzportal.rating:{article.pk}"


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Your rating"), choices=SCORES, coerce=int, widget=forms.RadioSelect,
        error_messages={"required": _("Choose from 1 to 5 stars."),
                        "invalid_choice": _("Choose from 1 to 5 stars.")},
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, article, **kwargs):
        self.article = article
        kwargs.setdefault("auto_id", "rating_%s")
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["token"] = make_signed_token(token_salt(article))

    def clean(self):
        cleaned = super().clean()
        problem, _nonce = read_signed_token(
            token_salt(self.article), self.data.get("token", ""), min_seconds=MIN_SECONDS, max_age=MAX_AGE_SECONDS
        )
        if problem:
            raise forms.ValidationError(PROBLEMS[problem], code="token")
        return cleaned
