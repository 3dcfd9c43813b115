"""Fixed lists of the roster: each choice is stored as a code, shown through ``_()``, and written to
sheets with its standard Chinese name (the 花名册 is a Chinese document whatever the screen language)."""

from __future__ import annotations

from dataclasses import dataclass

from dangjian_desktop.domain.text import normalize_text
from dangjian_desktop.i18n import N_, _


@dataclass(frozen=True)
class Choice:
    code: str
    label_source: str  # English source string, translated by label()
    sheet_name: str  # the standard Chinese name used in sheets
    synonyms: tuple[str, ...] = ()

    def label(self) -> str:
        return _(self.label_source)


class ChoiceList:
    def __init__(self, *choices: Choice) -> None:
        self.choices = choices
        self._by_code = {c.code: c for c in choices}
        self._lookup: dict[str, str] = {}
        for c in choices:
            for spelling in (c.code, c.label_source, c.sheet_name, *c.synonyms):
                self._lookup[normalize_text(spelling).lower().replace(" ", "")] = c.code

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.choices)

    def codes(self) -> list[str]:
        return [c.code for c in self.choices]

    def get(self, code: str) -> Choice | None:
        return self._by_code.get(code)

    def label(self, code: str) -> str:
        choice = self._by_code.get(code)
        return choice.label() if choice else code

    def sheet_name(self, code: str) -> str:
        choice = self._by_code.get(code)
        return choice.sheet_name if choice else code

    def code_for(self, value: object) -> str | None:
        """The code for a typed or imported value (code, English, Chinese or a synonym), else None."""
        key = normalize_text(value).lower().replace(" ", "")
        if key in self._by_code:
            return key
        return self._lookup.get(key)


SEX = ChoiceList(
    Choice("male", N_("Male"), "男", ("男性", "m")),
    Choice("female", N_("Female"), "女", ("女性", "f")),
)

CATEGORY = ChoiceList(
    Choice("full", N_("Full member"), "正式党员", ("正式", "中共党员", "党员", "01")),
    Choice("probationary", N_("Probationary member"), "预备党员", ("预备", "中共预备党员", "02")),
)

# 2008 中组部《关于中国共产党党费收缴、使用和管理的规定》: the groups whose dues are worked out differently.
DUES_CATEGORY = ChoiceList(
    Choice("employed", N_("Employed"), "在职", ("在职职工", "在岗", "工资收入", "在职人员")),
    Choice("retired", N_("Retired"), "离退休", ("退休", "离休", "离退休人员", "离退休干部")),
    Choice("farmer", N_("Farmer"), "农民", ("农牧渔民", "务农", "农民党员")),
    Choice("student", N_("Student"), "学生", ("在校学生",)),
    Choice(
        "hardship",
        N_("Unemployed or on minimum living allowance"),
        "下岗失业或低保",
        ("下岗失业", "下岗", "失业", "低保", "领取最低生活保障金", "下岗失业人员"),
    ),
)

MEMBER_STATUS = ChoiceList(
    Choice("active", N_("On the roster"), "正常", ("在册", "正常", "正常党籍")),
    Choice("transferred_out", N_("Transferred out"), "转出", ("组织关系转出", "已转出")),
    Choice("deceased", N_("Deceased"), "去世", ("死亡", "已故", "病故")),
    Choice("left_party", N_("Left the Party"), "出党", ("开除党籍", "除名", "退党", "劝退")),
    Choice("stopped", N_("Membership suspended"), "停止党籍", ("停止党籍",)),
    Choice("deleted", N_("Deleted by mistake"), "已删除", ()),
)
ACTIVE = "active"
DELETED = "deleted"
LEAVING_STATUSES = ("transferred_out", "deceased", "left_party", "stopped")

EDUCATION_SUGGESTIONS = (
    "研究生",
    "大学本科",
    "大学专科",
    "中专",
    "高中",
    "初中",
    "小学",
    "未上过学",
)
OFFICE_SUGGESTIONS = (
    "书记",
    "副书记",
    "支部委员",
    "村委会主任",
    "村委会副主任",
    "村委会委员",
    "村务监督委员会主任",
    "村务监督委员会委员",
    "党小组长",
)
# What people write in the 职务 column when a member holds no office (stored as empty: a 无职党员).
NO_OFFICE_WORDS = frozenset(
    {"", "无", "没有", "暂无", "无职", "无职务", "党员", "普通党员", "/", "-", "—", "－", "——", "0"}
)
ETHNICITY_DEFAULT = "汉族"

YES_WORDS = frozenset({"是", "有", "y", "yes", "true", "1", "√", "✓"})
NO_WORDS = frozenset({"否", "无", "没有", "n", "no", "false", "0", "", "×"})
