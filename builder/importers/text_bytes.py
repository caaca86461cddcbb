"""Text bytes as Windows tools save them: UTF-8 with or without a BOM, UTF-16 with a BOM (Notepad's
and Excel's “Unicode”), or GB18030/GBK (Excel's CSV, older Notepad). Used for .txt stories and
.csv ledgers; content files themselves must be UTF-8 (`builder/encoding.py`)."""

from __future__ import annotations


class NotText(Exception):
    """The bytes are not text (a renamed Word document, an image …)."""


def decode(raw: bytes) -> str:
    """The text of the bytes, in whichever of those encodings they are."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace")
    if b"\0" in raw:
        raise NotText
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise NotText
