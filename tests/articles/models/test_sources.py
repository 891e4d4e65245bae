"""Authors and publications (articles/models/sources.py)."""

import pytest
from django.core.exceptions import ValidationError

from tests.support.factories import (
    AuthorFactory,
)

pytestmark = pytest.mark.django_db


def test_author_social_must_not_be_an_email_address():
    author = AuthorFactory.build(social="someone@example.org")
    with pytest.raises(ValidationError, match="not an email"):
        author.full_clean()
