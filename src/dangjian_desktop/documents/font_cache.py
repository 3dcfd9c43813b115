"""reportlab's parsed TrueType faces kept between processes, so a print does not re-read every glyph.

reportlab reads each face's widths and character map (``TTFontFile.extractInfo``) on every ``TTFont``:
~0.07 s a face, four faces a document. What it computes is plain data (numbers, lists, dicts) except
``_pdfScale`` (a lambda) and ``_ttf_data`` (the file's bytes, needed for subsetting); those two are
rebuilt on load, the rest is stored with marshal. A face rebuilt from the cache embeds exactly what a
freshly parsed one does (tests/documents/test_font_cache.py compares the PDFs byte for byte).

The key is the face file's name, size and mtime, reportlab's version and ``FORMAT``; a cache that cannot be
read or written is ignored: the face is parsed as before, a print never fails because of the cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import reportlab
from platformdirs import user_cache_dir
from reportlab import rl_config
from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

from dangjian_desktop import APP_NAME

CACHE_DIR_ENV = "DANGJIAN_CACHE_DIR"
FORMAT = 1  # raise when what is stored (or how it is rebuilt) changes
_NOT_STORED = ("_pdfScale", "_ttf_data", "filename")


def cache_dir() -> Path:
    override = os.environ.get(CACHE_DIR_ENV)
    return Path(override) if override else Path(user_cache_dir(APP_NAME, appauthor=False)) / "fonts"


def _cache_file(font_file: Path) -> Path:
    st = font_file.stat()
    key = f"{font_file.name}|{st.st_size}|{st.st_mtime_ns}|{reportlab.Version}|{FORMAT}"
    return cache_dir() / f"{font_file.stem}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.face"


def load_font(name: str, font_file: Path) -> TTFont:
    """``TTFont(name, font_file)``, from the cache when it holds this file's face, else parsed (and stored)."""
    try:
        stored = _cache_file(font_file).read_bytes()
    except OSError:
        stored = None
    if stored is not None:
        try:
            return _rebuild(name, font_file, marshal.loads(stored))
        except Exception:  # noqa: BLE001 - a damaged cache file only costs the parse below
            pass
    font = TTFont(name, str(font_file))
    with contextlib.suppress(Exception):
        _store(font, font_file)
    return font


def _plain(face: TTFontFace) -> dict[str, Any]:
    state = {k: v for k, v in face.__dict__.items() if k not in _NOT_STORED}
    names = [k for k, v in state.items() if isinstance(v, TTFNameBytes)]
    for k in names:  # marshal knows bytes, not reportlab's bytes-with-ustr
        state[k] = (bytes(state[k]), state[k].ustr)
    return {"format": FORMAT, "names": names, "state": state}


def _store(font: TTFont, font_file: Path) -> None:
    target = _cache_file(font_file)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = marshal.dumps(_plain(font.face))
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=target.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _scale(units_per_em: float) -> Callable[[float], float]:
    """The same function reportlab's extractInfo makes for this unitsPerEm."""
    if units_per_em == 1000:
        return lambda x: x
    _1000mult = 1000 / units_per_em
    return lambda x: x * _1000mult


def _rebuild(name: str, font_file: Path, stored: dict[str, Any]) -> TTFont:
    if stored["format"] != FORMAT:
        raise ValueError("another cache format")
    state = dict(stored["state"])
    for k in stored["names"]:
        raw, ustr = state[k]
        nb = bytes.__new__(TTFNameBytes, raw)
        nb.ustr = ustr
        state[k] = nb
    face = object.__new__(TTFontFace)
    internals: Any = face  # the private attributes below are not in reportlab's type stubs
    face.__dict__.update(state)
    face.filename = str(font_file)
    internals._ttf_data = font_file.read_bytes()  # noqa: SLF001 - what TTFontParser keeps for makeSubset
    internals._pdfScale = _scale(face.unitsPerEm)  # noqa: SLF001
    if len(internals._ttf_data) != os.stat(font_file).st_size:  # noqa: SLF001
        raise ValueError("the face file changed while it was read")
    # TTFont.__init__ without the parse (reportlab 5.1, ttfonts.py)
    font = object.__new__(TTFont)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font_internals: Any = font
    font_internals._asciiReadable = rl_config.ttfAsciiReadable  # noqa: SLF001
    ttfonts_module: Any = ttfonts
    font.shapable = not any(ttfonts_module.fnmatch(name, glob) for glob in ttfonts_module.unShapedFontGlob)
    return font
