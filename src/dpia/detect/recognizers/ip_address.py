"""IP_ADDRESS: presidio's IPv4/IPv6 patterns, validated with ``ipaddress``."""

from __future__ import annotations

from presidio_analyzer.predefined_recognizers import IpRecognizer

CONTEXT = ["ip", "ipv4", "ipv6", "ip-adres", "ipadres", "ip adres", "ip address", "host"]


class DpiaIpRecognizer(IpRecognizer):
    """Presidio's recognizer with Dutch context words, registered per language."""

    ENTITY = "IP_ADDRESS"

    def __init__(self, supported_language: str = "nl") -> None:
        super().__init__(
            context=list(CONTEXT),
            supported_language=supported_language,
            supported_entity=self.ENTITY,
            name=f"IpRecognizer_{supported_language}",
        )
