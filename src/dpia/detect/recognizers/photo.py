"""PHOTO: pupil photos as image file names, image URLs or inline ``data:image`` payloads."""

from __future__ import annotations

from presidio_analyzer import Pattern

from dpia.detect.recognizers._base import DpiaPatternRecognizer

IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "heic", "heif", "gif", "webp", "bmp", "tif", "tiff")
_EXT = r"\.(?:" + "|".join(IMAGE_EXTENSIONS) + r")"

PATTERNS = [
    Pattern(
        "Photo (data URI)",
        r"data:image/[a-z0-9.+-]+;base64,[a-z0-9+/=]{16,}",
        0.9,
    ),
    Pattern(
        "Photo (URL)",
        r"\bhttps?://[^\s\"'<>]+?" + _EXT + r"(?:\?[^\s\"'<>]*)?(?=$|[\s\"'<>),;])",
        0.7,
    ),
    Pattern("Photo (file name)", r"(?<![\w/.-])[\w.-]*\w" + _EXT + r"(?![\w.])", 0.5),
]

CONTEXT = [
    "foto",
    "fotourl",
    "foto-url",
    "foto url",
    "pasfoto",
    "profielfoto",
    "portret",
    "afbeelding",
    "beeltenis",
    "photo",
    "photourl",
    "picture",
    "avatar",
    "image",
]


class PhotoRecognizer(DpiaPatternRecognizer):
    """Image references; a file name alone (logo.png) is weaker evidence than a photo URL column."""

    ENTITY = "PHOTO"
    PATTERNS = PATTERNS
    CONTEXT = CONTEXT
