"""Pagefind's filter indexes, rewritten so that the same pages give the same bytes and names.

Pagefind 1.5 writes `filter/<lang>_<hash>.pf_filter` with a filter's values, and the language's
`pagefind.<lang>_<hash>.pf_meta` with its list of filters, in the order of a Rust HashMap seeded
afresh in every run: two builds of the same pages give files of other bytes and other names, and
the meta's new name changes pagefind-entry.json (upstream issue #638: fragments and word indexes
have been stable since 1.3.0, "other files will still change, such as the filter/metadata
indexes"). The browser reads the values into a map (pagefind_web's filter_index.rs), so their
order means nothing: here each filter's values and the meta's filters (and sorts) are put in
order of their names, and the files renamed after what they hold, in Pagefind's naming shape.

Each such file is gzip of SIGNATURE + CBOR; the gzip header is Pagefind's own (no name, no time,
XFL 2, OS 255), so that no Python or zlib version puts its own marks in it. Only Pagefind 1.5's
layout is known here (pyproject.toml pins it): any other shape is a SearchIndexError.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
import zlib
from pathlib import Path

import cbor2

SIGNATURE = b"pagefind_dcd"  # what Pagefind puts before the CBOR of each index file
# Tests switch this off to compare search results with Pagefind's own files.
ENABLED = True
_GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"  # as Pagefind's flate2 writes it
_FILTER_HASH, _META_HASH = 7, 10  # hex digits in Pagefind's names: filter/en_1a2b3c4.pf_filter


class UnknownLayout(ValueError):
    """A Pagefind file not in the 1.5 layout this module knows."""


def canonicalise(out: Path) -> None:
    """Rewrite every language's filter indexes and meta under `out` (a fresh Pagefind folder)
    in a fixed order, renamed after their content, and pagefind-entry.json to match."""
    entry_path = out / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    languages = entry.get("languages")
    if not isinstance(languages, dict):
        raise UnknownLayout(f"{entry_path.name}: no languages mapping")
    for lang, info in languages.items():
        if not (isinstance(info, dict) and str(info.get("hash", "")).startswith(f"{lang}_")):
            raise UnknownLayout(f"{entry_path.name}: language {lang} has no hash {lang}_…")
        info["hash"] = _rewrite_language(out, lang, info["hash"])
    entry["languages"] = dict(sorted(languages.items()))  # a HashMap in Pagefind too
    # Pagefind's own formatting (serde_json: compact, UTF-8), so an unchanged entry keeps its bytes
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _rewrite_language(out: Path, lang: str, meta_hash: str) -> str:
    """Rewrite one language's filters and meta; return the meta's new hash (`en_0123456789`)."""
    meta_path = out / f"pagefind.{meta_hash}.pf_meta"
    meta = read(meta_path)
    if not (isinstance(meta, list) and len(meta) >= 5 and all(_is_pair_list(meta[i]) for i in (3, 4))):
        raise UnknownLayout(f"{meta_path.name}: not [version, pages, chunks, filters, sorts, …]")
    old_files = [meta_path]
    written: dict[Path, bytes] = {}
    filters = []
    for name, old_hash in sorted(meta[3]):
        path = out / "filter" / f"{old_hash}.pf_filter"
        filter_index = read(path)
        if not (isinstance(filter_index, list) and len(filter_index) == 2 and _is_pair_list(filter_index[1])):
            raise UnknownLayout(f"filter/{path.name}: not [name, [[value, pages], …]]")
        filter_index[1].sort(key=lambda value: value[0])
        payload = cbor2.dumps(filter_index)
        new_hash = _content_name(lang, payload, _FILTER_HASH, {p.stem for p in written})
        written[out / "filter" / f"{new_hash}.pf_filter"] = payload
        filters.append([name, new_hash])
        old_files.append(path)
    meta[3] = filters
    meta[4] = sorted(meta[4], key=lambda sort: sort[0])  # each sort's page list is already ordered
    payload = cbor2.dumps(meta)
    new_meta = _content_name(lang, payload, _META_HASH, set())
    written[out / f"pagefind.{new_meta}.pf_meta"] = payload
    for path in old_files:  # first, in case a new name is an old one
        path.unlink()
    for path, payload in written.items():
        path.write_bytes(pack(payload))
    return new_meta


def _is_pair_list(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, list) and len(v) == 2 for v in value)


def _content_name(lang: str, payload: bytes, digits: int, taken: set[str]) -> str:
    """`<lang>_<hex>`: the first `digits` hex digits of the payload's sha256, one more for as
    long as the name is taken (as Pagefind lengthens a colliding hash)."""
    digest = hashlib.sha256(payload).hexdigest()
    name = f"{lang}_{digest[:digits]}"
    while name in taken and digits < len(digest):
        digits += 1
        name = f"{lang}_{digest[:digits]}"
    return name


def read(path: Path):
    """The CBOR value of one of Pagefind's gzipped index files."""
    try:
        data = gzip.decompress(path.read_bytes())
        if not data.startswith(SIGNATURE):
            raise UnknownLayout(f"{path.name}: does not start with {SIGNATURE.decode()}")
        return cbor2.loads(data[len(SIGNATURE) :])
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile, cbor2.CBORDecodeError) as exc:
        raise UnknownLayout(f"{path.name}: {exc}") from exc


def pack(payload: bytes) -> bytes:
    """SIGNATURE + payload gzipped with Pagefind's header: the same bytes on every machine that
    has the same zlib (gzip.compress writes OS 3 or 255, depending on the Python version)."""
    data = SIGNATURE + payload
    deflate = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    body = deflate.compress(data) + deflate.flush()
    return _GZIP_HEADER + body + struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF)
