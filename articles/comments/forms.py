"""
The reader's comment form.

Text is cleaned before it is validated: control characters are removed
(newlines and tabs kept), line endings become ``\\n`` and the text is
normalised to Unicode NFC, then trimmed, so the length limits count what is
stored; text with nothing visible in it (only zero-width or bidi
characters) counts as empty. Two extra fields resist bots: a honeypot people
never see, and a signed token (salted per article) holding the time the form
was issued and a random nonce; it refuses forms filled in faster than a person
can or older than a day, and each form sends one comment
(``articles.comments.models.UsedFormToken`` records the nonce on use).
"""

import re
import secrets
import time
import unicodedata

from django import forms
from django.core import signing

MIN_SECONDS = 3
MAX_AGE_SECONDS = 24 * 60 * 60

TOO_FAST = (
    "That was quicker than anyone can read and write: please check your comment and send it again."
)
TOO_OLD = "This form was opened more than a day ago. Your text is kept below: please send it again."
UNVERIFIED_FORM = "This form could not be checked. Your text is kept below: please send it again."
# Neutral on purpose: naming the trap would teach a bot which field to leave alone.
HONEYPOT_FILLED = "Your comment could not be sent this time. Your text is kept below: please send it again."
# (S105: a message, not a secret.)
TOKEN_USED = "This form was already used to send a comment. Your text is kept below: please send it again if it is a new comment."  # noqa: S105

_KEEP = {"\n", "\t"}
# Unicode categories that show nothing on their own: controls, format
# characters (zero-width, bidi controls), surrogates and white space.
_INVISIBLE = {"Cc", "Cf", "Cs", "Zs", "Zl", "Zp"}
_SPACES = re.compile(r"\s+")


def strip_controls(value: str) -> str:
    """Remove control characters except newline and tab; normalise line endings and to NFC."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = "".join(
        ch for ch in value if ch in _KEEP or unicodedata.category(ch) not in {"Cc", "Cs"}
    )
    return unicodedata.normalize("NFC", value)


def _token_salt(article) -> str:
    return f"kzportal.comments.form:{article.pk}"


# Generic signed form tokens, shared with the other reader forms (newsletter
# sign-up, article rating): "issued at" time plus a random nonce, under a salt
# that names the form. ``read_signed_token`` answers with a problem code.
BAD, FAST, OLD = "bad", "too_fast", "too_old"


def make_signed_token(salt: str, *, at: float | None = None) -> str:
    """A signed 'form issued at' time and random nonce under ``salt``; ``at`` (a Unix time) defaults to now."""
    issued = int(time.time() if at is None else at)
    return signing.dumps([issued, secrets.token_urlsafe(16)], salt=salt, compress=False)


def read_signed_token(
    salt: str, token: str, *, now: float | None = None, min_seconds: float = MIN_SECONDS,
    max_age: float = MAX_AGE_SECONDS,
) -> tuple[str | None, str]:
    """``(problem, nonce)``: ``BAD``, ``FAST`` or ``OLD`` for a token that is forged, filled in
    faster than ``min_seconds`` or older than ``max_age`` (or None), and its nonce."""
    now = time.time() if now is None else now
    try:
        payload = signing.loads(token or "", salt=salt)
    except signing.BadSignature:
        return BAD, ""
    if not (
        isinstance(payload, list)
        and len(payload) == 2
        and isinstance(payload[0], int)
        and isinstance(payload[1], str)
        and 16 <= len(payload[1]) <= 64
    ):
        return BAD, ""
    issued, nonce = payload
    age = now - issued
    if age < min_seconds:
        return FAST, nonce
    if age > max_age:
        return OLD, nonce
    return None, nonce


def make_form_token(article, *, at: float | None = None) -> str:
    """A signed 'form issued at' time and single-use nonce for ``article``; ``at`` (a Unix time) defaults to now."""
    return make_signed_token(_token_salt(article), at=at)


_COMMENT_PROBLEMS = {BAD: UNVERIFIED_FORM, FAST: TOO_FAST, OLD: TOO_OLD}


def read_form_token(article, token: str, *, now: float | None = None) -> tuple[str | None, str]:
    """``(problem, nonce)``: the error message for a bad, too-fast or expired token (or None), and its nonce."""
    problem, nonce = read_signed_token(_token_salt(article), token, now=now)
    return _COMMENT_PROBLEMS.get(problem), nonce


def check_form_token(article, token: str, *, now: float | None = None) -> str | None:
    """The error message for a bad, too-fast or expired token, or None if it is fine."""
    return read_form_token(article, token, now=now)[0]


class CleanTextField(forms.CharField):
    """A CharField that cleans control characters and normalises before validating."""

    def __init__(self, *, single_line=False, **kwargs):
        self.single_line = single_line
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = strip_controls(value)
            if self.single_line:
                value = _SPACES.sub(" ", value)
            if not any(unicodedata.category(ch) not in _INVISIBLE for ch in value):
                value = ""  # only spaces and format characters (zero-width, bidi): nothing to show
        return super().to_python(value)  # trims, turns "" into empty_value


class CommentForm(forms.Form):
    name = CleanTextField(
        label="Your name",
        single_line=True,
        min_length=1,
        max_length=80,
        help_text="Shown with your comment.",
        error_messages={"required": "Please give a name to show with your comment."},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="Email",
        max_length=254,
        help_text="Never shown to anyone but the moderators.",
        error_messages={
            "required": "Please give your email address; it is never shown publicly.",
            "invalid": "Please give a valid email address, like name@example.org.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    body = CleanTextField(
        label="Comment",
        min_length=2,
        max_length=5000,
        help_text="Plain text, 2 to 5000 characters. Comments appear after a moderator approves them.",
        error_messages={
            "required": "Please write a comment.",
            "min_length": "Your comment is too short: write at least %(limit_value)d characters.",
            "max_length": "Your comment is too long: at most %(limit_value)d characters "
            "(it has %(show_value)d). Your text is kept below.",
        },
        widget=forms.Textarea(attrs={"rows": 8, "cols": 60}),
    )
    # Honeypot: hidden from people by CSS, left empty by them; bots fill it in.
    website = forms.CharField(
        label="Leave this field empty",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, article, **kwargs):
        self.article = article
        self.nonce = ""  # the token's single-use nonce, once cleaned
        kwargs.setdefault("auto_id", "comment_%s")  # ids unique on the article page
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("token", make_form_token(article))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            # Shown with the form's other messages, since the field itself is hidden.
            raise forms.ValidationError(HONEYPOT_FILLED, code="honeypot")
        problem, self.nonce = read_form_token(self.article, self.data.get("token", "") or "")
        if problem:
            raise forms.ValidationError(problem, code="token")
        return cleaned

    def with_fresh_token(self):
        """The same data with a newly issued token, so the reader can send it again."""
        data = self.data.copy()
        data["token"] = make_form_token(self.article)
        data["website"] = ""
        form = type(self)(data, article=self.article)
        form._errors = self.errors  # keep the messages of the failed attempt
        form.cleaned_data = getattr(self, "cleaned_data", {})
        return form
