"""The village's side of the USB exchange on its own PC (issue 19), on SQLite: the township's key typed in,
what the file will hold and what it holds, files damaged or meant for someone else, and a whole branch
taken onto a PC (a new one, or the same branch again) with a backup first.

The township's side, on a real server, is tests/server/test_exchange.py."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from tests.support.exchange import (
    VILLAGE_NAME,
    change_a_value,
    differences,
    resign,
    village,
    village_dump,
    write_members,
)

from dangjian_desktop.domain import exchange as rules
from dangjian_desktop.domain.errors import AppError, FieldErrors
from dangjian_desktop.i18n import _
from dangjian_desktop.services import exchange, members
from dangjian_desktop.services.workspace import open_workspace
from dangjian_desktop.store import exchange_file
from dangjian_desktop.store.migrate import head_revisions

from ..conftest import make_id_number

pytestmark = pytest.mark.sqlite_only(reason="the village's own PC: its SQLite file, its backups")

KEY = rules.new_key()


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    """A rich village with code A and KEY, closed (each test copies the folder)."""
    folder = tmp_path_factory.mktemp("source") / "data"
    village(folder, "A", KEY).close()
    return folder


@pytest.fixture
def pc(source, tmp_path):
    """Village A's PC: a copy of the source's data folder."""
    folder = tmp_path / "pc"
    folder.mkdir()
    for part in source.iterdir():
        if part.is_file():
            (folder / part.name).write_bytes(part.read_bytes())
    workspace = open_workspace(folder, daily_backup=False)
    yield workspace
    workspace.close()


def _refusal(error: pytest.ExceptionInfo[AppError]) -> str:
    return error.value.message


# --- the key ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("", _("Type the exchange key the township gave you (24 letters and digits).")),
        ("K7Q2-M9XA", _("The key has 24 letters and digits; you typed {count}. Compare it with the slip from the township.").format(count=8)),
        (KEY[:10] + "0" + KEY[11:], _("The key has no {letters}: it uses only the digits 2–9 and the letters A–Z without I and O. Compare it with the slip from the township.").format(letters="0")),
        (KEY[:5] + "IO" + KEY[7:], _("The key has no {letters}: it uses only the digits 2–9 and the letters A–Z without I and O. Compare it with the slip from the township.").format(letters="I O")),
    ],
    ids=["empty", "too-short", "zero", "i-and-o"],
)  # fmt: skip
def test_a_key_typed_wrong_is_refused_in_words(workspace, typed, words):
    with pytest.raises(FieldErrors) as refused:
        exchange.enter_key(workspace, "A", typed)
    assert refused.value.errors == {"key": words}
    assert not exchange.key_state(workspace).has_key


def test_one_mistyped_symbol_is_found_by_the_check_symbols(workspace):
    position = 7
    other = next(symbol for symbol in "23456789ABCDEFGHJKLMNPQRSTUVWXYZ" if symbol != KEY[position])
    with pytest.raises(FieldErrors) as refused:
        exchange.enter_key(workspace, "A", KEY[:position] + other + KEY[position + 1 :])
    assert refused.value.errors["key"] == _(
        "One of the letters or digits of the key is mistyped. Compare it with the slip from the township."
    )


def test_a_missing_or_long_branch_code_is_refused_with_the_key_checked_too(workspace):
    with pytest.raises(FieldErrors) as refused:
        exchange.enter_key(workspace, " ", "")
    assert set(refused.value.errors) == {"code", "key"}
    with pytest.raises(FieldErrors) as refused:
        exchange.enter_key(workspace, "X" * 21, KEY)
    assert refused.value.errors == {"code": _("A branch code has at most 20 letters and digits.")}


def test_a_key_is_taken_as_people_type_it(workspace):
    """Small letters, spaces instead of dashes, full-width forms (a Chinese input method)."""
    typed = " ".join(KEY[i : i + 4] for i in range(0, 24, 4)).lower()
    full_width = "".join(chr(ord(ch) + 0xFEE0) if ch.isalnum() else ch for ch in rules.format_key(KEY))
    for form in (typed, full_width):
        state = exchange.enter_key(workspace, "a", form)
        assert (state.code, state.has_key, state.key_id) == ("A", True, rules.key_id(KEY))


def test_a_new_key_replaces_the_old_one(workspace):
    exchange.enter_key(workspace, "A", KEY)
    other = rules.new_key()
    state = exchange.enter_key(workspace, "A", other)
    assert state.key_id == rules.key_id(other)


def test_the_key_file_from_the_township_is_read(workspace, tmp_path):
    issued = exchange.IssuedKey("07", VILLAGE_NAME, KEY)
    path = exchange.write_key_file(issued, tmp_path / "密钥.txt")
    assert rules.format_key(KEY) in path.read_text(encoding="utf-8")
    state = exchange.enter_key_file(workspace, path)
    assert (state.code, state.key_id) == ("07", rules.key_id(KEY))
    other = tmp_path / "note.txt"
    other.write_text("明天开会\n带上笔记本\n", encoding="utf-8")
    with pytest.raises(AppError) as refused:
        exchange.enter_key_file(workspace, other)
    assert _refusal(refused) == _("This file is not an exchange key from the township.")


# --- what the file holds -------------------------------------------------------------------------


def _rows_per_table(workspace) -> dict[str, int]:
    """Counted from the database itself, not through the exchange's reader."""
    with sqlite3.connect(workspace.db_path) as connection:
        tables = [
            name
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if any(c[1] == "branch_id" for c in connection.execute(f'PRAGMA table_info("{name}")'))
        ]
        found = {"branch": 1}
        for table in tables:
            if table in ("exchange_key", "exchange_sent", "exchange_received", "township_decision"):
                continue
            query = f'SELECT count(*) FROM "{table}" WHERE branch_id = 1'
            if table == "audit_log":  # entries about the exchange's own tables stay on the PC
                query += " AND table_name NOT IN ('exchange_key', 'exchange_sent', 'exchange_received')"
            (count,) = connection.execute(query).fetchone()
            if count:
                found[table] = count
    connection.close()
    return found


