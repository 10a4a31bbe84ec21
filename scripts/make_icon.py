"""Draw QualityDesk's icon: resources/icons/qualitydesk.png (the window's icon) and
qualitydesk.ico (the Windows program's icon, installer.spec), from nothing but Pillow.

A blue rounded square with a white clipboard and a green tick: quality records, checked.
Run again after changing the drawing: `uv run python scripts/make_icon.py`.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def draw(size: int = 1024) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)

    def box(x0: float, y0: float, x1: float, y1: float) -> tuple[int, int, int, int]:
        return (round(x0 * size), round(y0 * size), round(x1 * size), round(y1 * size))

    draw.rounded_rectangle(box(0.04, 0.04, 0.96, 0.96), radius=round(0.18 * size), fill="#1f5fa8")
    # the clipboard: a white sheet with a clip at its top
    draw.rounded_rectangle(box(0.24, 0.18, 0.76, 0.86), radius=round(0.05 * size), fill="#ffffff")
    draw.rounded_rectangle(box(0.38, 0.12, 0.62, 0.24), radius=round(0.04 * size), fill="#c9d6e6")
    # the record's lines
    for top in (0.34, 0.46):
        draw.rounded_rectangle(
            box(0.32, top, 0.68, top + 0.05), radius=round(0.02 * size), fill="#9fb3cc"
        )
    # the tick
    width = round(0.075 * size)
    points = [box(0.34, 0.66, 0.44, 0.76)[:2], box(0.44, 0.76, 0, 0)[:2], box(0.66, 0.55, 0, 0)[:2]]
    draw.line(points, fill="#2e9d4f", width=width, joint="curve")
    for x, y in (points[0], points[2]):
        draw.ellipse(
            (x - width // 2, y - width // 2, x + width // 2, y + width // 2), fill="#2e9d4f"
        )
    return image


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    image = draw()
    image.resize((256, 256), Image.Resampling.LANCZOS).save(ICONS / "qualitydesk.png")
    image.save(ICONS / "qualitydesk.ico", sizes=ICO_SIZES)
    print(f"wrote {ICONS / 'qualitydesk.png'} and {ICONS / 'qualitydesk.ico'}")


if __name__ == "__main__":
    main()
