"""The exchange file (docs/exchange-format.md): a zip holding ``manifest.json``, one ``tables/<name>.jsonl``
per table and ``signature``.

A table's file is JSON lines: the first line ``{"columns": [...]}``, then one JSON array of values per
row in that order (dates and times in ISO 8601, amounts as strings, references as the public id of the
row referred to). The manifest holds the SHA-256 of every table file; the signature is the HMAC-SHA256 of
the manifest's bytes with the branch's key. So one changed byte of the content is found: in a table (its
hash), in the manifest (the signature), or in the signature itself; one in the zip's own structure fails
its CRC or structure, except in what the zip never reads (a part's local header repeats its directory
entry), and then the content read is the content signed.

Written under a temporary name and renamed when whole; read fully into memory and checked before any row
is given to the caller (a file of 1,000 members with 5 years of dues is a few megabytes).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import struct
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dangjian_desktop.domain import exchange as rules
from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.i18n import _

MANIFEST, SIGNATURE, TABLES_FOLDER = "manifest.json", "signature", "tables/"


class NotAnExchangeFile(AppError):
    def __init__(self, path: Path, why: str = "") -> None:
        super().__init__(
            _("The file {path} is not an exchange file of this program{why}. Nothing was changed.").format(
                path=path.name, why=f"（{why}）" if why else ""
            )
        )


class DamagedFile(AppError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            _(
                "The file {path} is damaged (changed or cut short on the way): its contents do not match "
                "their seal. Nothing was changed. Ask for the file to be written again."
            ).format(path=path.name)
        )


@dataclass(frozen=True)
class TableRows:
    columns: tuple[str, ...]
    rows: list[list[Any]]


@dataclass(frozen=True)
class ExchangeFile:
    """A file as read: the manifest (parsed, and its exact bytes, which are signed), the signature and
    the tables. The hashes of the tables were checked while reading; the signature is checked by
    ``signed_with`` once the caller knows the key."""

    manifest: dict[str, Any]
    manifest_bytes: bytes
    signature: str
    tables: dict[str, TableRows]

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.manifest_bytes).hexdigest()

    def signed_with(self, key: str) -> bool:
        return rules.signature_holds(key, self.manifest_bytes, self.signature)


def _table_bytes(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    lines = [json.dumps({"columns": list(columns)}, ensure_ascii=False)]
    lines += [json.dumps(list(row), ensure_ascii=False, separators=(",", ":")) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def write(path: Path, manifest: dict[str, Any], tables: dict[str, TableRows], key: str) -> Path:
    """Write the file: ``manifest`` gains ``files`` (the hash of each table) and ``counts``; signed with
    ``key``. Never half a file under ``path``."""
    path = Path(path)
    parts = {f"{TABLES_FOLDER}{name}.jsonl": _table_bytes(t.columns, t.rows) for name, t in tables.items()}
    whole = dict(manifest)
    whole["counts"] = {name: len(t.rows) for name, t in tables.items()}
    whole["files"] = {name: hashlib.sha256(data).hexdigest() for name, data in parts.items()}
    manifest_bytes = json.dumps(whole, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    partial = path.with_name(path.name + ".partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as bundle:
            bundle.writestr(MANIFEST, manifest_bytes)
            for name, data in parts.items():
                bundle.writestr(name, data)
            bundle.writestr(SIGNATURE, rules.signature(key, manifest_bytes) + "\n")
        with open(partial, "rb+") as handle:  # on the stick before she pulls it out
            handle.flush()
            os.fsync(handle.fileno())
        partial.replace(path)
    except OSError as error:
        raise AppError(
            _("The file {path} could not be written: {error}").format(
                path=path, error=error.strerror or error
            )
        ) from error
    finally:
        partial.unlink(missing_ok=True)
    return path


def _rows(path: Path, data: bytes) -> TableRows:
    # lines end at "\n" only: JSON escapes it within a value, not U+2028 or U+0085 (which splitlines takes)
    head, _newline, body = data.decode("utf-8").partition("\n")
    header = json.loads(head) if head else None
    if not isinstance(header, dict) or not isinstance(header.get("columns"), list):
        raise NotAnExchangeFile(path, _("a table without its columns"))
    columns = tuple(str(name) for name in header["columns"])
    # all the rows in one call of the parser, as one JSON array (3 times faster than a call per line for
    # 100,000 rows); as many rows as lines, or a line was not one row
    lines = [line for line in body.split("\n") if line]
    rows = json.loads("[" + ",".join(lines) + "]")
    if len(rows) != len(lines) or any(not isinstance(row, list) or len(row) != len(columns) for row in rows):
        raise NotAnExchangeFile(path, _("a row of the wrong length"))
    return TableRows(columns, rows)


# What a damaged zip raises while it is read: besides BadZipFile, a changed byte in a compressed part may
# break the deflate stream (zlib.error) before its CRC is checked, one in a header may name a compression
# method or encryption the file never had (NotImplementedError, RuntimeError) or an offset outside the
# file (OSError from seek, on the bytes in memory), and a changed length may cut a part short.
_DAMAGE = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    UnicodeDecodeError,
    ValueError,
    KeyError,
    NotImplementedError,
    RuntimeError,
    OSError,
    struct.error,
)


def read(path: Path) -> ExchangeFile:
    """The file, checked against the hashes its manifest holds; ``NotAnExchangeFile`` / ``DamagedFile``."""
    path = Path(path)
    try:
        whole = path.read_bytes()
    except FileNotFoundError as error:
        raise AppError(_("The file {path} was not found.").format(path=path)) from error
    except OSError as error:
        raise AppError(
            _("The file {path} could not be read: {error}").format(path=path, error=error.strerror or error)
        ) from error
    try:
        manifest, manifest_bytes, signed, tables = _parts(path, whole)
    except _DAMAGE as error:
        raise (DamagedFile(path) if whole.startswith(b"PK") else NotAnExchangeFile(path)) from error
    if manifest.get("format_version") != rules.FORMAT_VERSION:
        raise AppError(
            _(
                "The file {path} was written in exchange format {found}; this program reads format {ours}. "
                "Update the program that is older. Nothing was changed."
            ).format(path=path.name, found=manifest.get("format_version"), ours=rules.FORMAT_VERSION)
        )
    return ExchangeFile(manifest, manifest_bytes, signed, tables)


def _parts(path: Path, whole: bytes) -> tuple[dict[str, Any], bytes, str, dict[str, TableRows]]:
    with zipfile.ZipFile(io.BytesIO(whole)) as bundle:
        names = set(bundle.namelist())
        if MANIFEST not in names or SIGNATURE not in names:
            raise NotAnExchangeFile(path)
        manifest_bytes = bundle.read(MANIFEST)
        manifest = json.loads(manifest_bytes.decode("utf-8"))
        if not isinstance(manifest, dict) or manifest.get("format") != rules.FORMAT:
            raise NotAnExchangeFile(path)
        files = manifest.get("files")
        if not isinstance(files, dict) or set(files) != names - {MANIFEST, SIGNATURE}:
            raise DamagedFile(path)
        tables: dict[str, TableRows] = {}
        for name, expected in files.items():
            data = bundle.read(name)
            if hashlib.sha256(data).hexdigest() != expected or not name.startswith(TABLES_FOLDER):
                raise DamagedFile(path)
            tables[name.removeprefix(TABLES_FOLDER).removesuffix(".jsonl")] = _rows(path, data)
        signed = bundle.read(SIGNATURE).decode("ascii", errors="replace").strip()
    return manifest, manifest_bytes, signed, tables