def test_the_preview_counts_what_the_file_then_holds(pc, tmp_path):
    expected_tables = _rows_per_table(pc)
    by_area: dict[str, int] = {}
    for table, count in expected_tables.items():
        by_area[exchange.area_of(table)] = by_area.get(exchange.area_of(table), 0) + count
    preview = exchange.preview(pc)
    assert preview.areas == by_area
    assert (preview.code, preview.branch_name, preview.sequence, preview.last_sent) == (
        "A",
        VILLAGE_NAME,
        1,
        None,
    )
    assert preview.file_name == rules.branch_file_name("A", VILLAGE_NAME, dt.date.today(), 1)

    sent = exchange.export_branch(pc, tmp_path)
    assert sent.path == tmp_path / preview.file_name and sent.sequence == 1
    assert sent.areas == preview.areas
    read = exchange_file.read(sent.path)
    in_file = {table: len(rows.rows) for table, rows in read.tables.items() if rows.rows}
    assert in_file == expected_tables
    assert {table: n for table, n in read.manifest["counts"].items() if n} == expected_tables
    assert read.signed_with(KEY) and not read.signed_with(rules.new_key())

    after = exchange.preview(pc)
    assert after.sequence == 2 and after.last_sent is not None and after.last_accepted is None
    assert exchange.export_branch(pc, tmp_path / "again.zip").sequence == 2


def test_the_manifest_says_whose_file_it_is_and_what_it_holds(pc, tmp_path):
    sent = exchange.export_branch(pc, tmp_path / "a.zip")
    with zipfile.ZipFile(sent.path) as bundle:
        names = set(bundle.namelist())
        manifest = json.loads(bundle.read("manifest.json"))
        signature = bundle.read("signature").decode("ascii").strip()
    assert {"manifest.json", "signature", "tables/member.jsonl", "tables/audit_log.jsonl"} <= names
    assert "tables/exchange_key.jsonl" not in names and "tables/township_decision.jsonl" not in names
    assert manifest["format"] == "dangjian-exchange" and manifest["format_version"] == 1
    assert manifest["kind"] == "branch" and manifest["sequence"] == 1
    assert manifest["branch"]["code"] == "A" and manifest["branch"]["name"] == VILLAGE_NAME
    assert manifest["key_id"] == rules.key_id(KEY)
    assert set(manifest["schema"]) == set(head_revisions())
    assert dt.datetime.fromisoformat(manifest["made_at"]).date() == dt.date.today()
    assert set(manifest["files"]) == names - {"manifest.json", "signature"}
    with zipfile.ZipFile(sent.path) as bundle:
        assert signature == rules.signature(KEY, bundle.read("manifest.json"))


def test_no_export_without_the_townships_key(workspace, tmp_path):
    with pytest.raises(exchange.NoKey):
        exchange.export_branch(workspace, tmp_path / "a.zip")
    assert not (tmp_path / "a.zip").exists()


# --- damaged and foreign files ------------------------------------------------------------------


