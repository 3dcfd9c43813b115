"""Rules of the exchange with the township on a USB stick (docs/exchange-format.md): the branch's key as a
short code a person can type, the signature, the names of the files, and the kinds of township decisions.

The key is 20 symbols of the notices' check alphabet (no 0/O, 1/I look-alikes: 100 random bits) and 4
check symbols, printed in six groups of four (``K7Q2-M9XA-…``). A typing mistake is found by the check
symbols before anything is signed with a wrong key.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.domain.notices import CHECK_ALPHABET
from dangjian_desktop.i18n import N_, _

FORMAT = "dangjian-exchange"
FORMAT_VERSION = 1
BRANCH_FILE, DECISIONS_FILE = "branch", "decisions"  # a village's records / the township's decisions

KEY_SYMBOLS, CHECK_SYMBOLS = 20, 4
_GROUP = 4

APPROVAL, HANDUP, NOTICE = "approval", "handup", "notice"
DECISION_KINDS: dict[str, str] = {
    APPROVAL: N_("Approval"),
    HANDUP: N_("Dues hand-up received"),
    NOTICE: N_("Matter to make public"),
}


class BadKey(AppError):
    """A key as typed that is not a key the township gave."""


def new_key() -> str:
    """A new key: 20 random symbols (the secret) and its 4 check symbols, without dashes."""
    body = "".join(secrets.choice(CHECK_ALPHABET) for _index in range(KEY_SYMBOLS))
    return body + _check_symbols(body)


def _check_symbols(body: str) -> str:
    value = int(hashlib.sha256(body.encode("ascii")).hexdigest()[:5], 16)  # 20 bits
    symbols = []
    for _index in range(CHECK_SYMBOLS):
        symbols.append(CHECK_ALPHABET[value & 31])
        value >>= 5
    return "".join(symbols)


def format_key(key: str) -> str:
    """For paper and screen: six groups of four, ``K7Q2-M9XA-…``."""
    return "-".join(key[start : start + _GROUP] for start in range(0, len(key), _GROUP))


def parse_key(typed: str) -> str:
    """The key from what a person typed (spaces, dashes, small letters and full-width forms allowed);
    ``BadKey`` saying what is wrong."""
    cleaned = "".join(ch if ord(ch) < 0xFF00 else chr(ord(ch) - 0xFEE0) for ch in (typed or ""))
    cleaned = re.sub(r"[\s\-－—_.·]", "", cleaned).upper()
    if not cleaned:
        raise BadKey(_("Type the exchange key the township gave you (24 letters and digits)."))
    strange = sorted({ch for ch in cleaned if ch not in CHECK_ALPHABET})
    if strange:
        raise BadKey(
            _(
                "The key has no {letters}: it uses only the digits 2–9 and the letters A–Z without I and O. "
                "Compare it with the slip from the township."
            ).format(letters=" ".join(strange))
        )
    if len(cleaned) != KEY_SYMBOLS + CHECK_SYMBOLS:
        raise BadKey(
            _(
                "The key has 24 letters and digits; you typed {count}. Compare it with the slip from the township."
            ).format(count=len(cleaned))
        )
    body, check = cleaned[:KEY_SYMBOLS], cleaned[KEY_SYMBOLS:]
    if _check_symbols(body) != check:
        raise BadKey(
            _(
                "One of the letters or digits of the key is mistyped. Compare it with the slip from the township."
            )
        )
    return cleaned


def key_id(key: str) -> str:
    """Names the key in a file without giving it away: the first 8 hex digits of a hash of it."""
    return hashlib.sha256(b"dangjian-key-id:" + key.encode("ascii")).hexdigest()[:8]


def signature(key: str, manifest: bytes) -> str:
    """HMAC-SHA256 of the manifest's bytes (which hold the SHA-256 of every other part), hex."""
    return hmac.new(key.encode("ascii"), manifest, hashlib.sha256).hexdigest()


def signature_holds(key: str, manifest: bytes, signed: str) -> bool:
    return hmac.compare_digest(signature(key, manifest), (signed or "").strip().lower())


def _safe(text: str) -> str:
    """A part of a file name that every file system takes."""
    return re.sub(r'[\\/:*?"<>|\s]+', "", text or "")[:40]


def branch_file_name(code: str, name: str, made: dt.date, sequence: int) -> str:
    """上报_01_中共前进村支部委员会_2026-12-07_第3次.zip: branch, date and sequence at a glance."""
    return _("Report_{code}_{name}_{date}_No.{sequence}.zip").format(
        code=_safe(code), name=_safe(name), date=made.isoformat(), sequence=sequence
    )


def decisions_file_name(code: str, name: str, made: dt.date) -> str:
    return _("Township reply_{code}_{name}_{date}.zip").format(
        code=_safe(code), name=_safe(name), date=made.isoformat()
    )


def key_file_text(code: str, name: str, key: str) -> str:
    """The key as a file the township hands over on a stick (or prints): the key and whose it is."""
    return (
        _("Dangjian exchange key") + "\n"
        + _("Branch code: {code}").format(code=code) + "\n"
        + _("Branch: {name}").format(name=name) + "\n"
        + _("Key: {key}").format(key=format_key(key)) + "\n"
    )  # fmt: skip


_KEY_LINE = re.compile(r"[:：]\s*([2-9A-Za-z][2-9A-Za-z\s\-－]{20,})\s*$")
_CODE_LINE = re.compile(r"[:：]\s*(\S+)\s*$")


def read_key_file(text: str) -> tuple[str, str]:
    """(branch code, key) from a key file's text; ``BadKey`` when it holds no key."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if len(lines) < 3:
        raise BadKey(_("This file is not an exchange key from the township."))
    code_match, key_match = _CODE_LINE.search(lines[1]), _KEY_LINE.search(lines[-1])
    if code_match is None or key_match is None:
        raise BadKey(_("This file is not an exchange key from the township."))
    return code_match.group(1), parse_key(key_match.group(1))
