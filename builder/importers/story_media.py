"""Story pictures: find the bytes behind an <img> (Word, data: URIs, a saved page's files) and save them.

Pictures on other websites are never downloaded (a built page must not load other hosts, and an
import must not depend on the network): they are listed for the author to save by hand. Local
files are read only from the saved page's own folder, and only when they are images.
"""

from __future__ import annotations

import base64
import binascii
import re
import struct
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

_ICON_PX = 40  # smaller pictures are icons and emoji, not photographs
_SOURCES = ("data-src", "src", "data-original", "data-echo", "data-url", "data-lazy-src", "original")


@dataclass
class Picture:
    """One picture of a story: its bytes and file extension, or why it could not be had."""

    data: bytes | None  # None when the picture was not imported
    ext: str = ""  # jpg, png, gif, webp
    url: str = ""  # where it was found: a web address, a file path, or "" for Word's own pictures
    problem: str = ""  # "" | "remote" | "missing" | "format"


def identify(data: bytes) -> tuple[str, bytes] | None:
    """(extension, bytes) of a picture a browser can show, by its first bytes; ("icon", b"") for
    a picture of at most 40×40 pixels (emoji, bullets); None for anything else, such as Word's
    WMF/EMF drawings or TIFF. (Pillow is a test dependency only: no decoding here.)"""
    if data.startswith(b"\xff\xd8\xff"):
        ext, size = "jpg", _jpeg_size(data)
    elif data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        ext, size = "png", struct.unpack(">II", data[16:24])
    elif data.startswith((b"GIF87a", b"GIF89a")) and len(data) >= 10:
        ext, size = "gif", struct.unpack("<HH", data[6:10])
    elif data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        ext, size = "webp", None
    else:
        return None
    if size is not None and max(size) <= _ICON_PX:
        return "icon", b""
    return ext, data


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a JPEG's frame header; None if it cannot be found."""
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            i += 2
            continue
        length = struct.unpack(">H", data[i + 2 : i + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            return width, height
        i += 2 + length
    return None


class PictureFinder:
    """Turns <img> tags into Pictures: Word's embedded images, data: URIs, files next to a saved page."""

    def __init__(self, page_dir: Path | None = None, embedded: dict[str, bytes] | None = None):
        self.page_dir = page_dir.resolve() if page_dir else None
        self.embedded = embedded or {}

    def find(self, img) -> Picture | None:
        """The picture an <img> shows; None for icons, placeholders and tags without a source."""
        remote = missing = None
        for attr in _SOURCES:
            src = (img.get(attr) or "").strip()
            if not src:
                continue
            if src in self.embedded:
                return self._known(self.embedded[src], "")
            if src.startswith("data:"):
                data = _data_uri(src)
                if data is not None and not src.startswith("data:image/svg"):  # svg: lazy-load placeholders
                    return self._known(data, "")
            elif re.match(r"^(https?:)?//", src, re.I):
                remote = remote or ("https:" + src if src.startswith("//") else src)
            else:
                file = self._local(src)
                if file is not None:
                    return self._known(file.read_bytes(), src)
                missing = missing or src
        if remote:
            return Picture(None, url=remote, problem="remote")
        if missing:
            return Picture(None, url=missing, problem="missing")
        return None

    def _known(self, data: bytes, url: str) -> Picture | None:
        found = identify(data)
        if found is None:
            return Picture(None, url=url, problem="format")
        ext, data = found
        return None if ext == "icon" else Picture(data, ext, url)

    def _local(self, src: str) -> Path | None:
        """The file `src` names inside the saved page's folder; None if it is not there."""
        if self.page_dir is None:
            return None
        path = urllib.parse.unquote(src.split("#")[0].split("?")[0])
        path = re.sub(r"^file:/*", "", path, flags=re.I) if path.lower().startswith("file:") else path
        try:
            file = (self.page_dir / path).resolve()
        except (OSError, ValueError):
            return None
        # only the page's own folder: a crafted page must not copy other files of this computer
        if not file.is_relative_to(self.page_dir) or not file.is_file():
            return None
        return file


def _data_uri(src: str) -> bytes | None:
    head, _, payload = src.partition(",")
    try:
        if head.endswith(";base64"):
            return base64.b64decode(payload, validate=False)
        return urllib.parse.unquote_to_bytes(payload)
    except (binascii.Error, ValueError):
        return None
