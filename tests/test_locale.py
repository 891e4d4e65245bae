"""The interface catalogues in locale/: complete, compiled and covering the code.

The compiled .mo files are committed (a fresh checkout needs no system gettext to
serve Russian and Kazakh); these tests fail when a message is left untranslated or
fuzzy, when a .mo file is older than its .po file, or when a template or module
has a translatable string the catalogues do not have yet.
"""

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation.template import templatize

ROOT = Path(settings.BASE_DIR)
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
CODE_DIRS = ["actors", "articles", "kzportal"]


def catalogue(language):
    return polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))


def key(entry):
    return (entry.msgctxt or "", entry.msgid)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    po = catalogue(language)
    assert len(po) > 300
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert [e.msgid for e in po.obsolete_entries()] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_plural_messages_have_every_form_the_language_needs(language):
    po = catalogue(language)
    forms = 3 if language == "ru" else 2
    for entry in po:
        if entry.msgid_plural:
            assert len(entry.msgstr_plural) == forms and all(entry.msgstr_plural.values()), entry.msgid


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_committed_mo_file_says_what_the_po_file_says(language):
    po = catalogue(language)
    mo = polib.mofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.mo"))
    compiled = {key(e): (e.msgstr, e.msgstr_plural) for e in mo}
    source = {key(e): (e.msgstr, {int(k): v for k, v in e.msgstr_plural.items()}) for e in po if not e.obsolete}
    compiled = {k: (s, {int(n): v for n, v in p.items()}) for k, (s, p) in compiled.items() if k[1]}
    assert compiled == source, "run `make messages` to recompile the catalogues"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs xgettext (GNU gettext) to read the code")
def test_every_translatable_string_in_the_code_is_in_the_catalogues(tmp_path):
    sources = []
    for template in sorted((ROOT / "templates").rglob("*.html")):
        out = tmp_path / (str(template.relative_to(ROOT)).replace("/", "__") + ".py")
        out.write_text(templatize(template.read_text(encoding="utf-8"), origin=str(template)), encoding="utf-8")
        sources.append(str(out))
    for folder in CODE_DIRS:
        sources += [str(p) for p in sorted((ROOT / folder).rglob("*.py")) if "migrations" not in p.parts]
    pot = tmp_path / "django.pot"
    keywords = ["gettext_noop", "gettext_lazy", "ngettext_lazy:1,2", "pgettext:1c,2", "npgettext:1c,2,3",
                "pgettext_lazy:1c,2", "npgettext_lazy:1c,2,3", "_", "gettext", "ngettext:1,2"]
    subprocess.run(
        ["xgettext", "--language=Python", "--from-code=UTF-8", "--no-wrap", "--output", str(pot),
         *(f"--keyword={k}" for k in keywords), *sources],
        check=True, capture_output=True,
    )
    wanted = {key(e) for e in polib.pofile(str(pot)) if e.msgid}
    for language in LANGUAGES:
        have = {key(e) for e in catalogue(language)}
        assert sorted(wanted - have) == [], f"run `make messages` and translate the new {language} strings"
