"""Keep third-party libraries offline; import this before presidio, tldextract or any hub client.

tldextract reads ``TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS`` when an extractor is constructed (presidio
builds one at import time): an empty value means no URL to fetch, so it falls back to the Public
Suffix List snapshot bundled in the wheel. ``setdefault`` leaves an explicit user choice alone.
"""

from __future__ import annotations

import os

os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
