"""The newsletter's reader forms, with the comment form's defences: a honeypot
field people never see and a signed "issued at" token (``articles.comments.forms``)
refusing forms sent faster than a person can or older than a day."""

from django import forms
from django.utils.translation import gettext_lazy as _

from actors.models import Actor
from articles.comments.forms import BAD, FAST, OLD, make_signed_token, read_signed_token, strip_controls
from articles.models import Theme

from .models import Subscriber

SIGNUP_SALT = "kzportal.newsletter.signup"
DATA_SALT = "kzportal.newsletter.data-request"
MIN_SECONDS = 2

FORM_PROBLEMS = {
    BAD: _("This form could not be checked. Please send it again."),
    FAST: _("That was quicker than anyone can fill in the form: please check it and send it again."),
    OLD: _("This form was opened more than a day ago. Please send it again."),
}


class GuardedForm(forms.Form):
    """A form with the honeypot (``website``) and the signed token (``token``)."""

    salt = ""
    website = forms.CharField(
        label=_("Leave this field empty"), required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.honeypot_filled = False
        if not self.is_bound:
            self.initial["token"] = make_signed_token(self.salt)

    def clean_email(self):
        return strip_controls(self.cleaned_data["email"]).strip().lower()

    def clean(self):
        cleaned = super().clean()
        # A filled honeypot is answered as a success and nothing happens: a bot learns nothing.
        self.honeypot_filled = bool(cleaned.get("website"))
        problem, _nonce = read_signed_token(self.salt, self.data.get("token", ""), min_seconds=MIN_SECONDS)
        if problem and not self.honeypot_filled:
            raise forms.ValidationError(FORM_PROBLEMS[problem], code="token")
        return cleaned

    def with_fresh_token(self):
        data = self.data.copy()
        data["token"] = make_signed_token(self.salt)
        form = type(self)(data)
        form._errors = self.errors
        form.cleaned_data = getattr(self, "cleaned_data", {})
        return form


EMAIL_FIELD = {
    "label": _("Your e-mail address"), "max_length": 254,
    "help_text": _("Used only to send you the newsletter; never shown to anyone."),
    "error_messages": {"required": _("Please give your e-mail address."),
                    "invalid": _("Please give a valid e-mail address, like name@example.org.")},
    "widget": forms.EmailInput(attrs={"autocomplete": "email"}),
}


class SignupForm(GuardedForm):
    salt = SIGNUP_SALT
    EVERYTHING, CHOSEN = "all", "chosen"

    email = forms.EmailField(**EMAIL_FIELD)
    scope = forms.ChoiceField(
        label=_("What to send"), widget=forms.RadioSelect, initial=EVERYTHING,
        choices=[(EVERYTHING, _("All new commentary")), (CHOSEN, _("Only the themes and actors I choose"))],
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), required=False, widget=forms.CheckboxSelectMultiple,
        queryset=Theme.objects.order_by("name"),
    )
    actors = forms.ModelMultipleChoiceField(
        label=_("Actors"), required=False, widget=forms.CheckboxSelectMultiple,
        queryset=Actor.objects.order_by("name"),
    )
    frequency = forms.ChoiceField(
        label=_("How often"), widget=forms.RadioSelect, initial=Subscriber.Frequency.WEEKLY,
        choices=Subscriber.Frequency.choices,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("scope") == self.CHOSEN and not (cleaned.get("themes") or cleaned.get("actors")):
            self.add_error("themes", _("Choose at least one theme or actor, or ask for all new commentary."))
        return cleaned


class DataRequestForm(GuardedForm):
    salt = DATA_SALT
    email = forms.EmailField(**EMAIL_FIELD)
