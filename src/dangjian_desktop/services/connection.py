"""设置 → 数据库连接: whether this PC works on its own data (本机数据, the data folder's SQLite file) or on the
township's PostgreSQL server, and the server's address and account.

The choice is kept in ``connection.json`` in the data folder, beside ``settings.ini``: it survives a
reinstall (the data folder is never removed by one), it is per OS user (the default data folder is the
user's own), and the local copy and the server it belongs to stay together (``--data-dir`` gives another
set-up). The password is never in that file, in the database, in a backup or in the log. It is kept for
the next start only when she ticks 记住密码: in the operating system's credential store (``keyring``:
Windows Credential Manager, macOS Keychain, the Secret Service on a Linux desktop) where one can be used,
else in a file of the user's configuration folder that only her account may read (as PostgreSQL's own
``.pgpass``).
"""

from __future__ import annotations

import json
import logging
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from platformdirs import user_config_dir
from sqlalchemy.exc import DBAPIError

from dangjian_desktop import APP_NAME
from dangjian_desktop.domain.errors import AppError, FieldErrors
from dangjian_desktop.i18n import _
from dangjian_desktop.services.branch import load_profile
from dangjian_desktop.services.server_login import LoginRefused, ServerNotSetUp, ServerUnreachable
from dangjian_desktop.services.workspace import Workspace, open_workspace

log = logging.getLogger(__name__)

CONNECTION_FILE = "connection.json"
PASSWORD_FILE = "passwords.json"
KEYRING_SERVICE = "dangjian-desktop"
MODE_LOCAL = "local"
MODE_SERVER = "server"
DEFAULT_PORT = 5432
MASK = "***"


@dataclass(frozen=True)
class ConnectionSettings:
    """Where the data is: ``mode`` "local" (this PC's own data) or "server" (the township's)."""

    mode: str = MODE_LOCAL
    host: str = ""
    port: int = DEFAULT_PORT
    database: str = ""
    user: str = ""
    remember_password: bool = False

    @property
    def is_server(self) -> bool:
        return self.mode == MODE_SERVER

    @property
    def account(self) -> str:
        """The name a remembered password is kept under: one per user, server and database."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    @property
    def address(self) -> str:
        """The server as said to her: 192.168.1.10:5432."""
        return f"{self.host}:{self.port}"


# ----- the settings file -----------------------------------------------------------------------------


def settings_path(folder: Path) -> Path:
    return Path(folder) / CONNECTION_FILE


def load_settings(folder: Path) -> ConnectionSettings:
    """The saved choice; this PC's own data when nothing (or nothing readable) was saved."""
    path = settings_path(folder)
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return ConnectionSettings()
    except (OSError, ValueError) as error:
        log.warning("the connection settings %s cannot be read (%s); this PC's own data is used", path, error)
        return ConnectionSettings()
    if not isinstance(stored, dict):
        return ConnectionSettings()
    try:
        port = int(stored.get("port", DEFAULT_PORT))
    except (TypeError, ValueError):
        port = DEFAULT_PORT
    return ConnectionSettings(
        mode=MODE_SERVER if stored.get("mode") == MODE_SERVER else MODE_LOCAL,
        host=str(stored.get("host", "")).strip(),
        port=port if 0 < port < 65536 else DEFAULT_PORT,
        database=str(stored.get("database", "")).strip(),
        user=str(stored.get("user", "")).strip(),
        remember_password=bool(stored.get("remember_password", False)),
    )


def save_settings(folder: Path, settings: ConnectionSettings) -> None:
    """Write the choice (never a password: the dataclass has none) in place of the old one at once."""
    from dangjian_desktop.services.files import write_file

    text = json.dumps(asdict(settings), ensure_ascii=False, indent=2) + "\n"
    write_file(settings_path(folder), text.encode("utf-8"))
    log.info(
        "connection settings saved: %s",
        "server " + settings.account if settings.is_server else "this PC's own data",
    )


