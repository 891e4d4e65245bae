"""Checking uploaded images and making their renditions (Pillow).

The type is read from the content, not the name: JPEG, PNG or WebP only. At most
``MAX_BYTES`` and ``MAX_PIXELS`` (a decompression bomb is refused before it is
decoded). Renditions are JPEG (WebP/PNG with transparency are flattened on
white) at each of ``WIDTHS`` narrower than the original, plus the original
width capped at the largest; their names and widths are stored on the row, so
pages build ``srcset`` without touching storage.
"""

import hashlib
import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000
MIN_WIDTH = 200
WIDTHS = (320, 640, 960, 1280, 1600)


def validate_image_file(upload):
    """Raise ValidationError with a message for the editor if ``upload`` is not an image we take."""
    if upload is None or getattr(upload, "_committed", False) and not hasattr(upload, "content_type"):
        return  # already stored and checked when it was uploaded
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        raise ValidationError(
            _("This file is %(size).1f MB; images may be at most %(max)d MB."),
            params={"size": size / 1024 / 1024, "max": MAX_BYTES // 1024 // 1024}, code="too_large",
        )
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            kind = image.format
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ValidationError(_("This image has too many pixels (at most 40 megapixels)."), code="too_many_pixels")
            image.verify()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(_("This file is not an image we can read. Upload a JPEG, PNG or WebP file."),
                              code="not_an_image") from error
    finally:
        upload.seek(0)
    if kind not in ALLOWED_FORMATS:
        raise ValidationError(_("Upload a JPEG, PNG or WebP image (this one is %(kind)s)."),
                              params={"kind": kind or "unknown"}, code="bad_type")
    if width < MIN_WIDTH:
        raise ValidationError(_("This image is %(width)d pixels wide; give one at least %(min)d pixels wide."),
                              params={"width": width, "min": MIN_WIDTH}, code="too_small")


def make_renditions(field_file, *, prefix: str) -> tuple[int, int, list[dict]]:
    """(width, height, [{"width": w, "name": storage name}]) for the image in ``field_file``."""
    field_file.open("rb")
    try:
        data = field_file.read()
    finally:
        field_file.close()
    digest = hashlib.sha256(data).hexdigest()[:12]
    with Image.open(io.BytesIO(data)) as original:
        image = ImageOps.exif_transpose(original)
        width, height = image.size
        if image.mode not in ("RGB", "L"):
            rgba = image.convert("RGBA")
            image = Image.new("RGB", rgba.size, "white")
            image.paste(rgba, mask=rgba.split()[-1])
        else:
            image = image.convert("RGB")
        widths = sorted({w for w in WIDTHS if w < width} | {min(width, WIDTHS[-1])})
        renditions = []
        for target in widths:
            resized = image.resize((target, max(1, round(height * target / width))), Image.Resampling.LANCZOS)
            buffer = io.BytesIO()
            resized.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
            name = default_storage.save(f"renditions/{prefix}-{digest}-{target}w.jpg", ContentFile(buffer.getvalue()))
            renditions.append({"width": target, "name": name})
    return width, height, renditions
