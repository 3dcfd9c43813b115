"""设置 → 数据库连接 underneath: the settings file (never a password), the password store (the system's
credential store through keyring, else a file only her account can read), forgetting on untick, and
passwords kept out of the log."""

from __future__ import annotations

import json
import logging
import stat
import sys

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.errors import PasswordDeleteError

from dangjian_desktop.domain.errors import FieldErrors
from dangjian_desktop.services import connection
from dangjian_desktop.services.connection import ConnectionSettings

SERVER = ConnectionSettings("server", "192.168.1.10", 5432, "dangjian", "village_a", True)


class MemoryKeyring(KeyringBackend):
    """An in-memory credential store standing in for Windows' or the desktop's."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.kept:
            raise PasswordDeleteError(username)
        del self.kept[(service, username)]


@pytest.fixture
def memory_keyring():
    before = keyring.get_keyring()
    store = MemoryKeyring()
    keyring.set_keyring(store)
    yield store
    keyring.set_keyring(before)


@pytest.fixture
def no_keyring():
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)


def test_nothing_saved_means_this_pcs_own_data(tmp_path):
    assert connection.load_settings(tmp_path) == ConnectionSettings()
    (tmp_path / connection.CONNECTION_FILE).write_text("{not json", encoding="utf-8")
    assert connection.load_settings(tmp_path).mode == "local"


def test_settings_are_saved_and_read_back_without_any_password(tmp_path):
    connection.save_settings(tmp_path, SERVER)
    assert connection.load_settings(tmp_path) == SERVER
    stored = json.loads((tmp_path / connection.CONNECTION_FILE).read_text(encoding="utf-8"))
    assert set(stored) == {"mode", "host", "port", "database", "user", "remember_password"}


def test_typing_is_forgiven_and_what_is_missing_is_said():
    checked = connection.check_settings("server", " 192.168.1.10 ", " ", " dangjian ", " village_a ")
    assert checked == ConnectionSettings("server", "192.168.1.10", 5432, "dangjian", "village_a", False)
    with pytest.raises(FieldErrors) as raised:
        connection.check_settings("server", "", "99999", "", "")
    assert set(raised.value.errors) == {"host", "port", "database", "user"}
    assert connection.check_settings("local", "", "", "", "").mode == "local"  # nothing needed


def test_the_url_quotes_every_part():
    url = connection.database_url(
        ConnectionSettings("server", "db.example", 5433, "党建", "村 a", False), "p@ss/w:rd"
    )
    assert url == "postgresql://%E6%9D%91%20a:p%40ss%2Fw%3Ard@db.example:5433/%E5%85%9A%E5%BB%BA"


def test_remembered_in_the_credential_store_and_forgotten_on_untick(tmp_path, memory_keyring):
    assert connection.remember(SERVER, "secret-1", tmp_path) == "keyring"
    assert memory_keyring.kept == {("dangjian-desktop", SERVER.account): "secret-1"}
    assert not (tmp_path / connection.PASSWORD_FILE).exists()
    assert connection.recall(SERVER, tmp_path) == "secret-1"
    connection.keep_or_forget(
        ConnectionSettings(**{**SERVER.__dict__, "remember_password": False}), "x", tmp_path
    )
    assert memory_keyring.kept == {}
    assert connection.recall(SERVER, tmp_path) is None
    connection.forget(SERVER, tmp_path)  # nothing kept: no complaint


def test_without_a_credential_store_a_file_only_she_can_read(tmp_path, no_keyring):
    assert connection.remember(SERVER, "secret-2", tmp_path) == "file"
    path = tmp_path / connection.PASSWORD_FILE
    if sys.platform != "win32":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o700
    assert connection.recall(SERVER, tmp_path) == "secret-2"
    other = ConnectionSettings("server", "192.168.1.10", 5432, "dangjian", "village_b", True)
    connection.remember(other, "secret-3", tmp_path)
    connection.forget(SERVER, tmp_path)
    assert connection.recall(SERVER, tmp_path) is None
    assert connection.recall(other, tmp_path) == "secret-3"
    connection.forget(other, tmp_path)
    assert not path.exists()  # nothing left to keep: no file


def test_a_refusing_credential_store_falls_back_to_the_file(tmp_path, memory_keyring, monkeypatch):
    def refuse(*_args):
        raise keyring.errors.KeyringLocked("locked")

    monkeypatch.setattr(memory_keyring, "set_password", refuse)
    assert connection.remember(SERVER, "secret-4", tmp_path) == "file"
    assert connection.recall(SERVER, tmp_path) == "secret-4"


def test_passwords_never_reach_the_log(tmp_path):
    handler = logging.FileHandler(tmp_path / "test.log", encoding="utf-8")
    handler.addFilter(connection.MaskPasswords())
    logger = logging.getLogger("dangjian_desktop.test_masking")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        url = connection.database_url(SERVER, "Geheim-99")
        logger.info("connecting to %s", url)
        logger.warning("server said: password Geheim-99 refused")
        try:
            raise RuntimeError(f"failed on {url}")
        except RuntimeError:
            logger.exception("it failed")
        logger.info("odd url postgresql://someone:other-secret@host/db")
    finally:
        logger.removeHandler(handler)
        handler.close()
    written = (tmp_path / "test.log").read_text(encoding="utf-8")
    assert "Geheim-99" not in written and "other-secret" not in written
    assert "postgresql://village_a:***@192.168.1.10:5432/dangjian" in written
