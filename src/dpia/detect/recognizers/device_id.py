"""DEVICE_ID: MAC addresses, IMEI numbers (``stdnum.imei``) and advertising ids.

A MAC address has an unmistakable shape and is reported on its own. A valid IMEI is 15 digits
passing the Luhn check, as many card numbers do, and an advertising id is any UUID: both count
only under a device header (imei, device id, advertising id).
"""

from __future__ import annotations

from presidio_analyzer import Pattern
from stdnum import imei

from dpia.detect.recognizers._base import DpiaPatternRecognizer

PATTERNS = [
    Pattern("MAC address", r"(?<![\w:-])(?:[0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}(?![\w:-])", 0.6),
    Pattern(
        "MAC address (dotted)", r"(?<![\w.])(?:[0-9A-Fa-f]{4}\.){2}[0-9A-Fa-f]{4}(?![\w.])", 0.6
    ),
    Pattern("IMEI", r"(?<![\w-])\d{2}[- ]?\d{6}[- ]?\d{6}[- ]?\d(?:\d)?(?![\w-])", 0.3),
    Pattern(
        "advertising id (UUID)",
        r"(?<![\w-])[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}(?![\w-])",
        0.3,
    ),
]

CONTEXT = ["imei", "mac", "device", "apparaat", "hardware", "advertising", "idfa", "gaid"]


class DeviceIdRecognizer(DpiaPatternRecognizer):
    """Device identifiers; an IMEI must pass ``stdnum.imei``'s check."""

    ENTITY = "DEVICE_ID"
    PATTERNS = PATTERNS
    CONTEXT = CONTEXT
    # Its low-scoring patterns count only under its header; its validator never makes one certain.
    LOW_SCORES_NEED_HEADER = True

    def validate_result(self, pattern_text: str) -> bool | None:
        digits = "".join(c for c in pattern_text if c.isdigit())
        if len(digits) == len(pattern_text.replace("-", "").replace(" ", "")) and len(digits) >= 15:
            return None if imei.is_valid(digits) else False
        return None
