"""The signed links in newsletter mail (``django.core.signing``, keyed by SECRET_KEY).

- confirm: the address and choices themselves, valid for ``CONFIRM_MAX_AGE``;
  nothing is stored before the owner of the address follows it;
- unsubscribe: subscriber id and key, valid as long as the subscription
  (one click must always work, RFC 8058);
- data: subscriber id and key, valid for ``DATA_MAX_AGE`` (download or delete).

A changed character anywhere gives ``BAD``, an old link ``EXPIRED``.
"""

from django.core import signing

CONFIRM_MAX_AGE = 3 * 24 * 3600
DATA_MAX_AGE = 30 * 24 * 3600
BAD, EXPIRED = "bad", "expired"

_CONFIRM = "kzportal.newsletter.confirm"
_UNSUBSCRIBE = "kzportal.newsletter.unsubscribe"
_DATA = "kzportal.newsletter.data"


class LinkProblem(Exception):
    def __init__(self, code):
        super().__init__(code)
        self.code = code


def _load(token, salt, max_age):
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise LinkProblem(EXPIRED) from error
    except signing.BadSignature as error:
        raise LinkProblem(BAD) from error


def confirm_token(*, email: str, frequency: str, everything: bool, themes, actors, language: str | None = None) -> str:
    return signing.dumps(
        {"e": email, "f": frequency, "all": bool(everything), "t": sorted(themes), "a": sorted(actors), "l": language},
        salt=_CONFIRM, compress=True,
    )


def read_confirm_token(token: str) -> dict:
    data = _load(token, _CONFIRM, CONFIRM_MAX_AGE)
    if not (isinstance(data, dict) and isinstance(data.get("e"), str) and isinstance(data.get("t"), list)
            and isinstance(data.get("a"), list)):
        raise LinkProblem(BAD)
    return data


def _subscriber_token(subscriber, salt):
    return signing.dumps([subscriber.pk, subscriber.key], salt=salt)


def _read_subscriber_token(token, salt, max_age):
    data = _load(token, salt, max_age)
    if not (isinstance(data, list) and len(data) == 2 and isinstance(data[0], int) and isinstance(data[1], str)):
        raise LinkProblem(BAD)
    return data[0], data[1]


def unsubscribe_token(subscriber) -> str:
    return _subscriber_token(subscriber, _UNSUBSCRIBE)


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    return _read_subscriber_token(token, _UNSUBSCRIBE, None)


def data_token(subscriber) -> str:
    return _subscriber_token(subscriber, _DATA)


def read_data_token(token: str) -> tuple[int, str]:
    return _read_subscriber_token(token, _DATA, DATA_MAX_AGE)
