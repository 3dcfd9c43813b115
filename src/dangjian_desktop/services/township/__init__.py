"""Township reports across branches (乡镇党委汇总): members and their structure, dues, organisation life,
public notices, 设岗定责 coverage and members away without news, by branch. A township login only."""

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.services.township.access import TownshipOnly, require_township
from dangjian_desktop.services.township.members import EDUCATION_LEVELS
from dangjian_desktop.services.township.report import (
    PDF,
    XLSX,
    TownshipReport,
    check_year,
    export_report,
    report_paper,
    report_pdf,
    township_report,
)

__all__ = [
    "EDUCATION_LEVELS",
    "AppError",
    "PDF",
    "XLSX",
    "TownshipOnly",
    "TownshipReport",
    "check_year",
    "export_report",
    "report_paper",
    "report_pdf",
    "require_township",
    "township_report",
]
