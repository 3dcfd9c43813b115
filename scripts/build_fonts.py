"""Make the bundled official faces in resources/fonts/ from Debian packages (apt only, nothing else is
downloaded): reportlab embeds TrueType outlines only, so the CFF fonts are converted (cu2qu) after being
subset to GB 2312 plus the punctuation and Latin a Chinese document uses. The 仿宋 body face keeps its whole
character set (rare characters in names); anything a face lacks is drawn in Noto Sans SC, which is complete.

    apt-get download texlive-lang-chinese fonts-noto-cjk fonts-arphic-gkai00mp
    for f in *.deb; do dpkg -x "$f" x; done
    .venv/bin/pip install fonttools
    .venv/bin/python scripts/build_fonts.py x

| file | from | licence (shipped beside it) |
| FandolFang-Regular.ttf | texlive-lang-chinese: FandolFang-Regular.otf | GPL-3 with the font exception (COPYING-Fandol.txt) |
| NotoSerifCJKsc-Bold.ttf | fonts-noto-cjk: NotoSerifCJK-Bold.ttc (SC) | SIL OFL 1.1 (OFL.txt) |
| NotoSansCJKsc-Bold.ttf | fonts-noto-cjk: NotoSansCJK-Bold.ttc (SC) | SIL OFL 1.1 (OFL.txt) |
| gkai00mp.ttf (AR PL KaitiM GB) | fonts-arphic-gkai00mp | Arphic Public License (ARPHICPL.TXT) |
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

OUT = Path(__file__).resolve().parent.parent / "resources" / "fonts"


def gb2312_text() -> str:
    """Every character of GB 2312 (rows 1–9 symbols and rows 16–87 hanzi)."""
    chars = []
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.append(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return "".join(chars)


EXTRA = (
    "".join(chr(c) for c in range(0x20, 0x7F))
    + "·•‧・—–…‘’“”〔〕【】《》〈〉「」『』（）［］｛｝，。、；：？！～￥¥％℃°№①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
    + "✂✓✔□■○●△▲☆★→←↑↓　"
)


def _subset(font: TTFont, text: str) -> None:
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)


def _cff_to_truetype(font: TTFont) -> None:
    """fontTools' otf2ttf: quadratic outlines in glyf/loca instead of CFF."""
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    maxp.maxComponentDepth = 0
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = glyph_order
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def build(source: Path, out: str, text: str | None, number: int = -1) -> None:
    font = TTFont(source, fontNumber=number) if number >= 0 else TTFont(source)
    if text is not None:
        _subset(font, text)
    if "CFF " in font:
        _cff_to_truetype(font)
    path = OUT / out
    font.save(path)
    print(f"{path.name}: {path.stat().st_size / 1e6:.1f} MB, {len(font.getGlyphOrder())} glyphs")


def main(root: Path) -> None:
    common = gb2312_text() + EXTRA
    fandol = root / "usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"
    noto = root / "usr/share/fonts/opentype/noto"
    build(fandol / "FandolFang-Regular.otf", "FandolFang-Regular.ttf", None)
    build(noto / "NotoSerifCJK-Bold.ttc", "NotoSerifCJKsc-Bold.ttf", common, number=2)
    build(noto / "NotoSansCJK-Bold.ttc", "NotoSansCJKsc-Bold.ttf", common, number=2)
    build(root / "usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf", "gkai00mp.ttf", common)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
