"""EMAIL_ADDRESS: presidio's e-mail pattern, validated against the bundled Public Suffix List."""

from __future__ import annotations

import tldextract
from presidio_analyzer.predefined_recognizers import EmailRecognizer

CONTEXT = ["email", "e-mail", "emailadres", "e-mailadres", "mail", "mailadres", "email address"]

# No suffix-list URLs and no disk cache: tldextract reads the snapshot shipped in its wheel and
# never touches the network, whatever the environment says (presidio's module-level extractor
# follows TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS, set empty by dpia._offline).
_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

# RFC 2606/6761 names that synthetic and test exports use; not in the Public Suffix List.
_RESERVED_TLDS = frozenset({"example", "test", "invalid", "localhost", "local", "internal"})


class DpiaEmailRecognizer(EmailRecognizer):
    """An e-mail address: 1.0 when its domain has a public suffix, else the pattern's 0.5."""

    ENTITY = "EMAIL_ADDRESS"

    def __init__(self, supported_language: str = "nl") -> None:
        super().__init__(
            context=list(CONTEXT),
            supported_language=supported_language,
            supported_entity=self.ENTITY,
            name=f"EmailRecognizer_{supported_language}",
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        domain = pattern_text.rpartition("@")[2].lower()
        if domain.rpartition(".")[2] in _RESERVED_TLDS:
            return True
        if _EXTRACT(domain).fqdn:
            return True
        # Unknown suffix (intranet names): keep the pattern score rather than drop it.
        return None
