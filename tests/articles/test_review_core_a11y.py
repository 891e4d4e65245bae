"""The filter form ties each error to its field, so assistive technology reads it there."""

import re

import pytest

from tests.articles.pages import text
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["theme", "claim", "date_after", "ordering"])
def test_a_filter_error_is_announced_on_its_field(client, name):
    ArticleFactory(published=True)
    page = text(client.get(f"/articles/?{name}=bad-value"))

    field = re.search(rf'<(?:input|select)[^>]*name="{name}"[^>]*>', page).group(0)
    described_by = re.search(r'aria-describedby="([^"]+)"', field).group(1)

    assert 'aria-invalid="true"' in field
    assert re.search(rf'<p class="field-error" id="{described_by}">[^<]+</p>', page)
