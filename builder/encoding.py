"""Encoding: the bytes of a content file → text, whatever Windows tool saved it.

UTF-8 with or without a BOM, CRLF or CR line ends: read as they are. UTF-16 with a BOM (Notepad's
"Unicode"): read, with a warning. GBK/GB18030 and other encodings, binary files (a .docx renamed
.md): a problem that quotes the line as GBK reads it, or says what the file seems to be, and how
to save it as UTF-8. Never garbled text.
"""

from __future__ import annotations

from pathlib import Path

from .problems import Mark, Problems

# Files that are not text, by their first bytes: what they probably are.
_BINARY_KINDS = [
    ((b"PK\x03\x04",), "Word/Excel/WPS 文档（.docx、.xlsx）或压缩包", "a Word/Excel document or a zip file"),
    (
        (b"\xd0\xcf\x11\xe0",),
        "旧版 Word/Excel/WPS 文档（.doc、.xls、.wps）",
        "an old Word/Excel/WPS document",
    ),
    ((b"%PDF",), "PDF 文件", "a PDF file"),
    ((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"RIFF"), "图片", "an image"),
]


def read_text(file: Path, rel: str, problems: Problems) -> str | None:
    """Read a UTF-8 text file (a BOM, CRLF or CR are fine); UTF-16 is read with a warning.

    Anything else is a problem that says what the file seems to be and how to save it as UTF-8.
    """
    raw = file.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Windows Notepad's “Unicode”
        return _read_utf16(raw, rel, problems)
    kind = next((k for signatures, *k in _BINARY_KINDS if raw.startswith(signatures)), None)
    if kind or b"\0" in raw:
        zh, en = kind or ("", "")
        problems.add(
            rel,
            Mark(1, 1),
            "",
            f"这不是文本文件{f'：看起来是 {zh}，只是改了扩展名' if zh else ''}。"
            "请在记事本或 VS Code 里新建文件，把内容复制进去，另存为 UTF-8 编码的 .yml 或 .md 文件",
            f"this is not a text file{f' (it looks like {en} renamed)' if en else ''}; "
            "paste its text into a new file saved as UTF-8",
        )
        return None
    raw = raw.removeprefix(b"\xef\xbb\xbf")  # a UTF-8 BOM; not by utf-8-sig, whose error offsets skip it
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        problems.add(rel, *_not_utf8(raw, err.start))
        return None
    return _lines(text)


def _read_utf16(raw: bytes, rel: str, problems: Problems) -> str | None:
    """Text other tools may not read: read it, and warn; or say it is broken."""
    try:
        text = raw.decode("utf-16")  # the BOM says which byte order
    except UnicodeDecodeError:
        text = "\0"
    if "\0" in text:  # cut off, or not text after all: never show it garbled
        problems.add(
            rel,
            Mark(1, 1),
            "",
            "文件开头标着 UTF-16 编码（记事本里叫“Unicode”），内容却读不出来，可能已损坏或不是文本："
            "请用记事本打开，“另存为”时编码选 UTF-8",
            "the file says it is UTF-16 (Notepad's 'Unicode') but cannot be read as such; save it as UTF-8",
        )
        return None
    problems.warn(
        rel,
        Mark(1, 1),
        "",
        "文件是 UTF-16 编码（记事本里叫“Unicode”），已按 UTF-16 读取；"
        "请用记事本或 VS Code “另存为”，编码选 UTF-8，以免别的工具读错",
        "the file is UTF-16 (Notepad's 'Unicode'); it was read as such, but save it as UTF-8",
    )
    return _lines(text)


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _not_utf8(raw: bytes, bad: int) -> tuple[Mark, str, str, str]:
    """Where and why a file is not UTF-8: the line of byte `bad`, quoted as GBK reads it if it can."""
    start = max(raw.rfind(b"\n", 0, bad), raw.rfind(b"\r", 0, bad)) + 1
    end = min(i for i in (raw.find(b"\n", bad), raw.find(b"\r", bad), len(raw)) if i >= 0)
    line = raw.count(b"\n", 0, start) + raw.count(b"\r", 0, start) - raw.count(b"\r\n", 0, start) + 1
    zh = en = ""
    try:
        shown = raw[start:end].decode("gb18030").strip()
    except UnicodeDecodeError:
        pass
    else:  # 20 characters from just before the first Chinese one, so the author knows the line
        first = next((i for i, c in enumerate(shown) if not c.isascii()), 0)
        cut = max(0, first - 6)
        quote = ("…" if cut else "") + shown[cut : cut + 20] + ("…" if len(shown) > cut + 20 else "")
        zh, en = f"；这一行按 GBK 读是“{quote}”", f"; as GBK this line reads '{quote}'"
    return (
        Mark(line, 1),
        "",
        f"文件不是 UTF-8 编码（可能是 GBK/ANSI{zh}）。请用记事本或 VS Code “另存为”，编码选 UTF-8",
        f"the file is not UTF-8 (perhaps GBK/ANSI{en}); save it again as UTF-8",
    )
