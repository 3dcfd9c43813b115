"""The organisation-life settings (decisions.md #8 and #11): how often each kind of meeting is due, and
the grades of the democratic evaluation."""

from __future__ import annotations

from collections.abc import Sequence

from dangjian_desktop.domain import meetings as rules
from dangjian_desktop.i18n import N_
from dangjian_desktop.services import settings
from dangjian_desktop.services.workspace import Workspace

FREQUENCIES = settings.register(
    settings.SettingKey(
        "meetings.frequencies",
        N_("How often each kind of meeting is held"),
        dict(rules.DEFAULT_FREQUENCIES),
        rules.check_frequencies,
    )
)
GRADES = settings.register(
    settings.SettingKey(
        "meetings.evaluation_grades",
        N_("Grades of the democratic evaluation of members"),
        rules.DEFAULT_GRADES,
        rules.check_grades,
        lambda value: list(value),
    )
)


def frequencies(workspace: Workspace) -> dict[str, str]:
    return dict(settings.get(workspace, FREQUENCIES))


def set_frequency(workspace: Workspace, kind: str, frequency: str) -> dict[str, str]:
    table = frequencies(workspace)
    table[kind] = frequency
    return dict(settings.set_value(workspace, FREQUENCIES, table))


def evaluation_grades(workspace: Workspace) -> tuple[str, ...]:
    return tuple(settings.get(workspace, GRADES))


def set_evaluation_grades(workspace: Workspace, grades: str | Sequence[str]) -> tuple[str, ...]:
    return tuple(settings.set_value(workspace, GRADES, grades))