def check_settings(
    mode: str, host: str, port: str | int, database: str, user: str, remember_password: bool = False
) -> ConnectionSettings:
    """What she typed, forgiving: spaces trimmed, an empty port is 5432. For the server, says in words
    what is missing or wrong (FieldErrors, by field: host, port, database, user)."""
    if mode != MODE_SERVER:
        return ConnectionSettings(
            mode=MODE_LOCAL,
            host=host.strip(),
            port=_port_or_default(port),
            database=database.strip(),
            user=user.strip(),
            remember_password=remember_password,
        )
    errors: dict[str, str] = {}
    host = host.strip()
    if not host:
        errors["host"] = _("Enter the server's address (ask the township, e.g. 192.168.1.10).")
    elif re.search(r"\s|/|@", host):
        errors["host"] = _("The server's address must not contain spaces, “/” or “@”.")
    text = str(port).strip() or str(DEFAULT_PORT)
    number = int(text) if text.isdigit() else 0
    if not 0 < number < 65536:
        errors["port"] = _("The port is a number from 1 to 65535 (usually 5432).")
    if not database.strip():
        errors["database"] = _("Enter the database name (ask the township).")
    if not user.strip():
        errors["user"] = _("Enter your user name (ask the township).")
    if errors:
        raise FieldErrors(errors)
    return ConnectionSettings(MODE_SERVER, host, number, database.strip(), user.strip(), remember_password)


def _port_or_default(port: str | int) -> int:
    text = str(port).strip()
    number = int(text) if text.isdigit() else DEFAULT_PORT
    return number if 0 < number < 65536 else DEFAULT_PORT


def database_url(settings: ConnectionSettings, password: str) -> str:
    """``postgresql://user:password@host:port/database``, every part quoted (a password with “@” or
    “/” in it stays one password). The password it carries goes on the list of texts kept out of the log."""
    keep_out_of_log(password)
    host = f"[{settings.host}]" if ":" in settings.host else settings.host  # an IPv6 address
    return "postgresql://{user}:{password}@{host}:{port}/{database}".format(
        user=quote(settings.user, safe=""),
        password=quote(password, safe=""),
        host=host,
        port=settings.port,
        database=quote(settings.database, safe=""),
    )


# ----- keeping passwords out of the log --------------------------------------------------------------

_SECRETS: set[str] = set()
_URL_PASSWORD = re.compile(r"(://[^:/@\s]*:)[^@\s]*@")
MIN_SECRET = 4  # a shorter password is not looked for in free text (it would blot out ordinary words)


def keep_out_of_log(password: str) -> None:
    """From now on, this password is written as *** wherever it would appear in the log."""
    if password and len(password) >= MIN_SECRET:
        _SECRETS.add(password)
        _SECRETS.add(quote(password, safe=""))


