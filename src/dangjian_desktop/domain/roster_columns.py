"""The columns of the member roster sheet (党员花名册), and finding them in a sheet someone else made.

Columns are matched by their header text, never by position. Headers are compared after
normalisation, so "姓  名", "姓名*", "姓名（必填）" and a header broken over two lines all match.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from dangjian_desktop.domain.text import normalize_text


@dataclass(frozen=True)
class RosterColumn:
    key: str
    title: str  # the Chinese header written on export
    synonyms: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The title followed by every synonym."""
        return (self.title, *self.synonyms)


# Export order: rules-research.md §9, then the program's own columns.
COLUMNS: tuple[RosterColumn, ...] = (
    RosterColumn("name", "姓名", ("名字", "党员姓名")),
    RosterColumn("sex", "性别"),
    RosterColumn("ethnicity", "民族"),
    RosterColumn("birth_date", "出生日期", ("出生年月", "出生年月日", "生日", "出生时间")),
    RosterColumn(
        "id_number",
        "公民身份号码",
        ("身份证号码", "身份证号", "身份证", "公民身份证号码", "身份号码", "证件号码"),
    ),
    RosterColumn("education", "学历", ("最高学历", "文化程度", "全日制学历")),
    RosterColumn("category", "人员类别", ("党员类别", "类别", "党员身份")),
    RosterColumn("joined_date", "入党日期", ("入党时间", "加入党组织日期", "入党年月")),
    RosterColumn("full_member_date", "转正日期", ("转正时间", "转正年月")),
    RosterColumn("branch_name", "所在党支部", ("党支部", "所属党支部", "支部名称", "所在支部")),
    RosterColumn("phone", "联系电话", ("手机号码", "手机号", "电话", "联系方式", "手机")),
    RosterColumn("address", "家庭住址", ("现居住地", "住址", "家庭地址", "现居住地址", "居住地址")),
    RosterColumn("occupation", "工作岗位", ("职业", "工作岗位/职业", "工作单位", "工作单位/职业")),
    RosterColumn("standing", "党籍状态", ("党籍",)),
    RosterColumn("flowing", "是否流动党员", ("流动党员",)),
    RosterColumn("away_place", "外出地点", ("外出地址", "流入地", "外出务工地点")),
    RosterColumn("holds_activity_book", "是否持活动证", ("持活动证", "是否持有活动证")),
    RosterColumn("dues_category", "党费类别", ("工作/收入类别", "收入类别", "缴费类别")),
    RosterColumn("party_group", "党小组", ("所在党小组",)),
    RosterColumn("office", "职务", ("现任职务", "党内职务", "担任职务")),
    RosterColumn("notes", "备注", ("说明",)),
)

# Read on import, never written: one column holding a workplace or an office. Each cell goes to 职务 when
# it names an office (村委会主任, 村会计, 支部书记) and to 工作岗位 otherwise (务农, 个体, XX厂).
WORK_AND_OFFICE = "work_and_office"
IMPORT_ONLY_COLUMNS: tuple[RosterColumn, ...] = (
    RosterColumn(WORK_AND_OFFICE, "工作单位及职务", ("单位及职务", "工作单位和职务", "职务及工作单位")),
)
_OFFICE_WORDS = (
    "书记",
    "委员",
    "主任",
    "主席",
    "会计",
    "文书",
    "出纳",
    "村长",
    "组长",
    "队长",
    "支委",
    "两委",
)

REQUIRED_KEYS = ("name", "id_number")
# A row is taken as the header when it has the required columns, or the name and at least this many
# known columns in all.
MIN_COLUMNS_WITHOUT_ID = 3

_BY_KEY = {c.key: c for c in (*COLUMNS, *IMPORT_ONLY_COLUMNS)}

_WHITESPACE = re.compile(r"\s+")
_REQUIRED_MARK = re.compile(r"(?:\*|\(必填\)|\(必须填写\))+$")
_LEADING_STAR = re.compile(r"^\*+")
_TRAILING_NOTE = re.compile(r"\([^()]*\)$")


