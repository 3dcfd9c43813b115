"""The exchange with the township on a USB stick (issue 19, docs/exchange-format.md): the village writes
its branch's file and takes the township's decisions; the township imports the villages' files and writes
its decisions back; a branch moves between a PC and the server by the same files."""

from dangjian_desktop.services.exchange.common import AreaChanges, NoKey, area_of
from dangjian_desktop.services.exchange.keys import (
    IssuedKey,
    KeyState,
    enter_key,
    enter_key_file,
    issue_key,
    key_state,
    write_key_file,
)
from dangjian_desktop.services.exchange.township import (
    BranchReports,
    HandUpRow,
    Imported,
    Received,
    add_decision,
    decisions_for,
    export_branch_from_server,
    export_decisions,
    handups_of,
    import_village_file,
    last_imports,
    owner_login,
    reports_by_branch,
)
from dangjian_desktop.services.exchange.village import (
    BranchTaken,
    Decision,
    Preview,
    RepliesImported,
    Sent,
    decisions,
    export_branch,
    import_branch_file,
    import_decisions,
    last_sent,
    preview,
)

__all__ = [
    "AreaChanges", "BranchReports", "BranchTaken", "Decision", "HandUpRow", "Imported", "IssuedKey", "KeyState",
    "NoKey", "Preview", "Received", "RepliesImported", "Sent", "add_decision", "area_of", "decisions",
    "decisions_for", "enter_key", "enter_key_file", "export_branch", "export_branch_from_server",
    "export_decisions", "handups_of", "import_branch_file", "import_decisions", "import_village_file", "issue_key",
    "key_state", "last_imports", "last_sent", "owner_login", "preview", "reports_by_branch", "write_key_file",
]  # fmt: skip