def test_every_changed_byte_is_refused_in_words_or_changes_nothing_in_the_content(workspace, tmp_path):
    """A bit changed anywhere in the file: refused (damaged / not an exchange file), never a traceback; the
    few bytes a zip keeps twice (a part's local header) or does not use leave the content as it was
    signed, and then the file reads exactly as written."""
    exchange.enter_key(workspace, "A", KEY)  # a small branch: every byte of its file is tried
    members.add_member(
        workspace, {"name": "张建国", "id_number": make_id_number(sequence=1), "joined_date": "1995-06-01"}
    )
    original_path = exchange.export_branch(workspace, tmp_path / "a.zip").path
    original = exchange_file.read(original_path)
    data = original_path.read_bytes()
    changed = tmp_path / "changed.zip"
    refused = 0
    for offset in _structure_and_some_data(original_path):
        flipped = bytearray(data)
        flipped[offset] ^= 0x01
        changed.write_bytes(bytes(flipped))
        try:
            read = exchange_file.read(changed)
        except (exchange_file.DamagedFile, exchange_file.NotAnExchangeFile) as error:
            assert changed.name in error.message
            refused += 1
            continue
        assert read.manifest_bytes == original.manifest_bytes and read.signature == original.signature
        assert read.tables == original.tables, offset
    # (about a third of the bytes tried are the parts' local headers, which repeat the directory's words)
    assert refused > 0.5 * len(_structure_and_some_data(original_path))


def _structure_and_some_data(path: Path) -> list[int]:
    """Every byte of the zip's headers and directory, and every 11th byte of each part's compressed data."""
    size = path.stat().st_size
    with zipfile.ZipFile(path) as bundle:
        data = []
        for info in bundle.infolist():
            start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
            data.append(range(start, start + info.compress_size))
    in_data = {offset for part in data for offset in part}
    return [offset for offset in range(size) if offset not in in_data or offset % 11 == 0]


def test_a_changed_value_is_found_by_its_hash(pc, tmp_path):
    path = exchange.export_branch(pc, tmp_path / "a.zip").path

    def rename(row, columns):
        row[columns.index("name")] = "张建军"

    with pytest.raises(exchange_file.DamagedFile):
        exchange_file.read(change_a_value(path, tmp_path / "b.zip", "member", rename))
    resealed = exchange_file.read(change_a_value(path, tmp_path / "c.zip", "member", rename, reseal=True))
    assert not resealed.signed_with(KEY)  # the manifest changed: its signature no longer holds


@pytest.mark.parametrize(
    "content",
    [b"", b"hello", "党员名册".encode(), b"PK\x03\x04 not really a zip"],
    ids=["empty", "text", "chinese-text", "zip-magic-only"],
)
def test_a_file_that_is_not_an_exchange_file_is_refused(tmp_path, content):
    path = tmp_path / "something.zip"
    path.write_bytes(content)
    with pytest.raises((exchange_file.NotAnExchangeFile, exchange_file.DamagedFile)) as refused:
        exchange_file.read(path)
    assert "something.zip" in refused.value.message


def test_another_programs_zip_is_not_an_exchange_file(tmp_path):
    path = write_members(tmp_path / "photos.zip", {"a.txt": b"1", "manifest.json": b'{"format": "other"}'})
    with pytest.raises(exchange_file.NotAnExchangeFile):
        exchange_file.read(path)
    path = write_members(tmp_path / "nomanifest.zip", {"a.txt": b"1"})
    with pytest.raises(exchange_file.NotAnExchangeFile):
        exchange_file.read(path)


def test_a_missing_file_is_said_in_words(tmp_path):
    with pytest.raises(AppError) as refused:
        exchange_file.read(tmp_path / "gone.zip")
    assert _refusal(refused) == _("The file {path} was not found.").format(path=tmp_path / "gone.zip")


def test_a_file_of_a_later_format_or_a_newer_program_is_refused(pc, tmp_path):
    path = exchange.export_branch(pc, tmp_path / "a.zip").path
    later = resign(path, tmp_path / "v2.zip", KEY, format_version=2)
    with pytest.raises(AppError) as refused:
        exchange_file.read(later)
    assert _refusal(refused) == _(
        "The file {path} was written in exchange format {found}; this program reads format {ours}. "
        "Update the program that is older. Nothing was changed."
    ).format(path="v2.zip", found=2, ours=1)
    newer = resign(path, tmp_path / "newer.zip", KEY, schema=["9999_future"], program="9.0")
    fresh = open_workspace(tmp_path / "fresh")
    try:
        with pytest.raises(AppError) as refused:
            exchange.import_branch_file(fresh, newer, KEY)
        assert "9.0" in _refusal(refused)
        assert fresh.branch_id is None
    finally:
        fresh.close()