def column(key: str) -> RosterColumn:
    """The column with this key; ``KeyError`` for an unknown key."""
    return _BY_KEY[key]


def names_an_office(text: str) -> bool:
    """Whether a cell of 工作单位及职务 names an office (村委会主任, 村妇女主任, 村会计) rather than work."""
    return any(word in text for word in _OFFICE_WORDS)


def normalize_header(text: object) -> str:
    """Header text reduced for comparison: half-width, no whitespace or line breaks at all, and no
    required-field marker ("*" at either end, "(必填)" / "（必填）" at the end)."""
    header = _WHITESPACE.sub("", normalize_text(text))
    header = _LEADING_STAR.sub("", header)
    return _REQUIRED_MARK.sub("", header)


_LOOKUP: dict[str, str] = {}
for _column in (*COLUMNS, *IMPORT_ONLY_COLUMNS):
    for _name in _column.names:
        _LOOKUP.setdefault(normalize_header(_name), _column.key)
del _column, _name


def header_key(text: object) -> str | None:
    """The column key a header cell stands for, or ``None``.

    An explanatory note in brackets at the end is ignored when the whole text is not known, so
    "出生日期(年月日)" and "联系电话（手机）" match.
    """
    header = normalize_header(text)
    if not header:
        return None
    key = _LOOKUP.get(header)
    if key is None:
        without_note = _TRAILING_NOTE.sub("", header)
        if without_note != header:
            key = _LOOKUP.get(_REQUIRED_MARK.sub("", without_note))
    return key


def match_headers(cells: Sequence[object]) -> dict[str, int]:
    """Map column key -> 0-based index for every recognised header cell; the first occurrence of a
    column wins and unknown headers are ignored."""
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = header_key(cell)
        if key is not None and key not in found:
            found[key] = index
    return found


def _is_header(mapping: dict[str, int]) -> bool:
    if all(key in mapping for key in REQUIRED_KEYS):
        return True
    return "name" in mapping and len(mapping) >= MIN_COLUMNS_WITHOUT_ID


def _looks_like_sub_header(cells: Sequence[object]) -> bool:
    """At least one filled cell, and at least half of the filled cells are known column names."""
    filled = [cell for cell in cells if normalize_header(cell)]
    known = sum(1 for cell in filled if header_key(cell) is not None)
    return known > 0 and known * 2 >= len(filled)


def _merge(upper: dict[str, int], lower: dict[str, int]) -> dict[str, int]:
    """Combine a two-row header: a name in the lower row beats a group title above it."""
    merged = {key: index for key, index in upper.items() if index not in lower.values()}
    for key, index in lower.items():
        merged[key] = index
    return dict(sorted(merged.items(), key=lambda item: item[1]))


def find_header_row(
    rows: Sequence[Sequence[object]], max_scan: int = 20
) -> tuple[int, dict[str, int]] | None:
    """Find the header among the first ``max_scan`` rows.

    Title rows ("XX村党支部党员花名册") and merged cells (a value in the first cell, empty cells after
    it) above the header are skipped. The header row is the first one that has the name and the ID
    number column, or the name and at least three known columns in all.

    Two-row headers are handled: when the row below also holds column names (a group title such as
    "入党时间" above "入党日期 | 转正日期", or names merged over both rows), both rows are combined and
    the index of the lower row is returned, so data always starts at the returned index + 1.
    Returns ``None`` when no header is found.
    """
    scan = min(len(rows), max_scan)
    for index in range(scan):
        upper = match_headers(rows[index])
        if not upper:
            continue
        if index + 1 < len(rows) and _looks_like_sub_header(rows[index + 1]):
            merged = _merge(upper, match_headers(rows[index + 1]))
            if _is_header(merged):
                return index + 1, merged
        if _is_header(upper):
            return index, upper
    return None