def mask(text: str) -> str:
    """``text`` with the password of any URL in it and every password used so far made ***."""
    text = _URL_PASSWORD.sub(lambda m: m.group(1) + MASK + "@", text)
    for secret in sorted(_SECRETS, key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text


class MaskPasswords(logging.Filter):
    """A filter for the log file's handler: a record's text is written with passwords made ***."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a badly formatted record: leave it to logging's own report
            return True
        masked = mask(message)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask(record.exc_text)
        if masked != message:
            record.msg, record.args = masked, None
        return True


# ----- the password store ----------------------------------------------------------------------------


def password_folder() -> Path:
    """A folder of the user's own configuration (per OS account: ~/.config/dangjian-desktop/credentials on
    Linux; on Windows under her profile, AppData\\Roaming, which only her account and the administrators
    can read), apart from the data folder, which may be copied onto a stick or shown to a helper."""
    return Path(user_config_dir(APP_NAME, appauthor=False, roaming=True)) / "credentials"


def _usable_keyring() -> Any | None:
    """The system's credential store, or None where there is none (a Linux PC without a desktop
    keyring: keyring then offers only its "fail" or "null" backend, of priority 0)."""
    try:
        import keyring
        from keyring.backends import fail, null

        backend = keyring.get_keyring()
    except Exception as error:  # noqa: BLE001 - a broken keyring set-up must not stop the program
        log.warning("the credential store cannot be used: %s", error)
        return None
    if isinstance(backend, fail.Keyring | null.Keyring):
        return None
    try:
        usable = float(backend.priority) > 0
    except Exception:  # noqa: BLE001
        usable = False
    return backend if usable else None


def remember(settings: ConnectionSettings, password: str, folder: Path | None = None) -> str:
    """Keep the password for the next start; says where ("keyring" or "file")."""
    backend = _usable_keyring()
    if backend is not None:
        try:
            backend.set_password(KEYRING_SERVICE, settings.account, password)
        except Exception as error:  # noqa: BLE001 - a locked or refusing store: the file instead
            log.warning("the credential store refused the password (%s); kept in the user's file", error)
        else:
            _forget_in_file(settings, folder)  # one place only
            log.info("password for %s kept in the credential store", settings.account)
            return "keyring"
    passwords = _read_file(folder)
    passwords[settings.account] = password
    _write_file(passwords, folder)
    log.info("password for %s kept in the user's own file", settings.account)
    return "file"


def recall(settings: ConnectionSettings, folder: Path | None = None) -> str | None:
    """The remembered password, or None."""
    backend = _usable_keyring()
    if backend is not None:
        try:
            found = backend.get_password(KEYRING_SERVICE, settings.account)
        except Exception as error:  # noqa: BLE001
            log.warning("the credential store could not be read: %s", error)
            found = None
        if found:
            keep_out_of_log(found)
            return str(found)
    found = _read_file(folder).get(settings.account)
    if found:
        keep_out_of_log(found)
    return found or None


def forget(settings: ConnectionSettings, folder: Path | None = None) -> None:
    """Remove a remembered password from wherever it is kept (记住密码 unticked)."""
    backend = _usable_keyring()
    if backend is not None:
        try:
            backend.delete_password(KEYRING_SERVICE, settings.account)
        except Exception:  # noqa: BLE001, S110 - nothing kept there (PasswordDeleteError) is fine
            pass
    _forget_in_file(settings, folder)


def _forget_in_file(settings: ConnectionSettings, folder: Path | None) -> None:
    passwords = _read_file(folder)
    if settings.account in passwords:
        del passwords[settings.account]
        _write_file(passwords, folder)
        log.info("remembered password for %s removed", settings.account)


def _read_file(folder: Path | None) -> dict[str, str]:
    path = (folder or password_folder()) / PASSWORD_FILE
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in stored.items()} if isinstance(stored, dict) else {}


def _write_file(passwords: dict[str, str], folder: Path | None) -> None:
    """Readable and writable by her account only (mode 0600, in a folder of mode 0700), written beside
    and then put in place. On Windows the mode bits mean little, but the folder is in her own profile,
    which other (non-administrator) accounts cannot read."""
    target = folder or password_folder()
    target.mkdir(parents=True, exist_ok=True)
    try:
        os.chmod(target, 0o700)
    except OSError:
        pass
    path = target / PASSWORD_FILE
    if not passwords:
        path.unlink(missing_ok=True)
        return
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
        json.dump(passwords, stream, ensure_ascii=False)
    os.chmod(partial, 0o600)  # whatever the umask
    partial.replace(path)


def keep_or_forget(settings: ConnectionSettings, password: str, folder: Path | None = None) -> None:
    """After a good connection: 记住密码 ticked keeps the password, unticked removes any kept one."""
    if settings.remember_password and password:
        remember(settings, password, folder)
    else:
        forget(settings, folder)


# ----- connecting ------------------------------------------------------------------------------------


def open_server(folder: Path, settings: ConnectionSettings, password: str) -> Workspace:
    """The workspace on the township's server, as this account (its branch); raises ServerUnreachable,
    LoginRefused, ServerNotSetUp (services.server_login) when it cannot."""
    url = database_url(settings, password)
    log.info("connecting to the server %s as %s", settings.address, settings.user)
    return open_workspace(folder, database_url=url, daily_backup=False)


def close_tried(tried: Workspace, current: Workspace) -> None:
    """Close a workspace opened only to test the connection. Opening it named its branch's 操作人 as the
    one who makes changes (store.audit): the workspace in use names its own again."""
    tried.close()
    try:
        current.refresh_branch()
    except (AppError, DBAPIError) as error:  # the data in use went away: it says so when next used
        log.warning("the workspace in use could not be read again: %s", mask(str(error)))


def why_not(error: BaseException, settings: ConnectionSettings) -> str:
    """Why the server could not be used, in one or two plain sentences."""
    if isinstance(error, ServerUnreachable):
        return _(
            "Cannot reach the township's server (address {address}). Please check the network cable or "
            "the wireless network, or ask the township's administrator."
        ).format(address=settings.address)
    if isinstance(error, LoginRefused):
        return _(
            "The server did not accept the user name “{user}” or the password. Please check them and type "
            "the password again (capital and small letters count)."
        ).format(user=settings.user)
    if isinstance(error, ServerNotSetUp):
        return _(
            "The server was reached, but the township has not set up the database “{database}” on it yet. "
            "Please ask the township's administrator."
        ).format(database=settings.database)
    if isinstance(error, AppError):
        return error.message
    return _("The server could not be used: {error}").format(error=mask(str(error)))


def describe(workspace: Workspace) -> str:
    """Who the server took her for: the branch of a village account, or the township."""
    if workspace.is_township:
        text = _("Connected. This is a township account: it sees every branch and changes none.")
    else:
        profile = load_profile(workspace)
        name = profile.name if profile else _("(no name yet)")
        text = _("Connected. This account works on the branch {name}.").format(name=name)
    if workspace.notes:
        text = "\n\n".join([text, *workspace.notes])
    return text