# --- a whole branch onto a PC --------------------------------------------------------------------


def test_a_new_pc_takes_the_whole_branch(pc, tmp_path):
    original = village_dump(pc)
    path = exchange.export_branch(pc, tmp_path / "a.zip").path
    fresh = open_workspace(tmp_path / "fresh")
    try:
        with pytest.raises(exchange.NoKey):
            exchange.import_branch_file(fresh, path)
        with pytest.raises(AppError) as refused:
            exchange.import_branch_file(fresh, path, rules.new_key())
        assert _refusal(refused) == _(
            "The file's signature does not match the key you gave: check the key. Nothing was changed."
        )
        taken = exchange.import_branch_file(fresh, path, rules.format_key(KEY).lower())
        assert (taken.code, taken.branch_name, taken.sequence, taken.backup) == ("A", VILLAGE_NAME, 1, None)
        assert village_dump(fresh) == original
        assert exchange.key_state(fresh).key_id == rules.key_id(KEY)
        assert exchange.preview(fresh).sequence == 2
    finally:
        fresh.close()


def test_the_same_branch_again_is_brought_up_to_date_after_a_backup(pc, tmp_path):
    first = exchange.export_branch(pc, tmp_path / "1.zip").path
    other = open_workspace(tmp_path / "other")
    try:
        exchange.import_branch_file(other, first, KEY)
        before = village_dump(other)
        members.add_member(
            pc, {"name": "钱学文", "id_number": make_id_number(sequence=21), "joined_date": "2001-07-01"}
        )
        second = exchange.export_branch(pc, tmp_path / "2.zip").path

        taken = exchange.import_branch_file(other, second)  # the key entered before checks it
        changes_area = exchange.area_of("member")
        assert taken.backup is not None and taken.backup.is_file()
        here, there = village_dump(other), village_dump(pc)
        assert {t: rows for t, rows in here.items() if t != "audit_log"} == {
            t: rows for t, rows in there.items() if t != "audit_log"
        }
        # the change log only grows: every entry of the file, and this PC's own entry of its backup
        assert here["audit_log"].items() >= there["audit_log"].items()
        assert [e["action"] for k, e in here["audit_log"].items() if k not in there["audit_log"]] == [
            "backup"
        ]
        roster = [row for (row,) in _sql(taken.backup, "SELECT name FROM member ORDER BY id")]
        assert "钱学文" not in roster and len(roster) == len(before["member"])
        changes = {area.area: area for area in taken.areas}
        roster_tables = {
            t: d for t, d in differences(before, there).items() if exchange.area_of(t) == changes_area
        }
        assert roster_tables["member"] == (1, 0, 0)  # the member, and the event of her joining
        assert changes[changes_area].new == sum(new for new, _updated, _removed in roster_tables.values())
    finally:
        other.close()


def _sql(path: Path, query: str) -> list[tuple]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute(query).fetchall()
    finally:
        connection.close()


def test_a_file_of_another_branch_is_refused_and_nothing_changes(pc, source, tmp_path):
    other_key = rules.new_key()
    b_pc = village(tmp_path / "b", "B", other_key, name="中共红旗村支部委员会")
    try:
        b_file = exchange.export_branch(b_pc, tmp_path / "b.zip").path
    finally:
        b_pc.close()
    before = village_dump(pc)
    backups_before = sorted(pc.backups_dir.glob("*"))
    with pytest.raises(AppError) as refused:
        exchange.import_branch_file(pc, b_file, other_key)
    assert _refusal(refused) == _(
        "The file holds branch {found}, and this computer holds branch {code}. Nothing was changed."
    ).format(found="B", code="A")
    assert village_dump(pc) == before
    assert sorted(pc.backups_dir.glob("*")) == backups_before  # refused before anything was done


def test_a_pc_with_records_but_no_code_does_not_take_a_branch(tmp_path, source):
    path = tmp_path / "a.zip"
    workspace = open_workspace(source, daily_backup=False)
    try:
        exchange.export_branch(workspace, path)
    finally:
        workspace.close()
    plain = village(tmp_path / "plain")  # a PC that never exchanged
    try:
        before = village_dump(plain)
        with pytest.raises(AppError) as refused:
            exchange.import_branch_file(plain, path, KEY)
        assert "A" in _refusal(refused)
        assert village_dump(plain) == before
    finally:
        plain.close()


