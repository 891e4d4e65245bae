"""Writing a dump: a versioned Frictionless Data Package (one CSV per table and
``datapackage.json`` with each table's schema, keys and the licence), the same rows as
JSON Lines, a zip of it all and its SHA-256, and ``latest.json`` naming the newest.

Layout under the data directory (``settings.KZ_DATA_DIR``)::

    kzportal-data-<stamp>/          the package: datapackage.json, csv/<table>.csv, jsonl/<table>.jsonl
    kzportal-data-<stamp>.zip       the same, zipped (what /data/ offers)
    latest.json                     {"name", "version", "created", "zip", "sha256", "bytes", "licence", ...}

A dump is written beside the others under a temporary name and renamed into place,
and ``latest.json`` is replaced last, so /data/ never offers a half-written file.
"""

import csv
import datetime
import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .tables import SCHEMA_VERSION, TABLES

PACKAGE_PREFIX = "kzportal-data-"
LATEST = "latest.json"
LICENCES = {
    "CC-BY-4.0": ("Creative Commons Attribution 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    "ODC-BY-1.0": ("Open Data Commons Attribution License 1.0", "https://opendatacommons.org/licenses/by/1-0/"),
    "CC0-1.0": ("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
}


@dataclass
class Dump:
    name: str
    directory: Path
    archive: Path
    sha256: str
    rows: dict


def data_dir() -> Path:
    return Path(settings.KZ_DATA_DIR)


def licence():
    name = settings.KZ_DATA_LICENCE
    title, path = LICENCES.get(name, (name, ""))
    entry = {"name": name, "title": title}
    if path:
        entry["path"] = path
    return entry


def as_text(value):
    """A value as its CSV cell: ISO dates and times, true/false, empty for null."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value)


def as_json(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def table_rows(table):
    """[{column: value}] of a table, in key order, with each column's transform applied."""
    rows = []
    for record in table.rows():
        row = {}
        for column in table.columns:
            value = record[column.lookup]
            if column.transform is not None:
                value = column.transform(value)
            row[column.name] = value
        rows.append(row)
    return rows


def table_schema(table):
    fields = []
    for column in table.columns:
        entry = {"name": column.name, "type": column.type}
        if column.type == "datetime":
            entry["format"] = "any"
        if column.required:
            entry["constraints"] = {"required": True}
        if column.description:
            entry["description"] = column.description
        fields.append(entry)
    schema = {"fields": fields, "primaryKey": list(table.primary_key), "missingValues": [""]}
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": column, "reference": {"resource": target, "fields": "id"}} for column, target in table.foreign_keys
        ]
    return schema


def descriptor(name, created, rows):
    version = f"{SCHEMA_VERSION}+{created.strftime('%Y%m%dT%H%M%SZ')}"
    resources = []
    for table in TABLES:
        resources.append({
            "name": table.name,
            "title": table.title,
            "path": f"csv/{table.name}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": {"delimiter": ",", "doubleQuote": True, "header": True, "lineTerminator": "\r\n"},
            "schema": table_schema(table),
            "count": rows[table.name],
        })
    for table in TABLES:
        resources.append({
            "name": f"{table.name}-jsonl",
            "title": f"{table.title} (JSON Lines)",
            "path": f"jsonl/{table.name}.jsonl",
            "profile": "data-resource",
            "format": "jsonl",
            "mediatype": "application/jsonl",
            "encoding": "utf-8",
        })
    return {
        "profile": "tabular-data-package",
        "name": "kzportal-open-data",
        "id": name,
        "title": f"{settings.KZ_SITE_NAME}: commentary on the January 2022 Kazakhstan crisis, as an argument graph",
        "description": "Published commentary (metadata), the claims it cites with each citation's stance and "
        "quote, our verdicts, actors with aliases and dated relations, themes, events, authors and "
        "publications. Only what the public site shows. Ids are the site's stable ids.",
        "version": version,
        "created": created.isoformat(),
        "licenses": [licence()],
        "resources": resources,
    }


def _write_package(target: Path, created):
    (target / "csv").mkdir(parents=True)
    (target / "jsonl").mkdir()
    counts = {}
    for table in TABLES:
        rows = table_rows(table)
        counts[table.name] = len(rows)
        with open(target / "csv" / f"{table.name}.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerow([column.name for column in table.columns])
            for row in rows:
                writer.writerow([as_text(row[column.name]) for column in table.columns])
        with open(target / "jsonl" / f"{table.name}.jsonl", "w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps({k: as_json(v) for k, v in row.items()}, ensure_ascii=False) + "\n")
    package = descriptor(target.name, created, counts)
    (target / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return package, counts


def _zip(directory: Path, archive: Path):
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(directory.rglob("*")):
            if path.is_file():
                # A fixed timestamp: the same data gives the same bytes inside.
                info = zipfile.ZipInfo(f"{directory.name}/{path.relative_to(directory).as_posix()}", (2022, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                bundle.writestr(info, path.read_bytes())


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_json_atomically(path: Path, data):
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2)
    os.replace(tmp, path)


def export_dataset(*, output: Path | None = None, keep: int = 3, now=None) -> Dump:
    """Write a new dump into ``output`` (default ``settings.KZ_DATA_DIR``), point
    ``latest.json`` at it and keep the newest ``keep`` dumps. Reads in one transaction."""
    output = Path(output) if output is not None else data_dir()
    output.mkdir(parents=True, exist_ok=True)
    created = (now or timezone.now()).astimezone(datetime.UTC).replace(microsecond=0)
    name = f"{PACKAGE_PREFIX}{created.strftime('%Y%m%dT%H%M%SZ')}"
    staging = Path(tempfile.mkdtemp(dir=output, prefix=".staging-"))
    try:
        with transaction.atomic():
            package, counts = _write_package(staging / name, created)
        _zip(staging / name, staging / f"{name}.zip")
        directory, archive = output / name, output / f"{name}.zip"
        for path in (directory, archive):
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()
        os.replace(staging / name, directory)
        os.replace(staging / f"{name}.zip", archive)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    digest = sha256_of(archive)
    (output / f"{name}.zip.sha256").write_text(f"{digest}  {archive.name}\n", "utf-8")
    _write_json_atomically(output / LATEST, {
        "name": name,
        "version": package["version"],
        "created": package["created"],
        "zip": archive.name,
        "sha256": digest,
        "bytes": archive.stat().st_size,
        "licence": package["licenses"][0],
        "rows": counts,
    })
    _prune(output, keep)
    return Dump(name, directory, archive, digest, counts)


def _prune(output: Path, keep: int):
    dumps = sorted(p for p in output.iterdir() if p.is_dir() and p.name.startswith(PACKAGE_PREFIX))
    for old in dumps[: max(0, len(dumps) - keep)]:
        shutil.rmtree(old, ignore_errors=True)
        for suffix in (".zip", ".zip.sha256"):
            (output / f"{old.name}{suffix}").unlink(missing_ok=True)


def latest(output: Path | None = None):
    """The newest dump's ``latest.json`` as a dict, or None if none was written."""
    path = (Path(output) if output is not None else data_dir()) / LATEST
    try:
        return json.loads(path.read_text("utf-8"))
    except (FileNotFoundError, ValueError):
        return None


__all__ = ["export_dataset", "latest"]
