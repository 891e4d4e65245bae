"""
What the fuzz tests share (tests/security/test_fuzz_pages.py, test_fuzz_paths.py,
test_fuzz_forms.py; test_fuzz_coverage.py checks they reach every public route):
hostile values, their encodings, the world they run against, and ``assert_safe``.

Fuzzing every public form and query parameter (Hypothesis).

Each test sends generated hostile values (NUL and control characters, lone
surrogates and invalid UTF-8, bidi controls, markup and script payloads,
100 kB strings, absurd numbers and dates) through Django's test client as raw
percent-encoded queries or urlencoded bodies, and asserts for every response:
no 5xx, and no executable markup made of our payloads (see ``assert_safe``).

``make test`` runs the "default" Hypothesis profile (a quick pass); CI
(``.ci/run``) selects HYPOTHESIS_PROFILE=ci: 1,000 examples per endpoint.
"""

import functools
import os
import re
from html.parser import HTMLParser
from urllib.parse import quote

from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.support.reference_world import build_world

MARK = "kzfz"
PAYLOADS = [
    f"<script>{MARK}()</script>",
    f"\"'><img src=x onerror={MARK}()>",
    f"<{MARK}-x onclick={MARK}()>",
    f"javascript:{MARK}()",
    f" JaVaScRiPt:{MARK}()",
    f"<svg/onload={MARK}()>",
    f"</textarea><script>{MARK}()</script>",
    f"</title><script>{MARK}()</script>",
    f"</script><script>{MARK}()</script>",
    f"<a href=\"javascript:{MARK}()\">x</a>",
    f"\" autofocus onfocus={MARK}() x=\"",
    f"' onmouseover='{MARK}()",
    f"<!--<script>{MARK}()</script>-->",
    f"<iframe srcdoc=\"<script>{MARK}()</script>\">",
    f"<math><mi xlink:href=\"javascript:{MARK}()\">",
    f"{{{{ {MARK} }}}}{{% {MARK} %}}",
    f"\r\nSet-Cookie: {MARK}=1",
]
ODD = [
    "\x00", "\ud800", "\udfff", "\ud83d", "\u202e", "\u202b", "\u2066", "\u2067", "\u2068", "\u2069",
    "\u200f", "\u061c", "\u200b", "\ufeff", "\x07", "\x1b[31m", "\r", "\n", "%00", "%", "%%", "+",
    "&", "=", "?", "#", ";", "..", "../../etc/passwd", "' OR 1=1 --", "\\", "0", "-1", "1e309",
    "99999999999999999999999", "NaN", "2022-02-30", "0000-00-00", "9999-12-31", "2022-1-5", "\U0001F600",
    "e\u0301", "ＡＢＣ", "İ", "ß", "ǅ", "\u0000\u0000", " ", "",
]
piece = st.one_of(
    st.sampled_from(PAYLOADS),
    st.sampled_from(ODD),
    st.text(max_size=20),
    st.text(st.characters(categories=["Cs", "Cc", "Cf", "Zl", "Zp"]), max_size=8),
)
huge = st.builds(lambda p: (p * (100_000 // max(len(p), 1) + 1))[:100_000], st.sampled_from([*PAYLOADS, "A", "ж", "\u202e"]))
# One value in ten is a 100 kB string: with up to five parameters per request, an even
# split put one in almost every example, and nine tenths of each example's time went
# into percent-encoding and decoding 300 kB (measured), not into our code.
value = st.integers(min_value=0, max_value=9).flatmap(lambda n: huge if n == 0 else st.lists(piece, max_size=5).map("".join))


@functools.lru_cache(maxsize=256)
def encode(text: str) -> str:
    """Percent-encode as UTF-8, lone surrogates included (they become invalid UTF-8 bytes).
    Cached: the 100 kB values are a few dozen strings, drawn again and again."""
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


def breadth_examples(profile: str | None = None) -> int:
    """Examples for an endpoint whose only parameters are a page number or the slug in
    its address (one shared code path each): a fifth of the profile's in CI, so that
    ``.ci/run`` stays within its time; every example of the profile in ``make fuzz``
    and in ``make test``'s quick pass. Forms and the filter and search query strings
    always get the profile's full number (1,000 in CI)."""
    profile = profile or os.environ.get("HYPOTHESIS_PROFILE", "default")
    count = hypothesis_settings.get_profile(profile).max_examples
    return max(20, count // 5) if profile == "ci" else count


breadth = hypothesis_settings(max_examples=breadth_examples())


raw_bytes = st.binary(max_size=40).map(lambda b: quote(b, safe=""))
encoded_value = st.one_of(value.map(encode), raw_bytes)


def query(params) -> str:
    return "&".join(f"{encode(key) if isinstance(key, str) else key}={val}" for key, val in params)


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self._script = None

    def handle_starttag(self, tag, attrs):
        if MARK in tag:
            self.problems.append(f"injected element <{tag}>")
        for name, val in attrs:
            val = (val or "").strip().lower()
            if name.startswith("on"):
                self.problems.append(f"event handler {name}= on <{tag}>")
            if MARK in name:
                self.problems.append(f"injected attribute {name} on <{tag}>")
            compact = re.sub(r"[\s\x00-\x1f]", "", val)
            if name in {"href", "src", "action", "formaction", "xlink:href", "srcdoc", "data"} and (
                compact.startswith("javascript:") or compact.startswith("data:text/html") or MARK in val and name == "srcdoc"
            ):
                self.problems.append(f"{name}={val[:60]!r} on <{tag}>")
        if tag == "script":
            self._script = dict(attrs).get("type", "")

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None and self._script != "application/ld+json" and MARK in data:
            self.problems.append("payload inside an executable <script>")


def assert_safe(response, what):
    assert response.status_code < 500, f"{what}: {response.status_code}"
    assert MARK not in response.get("Set-Cookie", "") and all(MARK not in key for key in response.headers), what
    if "html" not in response.get("Content-Type", "") or not hasattr(response, "content"):
        return
    html = response.content.decode("utf-8", "replace")
    collector = _Collector()
    collector.feed(html)
    collector.close()
    assert not collector.problems, f"{what}: {collector.problems[:3]}"
    # JSON-LD blocks must not be breakable: no "</script" or "<!--" from data inside them.
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        assert "<" not in block, f"{what}: raw '<' in JSON-LD"


def fuzz_world():
    """A small published world (tests.support.reference_world) whose first article takes comments."""
    built = build_world(scale=0.2, prefix="fz")
    article = built.articles[0]
    article.comments_open = True
    article.save()
    return built


ARTICLE_PARAMS = ["q", "theme", "actor", "author", "publication", "claim", "date_after", "date_before", "ordering", "page"]
CLAIM_PARAMS = ["theme", "actor", "verdict", "order", "page"]


def params_for(names):
    name = st.one_of(st.sampled_from(names), value)
    return st.lists(st.tuples(name, encoded_value), max_size=5)