def test_a_decisions_file_is_not_a_branch_file_and_back(pc, tmp_path):
    path = exchange.export_branch(pc, tmp_path / "a.zip").path
    with pytest.raises(AppError) as refused:
        exchange.import_decisions(pc, path)
    assert _refusal(refused) == _(
        "The file {path} holds a village's data, not the township's decisions. Nothing was changed."
    ).format(path="a.zip")
    reply = resign(path, tmp_path / "reply.zip", KEY, kind="decisions")
    with pytest.raises(AppError) as refused:
        exchange.import_branch_file(pc, reply)
    assert _refusal(refused) == _(
        "The file {path} holds the township's decisions, not a village's data. Nothing was changed."
    ).format(path="reply.zip")


def test_a_reply_signed_with_another_key_is_refused(pc, tmp_path):
    """A reply as the township writes it, but signed with a key that is not this branch's."""
    made = dt.datetime(2026, 7, 1, 9).isoformat()
    tables = {
        "township_decision": exchange_file.TableRows(
            ("public_id", "kind", "subject", "details", "refers_to", "decided_on", "decided_by", "made_at"),
            [
                [
                    "6f1c2a50-0000-4000-8000-000000000001",
                    "approval",
                    "同意",
                    "",
                    None,
                    "2026-07-01",
                    "镇党委",
                    made,
                ]
            ],
        )
    }
    head = {
        "format": rules.FORMAT, "format_version": 1, "kind": "decisions", "sequence": 1, "made_at": made,
        "branch": {"code": "A", "name": VILLAGE_NAME, "public_id": None}, "schema": sorted(head_revisions()),
    }  # fmt: skip
    forged = exchange_file.write(tmp_path / "forged.zip", head, tables, rules.new_key())
    with pytest.raises(AppError) as refused:
        exchange.import_decisions(pc, forged)
    assert _refusal(refused) == _(
        "The file's signature does not match the exchange key of branch {code}: it was signed with another "
        "branch's key, or changed on the way. Nothing was changed."
    ).format(code="A")
    assert exchange.decisions(pc) == []
    genuine = exchange_file.write(tmp_path / "genuine.zip", head, tables, KEY)
    done = exchange.import_decisions(pc, genuine)
    assert (done.new, done.updated, done.unchanged) == (1, 0, 0)
    assert [d.subject for d in exchange.decisions(pc)] == ["同意"]


def test_a_pc_set_up_but_still_empty_takes_the_branch_and_the_same_file_again_changes_nothing(
    pc, workspace, tmp_path
):
    """The secretary filled in the profile on the new PC (the ``workspace`` fixture) before taking the file."""
    path = exchange.export_branch(pc, tmp_path / "a.zip").path
    taken = exchange.import_branch_file(workspace, path, KEY)
    assert taken.backup is None  # nothing to keep yet
    _holds_the_same(village_dump(workspace), village_dump(pc))
    again = exchange.import_branch_file(workspace, path)
    assert again.backup is not None
    assert [
        (a.new, a.updated, a.removed) for a in again.areas if a.area != exchange.area_of("audit_log")
    ] == [(0, 0, 0)] * (len(again.areas) - 1)
    _holds_the_same(village_dump(workspace), village_dump(pc))


def _holds_the_same(here, there) -> None:
    """Every row of ``there``; the change log may hold more: this PC's own entries (its profile, a backup)."""
    assert {t: r for t, r in here.items() if t != "audit_log"} == {
        t: r for t, r in there.items() if t != "audit_log"
    }
    assert here["audit_log"].items() >= there["audit_log"].items()


def test_no_reply_is_taken_before_the_key_is_entered(workspace, tmp_path):
    path = tmp_path / "reply.zip"
    path.write_bytes(b"")
    with pytest.raises(exchange.NoKey):
        exchange.import_decisions(workspace, path)


def test_an_older_file_of_this_branch_is_refused_on_the_pc_and_the_last_one_taken(pc, tmp_path):
    first = exchange.export_branch(pc, tmp_path / "1.zip")
    members.add_member(
        pc, {"name": "新党员", "id_number": make_id_number(sequence=77), "joined_date": "2020-07-01"}
    )
    second = exchange.export_branch(pc, tmp_path / "2.zip")
    assert second.sequence == first.sequence + 1
    with pytest.raises(AppError, match=f"第 {first.sequence} 次.*第 {second.sequence} 次.*没有改动"):
        exchange.import_branch_file(pc, first.path)
    assert members.find_member(pc, "新党员").name == "新党员"
    taken = exchange.import_branch_file(pc, second.path)  # the same number as the last one written: taken
    assert (
        taken.sequence == second.sequence
        and sum(area.new + area.updated + area.removed for area in taken.areas) == 0
    )
