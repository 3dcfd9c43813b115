"""Draw the program's icon: resources/icons/app.png (256x256) and app.ico (16-256 px).

A deep red rounded square with a thin gold frame, a gold five-pointed star and the characters 党建 in the
bundled font. It is our own simple drawing, not the official Party emblem. Small sizes (up to 32 px) show
only the star, which stays legible where two characters would not.

    python packaging/make_icon.py            # writes into resources/icons/
    python packaging/make_icon.py --out DIR  # writes somewhere else (e.g. to compare)

Needs Pillow (a test dependency; the program itself does not need it at run time).
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
FONT = ROOT / "resources" / "fonts" / "NotoSansSC-Regular.ttf"
RED = (178, 24, 30, 255)
RED_DARK = (140, 14, 20, 255)
GOLD = (246, 200, 76, 255)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
SUPERSAMPLE = 4


def _star(center: tuple[float, float], outer: float, inner_ratio: float = 0.382) -> list[tuple[float, float]]:
    cx, cy = center
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else outer * inner_ratio
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def _background(size: int) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    radius = size * 0.16
    draw.rounded_rectangle((0, 0, size - 1, size - 1), radius=radius, fill=RED_DARK)
    inset = size * 0.03
    draw.rounded_rectangle((inset, inset, size - 1 - inset, size - 1 - inset), radius=radius * 0.85, fill=RED)
    return image


def draw_full(size: int) -> Image.Image:
    """The detailed icon: frame, star and 党建 (for 48 px and up)."""
    big = size * SUPERSAMPLE
    image = _background(big)
    draw = ImageDraw.Draw(image)
    frame = big * 0.075
    draw.rounded_rectangle((frame, frame, big - 1 - frame, big - 1 - frame), radius=big * 0.1,
                           outline=GOLD, width=max(1, round(big * 0.018)))
    draw.polygon(_star((big / 2, big * 0.29), big * 0.15), fill=GOLD)
    font = ImageFont.truetype(str(FONT), size=round(big * 0.34))
    text = "党建"
    stroke = max(1, round(big * 0.012))
    box = draw.textbbox((0, 0), text, font=font, stroke_width=stroke)
    width, height = box[2] - box[0], box[3] - box[1]
    x = (big - width) / 2 - box[0]
    y = big * 0.69 - height / 2 - box[1]
    draw.text((x, y), text, font=font, fill=GOLD, stroke_width=stroke, stroke_fill=GOLD)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def draw_small(size: int) -> Image.Image:
    """The simple icon: only a large star (for 32 px and below)."""
    big = size * SUPERSAMPLE
    image = _background(big)
    draw = ImageDraw.Draw(image)
    draw.polygon(_star((big / 2, big * 0.53), big * 0.40), fill=GOLD)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def draw(size: int) -> Image.Image:
    return draw_full(size) if size >= 48 else draw_small(size)


def write_icons(out: Path) -> tuple[Path, Path]:
    out.mkdir(parents=True, exist_ok=True)
    png = out / "app.png"
    ico = out / "app.ico"
    draw(256).save(png, optimize=True)
    images = [draw(size) for size in ICO_SIZES]
    largest = images[-1]
    largest.save(ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=images[:-1])
    return png, ico


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "icons", help="output folder")
    args = parser.parse_args()
    for path in write_icons(args.out):
        print(f"wrote {path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
