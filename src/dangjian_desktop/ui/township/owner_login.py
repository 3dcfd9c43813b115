"""The township administrator's login, asked for the work the township's own login may not do
(importing a village's file writes into every table of its branch; the township login reads only).

It is asked once while the program runs: the administrator's URL (the current server's host, port and
database with the login typed here) stays in this process's memory only. It is never saved, written to a
file or logged. A wrong password or a login that is not the database's owner is said in words and the
dialog stays open to try again."""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QWidget

from dangjian_desktop.i18n import _
from dangjian_desktop.services import exchange
from dangjian_desktop.services.server_admin import NotTheOwner
from dangjian_desktop.services.server_login import LoginRefused, server_address
from dangjian_desktop.ui.widgets.forms import FormDialog
from dangjian_desktop.ui.widgets.kit import PageBase

T = TypeVar("T")

# the township login's URL -> the administrator's URL on the same server, for this run of the program
_remembered: dict[str, str] = {}


class OwnerLoginDialog(FormDialog):
    """登录名 and 密码 of the database's administrator; ``result_value`` is the checked URL."""

    def __init__(self, url: str, problem: str = "", parent: QWidget | None = None) -> None:
        super().__init__(
            _("Administrator's login"),
            _(
                "Importing a village's data writes into the township's database, so it needs the login of the "
                "database's administrator (the township's own login may only look). It is asked once while "
                "the program is open; the password is not saved."
            )
            + "\n"
            + _("Server: {address}").format(address=server_address(url)),
            parent,
        )
        self.url = url
        self.user = self.line("user", _("Login name:"), required=True)
        self.password = self.line("password", _("Password:"), required=True)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Sign in"))
        if problem:
            self.general_error.show_message(problem)
        self.setMinimumWidth(620)

    def save(self) -> None:
        if self.run(lambda raw: exchange.owner_login(self.url, raw["user"], raw["password"])):
            self.accept()


def owner_url(page: PageBase, problem: str = "") -> str | None:
    """The administrator's URL: the one given earlier in this run, else asked for (None: she cancelled).
    ``problem``: why the one given earlier no longer works; it is forgotten and asked for again."""
    url = page.workspace.db.url
    if problem:
        _remembered.pop(url, None)
    elif url in _remembered:
        return _remembered[url]
    dialog = OwnerLoginDialog(url, problem, page)
    page.dialog_opened.emit(dialog)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    # The refused attempts leave their failed connections (engines, pools, exceptions with their frames)
    # for the garbage collector; collected later at a random moment while an import runs in the
    # background, they crashed the program inside Qt's event delivery (a PySide fault, reproduced by
    # tests/ui/test_township_exchange.py): collect them now, in the GUI thread, with nothing else running.
    gc.collect()
    if not accepted:
        return None
    _remembered[url] = str(dialog.result_value)
    return _remembered[url]


def forget_owner(page: PageBase) -> None:
    """Drop the administrator's login of this server (it was refused since)."""
    _remembered.pop(page.workspace.db.url, None)


def as_township_or_owner(page: PageBase, action: Callable[[str], T]) -> T | None:
    """``action`` with the township's own login; when the server refuses it that right (set up before the
    township's login could write its decisions), with the administrator's login, asked for if need be.
    None: she cancelled the administrator's login."""
    try:
        return action(page.workspace.db.url)
    except NotTheOwner:
        owner = owner_url(page)
    if owner is None:
        return None
    try:
        return action(owner)
    except (NotTheOwner, LoginRefused):
        forget_owner(page)
        raise
