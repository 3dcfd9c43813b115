"""A second start of the program on the same data folder asks the first window to come forward (a local
socket named after the folder) and then says that the program is already open."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)
SHOW_MESSAGE = b"show\n"
_WAIT_MS = 1000


def server_name(folder: Path) -> str:
    digest = hashlib.sha1(str(Path(folder).resolve()).encode("utf-8")).hexdigest()[:16]
    return f"dangjian-desktop-{digest}"


class FirstInstance(QObject):
    """Listens for later starts; ``on_show`` is called (in the GUI thread) when one asks."""

    def __init__(self, folder: Path, on_show: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.on_show = on_show
        self.server = QLocalServer(self)
        name = server_name(folder)
        QLocalServer.removeServer(name)  # a socket file left by a crash: we hold the folder's lock
        self.server.listen(name)
        self.server.newConnection.connect(self._connection)

    def _connection(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(SHOW_MESSAGE.strip()):
            log.info("a second start on this data folder: the window comes forward")
            self.on_show()
        socket.disconnectFromServer()


def ask_first_to_come_forward(folder: Path) -> bool:
    """True when the window already open on ``folder`` got the request."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(folder))
    if not socket.waitForConnected(_WAIT_MS):
        return False
    socket.write(SHOW_MESSAGE)
    sent = socket.waitForBytesWritten(_WAIT_MS)
    socket.waitForDisconnected(_WAIT_MS)
    return sent


def bring_forward(window) -> None:  # noqa: ANN001 - a QWidget
    if window is None:
        return
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
