# tests/articles/test_review_core_publishing.py (being extended on another branch) still imports
# `text` from here, where tests/articles/pages.py used to be; drop this line when it moves.
from tests.support.pages import text  # noqa: F401
