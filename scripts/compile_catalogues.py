"""Compile locale/*/LC_MESSAGES/django.po into the committed .mo files with polib
(pure Python: no system gettext needed). `make messages` runs it after makemessages."""

from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent

for po_path in sorted((ROOT / "locale").glob("*/LC_MESSAGES/django.po")):
    po = polib.pofile(str(po_path))
    po.save_as_mofile(str(po_path.with_suffix(".mo")))
    print(f"{po_path.relative_to(ROOT)}: {po.percent_translated()}% translated, {len(po.fuzzy_entries())} fuzzy")
