"""The social card of an article without a lead image: 1200×630 PNG with the
title, the publication and the date, in the bundled DejaVu fonts (they cover
Latin, Cyrillic and Kazakh letters). Pure: text in, PNG bytes out."""

import io
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONTS = Path(__file__).resolve().parent / "fonts"
SIZE = (1200, 630)
MARGIN = 80
BACKGROUND = (22, 41, 66)
ACCENT = (230, 180, 60)
TEXT = (255, 255, 255)
MUTED = (200, 210, 225)


@lru_cache(maxsize=8)
def _font(name: str, size: int):
    return ImageFont.truetype(str(FONTS / name), size)


def _wrap(draw, text, font, width, max_lines):
    words, lines, line = text.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        while draw.textlength(line, font=font) > width and len(line) > 1:  # one very long word
            line = line[:-2] + "…"
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and draw.textlength(last + " …", font=font) > width:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        lines[-1] = last + " …"
    return lines


def render_card(*, title: str, publication: str, date: str, site: str) -> bytes:
    image = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, 16, SIZE[1]], fill=ACCENT)
    width = SIZE[0] - 2 * MARGIN
    size = 64 if len(title) < 80 else 52
    title_font = _font("DejaVuSans-Bold.ttf", size)
    y = MARGIN
    draw.text((MARGIN, y), site, font=_font("DejaVuSans-Bold.ttf", 30), fill=ACCENT)
    y += 70
    for line in _wrap(draw, " ".join(title.split()), title_font, width, 5 if size == 52 else 4):
        draw.text((MARGIN, y), line, font=title_font, fill=TEXT)
        y += int(size * 1.25)
    meta = " · ".join(part for part in (publication, date) if part)
    if meta:
        meta_font = _font("DejaVuSans.ttf", 32)
        draw.text((MARGIN, SIZE[1] - MARGIN - 32), _wrap(draw, meta, meta_font, width, 1)[0], font=meta_font, fill=MUTED)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
