"""Shared set-up of the UI tests: Qt offscreen, a fresh data folder with a branch, sample members."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

import datetime as dt  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402

import pytest  # noqa: E402

from dangjian_desktop.domain.idnumber import check_digit  # noqa: E402
from dangjian_desktop.i18n import set_language  # noqa: E402
from dangjian_desktop.services import members  # noqa: E402
from dangjian_desktop.services.branch import BranchProfile, save_profile  # noqa: E402
from dangjian_desktop.services.workspace import Workspace, open_workspace  # noqa: E402
from dangjian_desktop.ui import messages  # noqa: E402

BRANCH_NAME = "中共前进村支部委员会"

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN_NAMES = (
    "建国",
    "秀英",
    "桂英",
    "志强",
    "玉兰",
    "国华",
    "春梅",
    "海燕",
    "红梅",
    "德明",
    "学军",
    "凤英",
    "振华",
    "淑珍",
    "永福",
    "丽娟",
    "明亮",
    "兰芳",
    "立新",
    "文静",
    "卫东",
    "秀兰",
    "金花",
    "长江",
)
GROUPS = ("第一党小组", "第二党小组", "第三党小组", "第十党小组")
OFFICES = ("书记", "副书记", "支部委员", "村委会主任", "村务监督委员会主任")


def id_number(birth: str, sequence: int, region: str = "370124") -> str:
    """A valid 18-digit ID number; an odd sequence is a man, an even one a woman."""
    first17 = f"{region}{birth}{sequence:03d}"
    return first17 + check_digit(first17)


def sample_member(n: int) -> dict[str, object]:
    """The n-th of a set of varied members; member 0 is 张三 (a man born 1965-03-08)."""
    if n == 0:
        name, male = "张三", True
    else:
        name = SURNAMES[n % len(SURNAMES)] + GIVEN_NAMES[(n * 7) % len(GIVEN_NAMES)]
        male = n % 3 != 1
    birth = dt.date(1940 + n % 50, 1 + n % 12, 1 + n % 28)
    sequence = 100 + 2 * (n % 400) + (1 if male else 0)
    joined = dt.date(birth.year + 20 + n % 15, 1 + (n * 5) % 12, 1)
    probationary = n % 17 == 5
    if probationary:
        joined = dt.date.today() - dt.timedelta(days=200)
    return {
        "name": name,
        "id_number": id_number(birth.strftime("%Y%m%d"), sequence) if n else id_number("19650308", 111),
        "joined_date": joined.isoformat() if n else "1990-07-01",
        "category": "probationary" if probationary else "full",
        "party_group": GROUPS[n % len(GROUPS)] if n % 11 != 3 else "",
        "office": OFFICES[n // 9] if n % 9 == 0 and n // 9 < len(OFFICES) else "",
        "dues_category": ("farmer", "retired", "employed", "hardship")[n % 4],
        "phone": f"138{n:08d}" if n % 5 else "",
        "flowing": n % 6 == 2,
        "away_place": "浙江省宁波市" if n % 6 == 2 else "",
        "education": ("初中", "高中", "小学", "大学专科")[n % 4],
    }


@pytest.fixture(autouse=True)
def chinese() -> Iterator[None]:
    set_language("zh_CN")
    yield
    set_language("zh_CN")


@pytest.fixture
def workspace(tmp_path) -> Iterator[Workspace]:
    opened = open_workspace(tmp_path / "data")
    save_profile(opened, BranchProfile(name=BRANCH_NAME))
    yield opened
    opened.close()


@pytest.fixture
def empty_workspace(tmp_path) -> Iterator[Workspace]:
    """A data folder whose branch has not been set up yet."""
    opened = open_workspace(tmp_path / "fresh")
    yield opened
    opened.close()


@pytest.fixture
def add_members(workspace) -> Callable[[int], list[int]]:
    """Add the first ``count`` sample members through the service; returns their ids."""

    def add(count: int) -> list[int]:
        return [members.add_member(workspace, sample_member(n)).id for n in range(count)]

    return add


@pytest.fixture
def message_log(monkeypatch) -> list[tuple[str, str]]:
    """Message boxes are recorded instead of shown; questions are answered yes."""
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(messages, "info", lambda _parent, text, *a, **k: said.append(("info", text)))
    monkeypatch.setattr(messages, "warning", lambda _parent, text, *a, **k: said.append(("warning", text)))
    monkeypatch.setattr(messages, "error", lambda _parent, text, *a, **k: said.append(("error", text)))
    monkeypatch.setattr(
        messages, "confirm", lambda _parent, text, *a, **k: said.append(("confirm", text)) or True
    )
    return said


@pytest.fixture
def real_look(tmp_path) -> Iterator[Callable[..., None]]:
    """The program's own look, as at its start: the bundled Chinese font (unless the system has one), the
    text size and language chosen, the style sheet; ``real_look(size, language="zh_CN")``. Put back
    afterwards, Qt's own translations included (the other tests expect none)."""
    from PySide6.QtCore import QTranslator
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication

    from dangjian_desktop import app as app_module
    from dangjian_desktop.app import prepare_application
    from dangjian_desktop.paths import resource_path
    from dangjian_desktop.ui.main_window import UiSettings

    app = QApplication.instance()
    before_font, before_sheet = QApplication.font(), app.styleSheet()
    kept = list(app_module._keep_alive)

    def use(size: int, language: str = "zh_CN", *, bundled_font: bool = False) -> None:
        """``bundled_font``: the bundled Noto Sans SC even where the system has a Chinese font of its own,
        for a test whose measurements must not depend on the fonts a machine happens to have."""
        settings = UiSettings.in_folder(tmp_path / "look")
        settings.font_size = size
        settings.language = language
        prepare_application(app, settings)
        if bundled_font:
            font_id = QFontDatabase.addApplicationFont(str(resource_path(*app_module.BUNDLED_FONT)))
            font = QFont(QFontDatabase.applicationFontFamilies(font_id)[0])
            font.setPointSize(size)
            QApplication.setFont(font)

    yield use
    QApplication.setFont(before_font)
    app.setStyleSheet(before_sheet)
    for added in [item for item in app_module._keep_alive if item not in kept]:
        if isinstance(added, QTranslator):
            app.removeTranslator(added)
            app_module._keep_alive.remove(added)
