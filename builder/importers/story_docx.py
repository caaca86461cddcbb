"""Story from Word (.docx) by mammoth: styles say what is a title, a heading or a picture caption."""

from __future__ import annotations

import html
import io
import re
import zipfile
from pathlib import Path
from typing import BinaryIO

from bs4 import BeautifulSoup

from ..hidden_text import quote
from .story_blocks import Draft, Walker
from .story_media import PictureFinder
from .story_stops import restore_stops_in
from .story_text import clean, collapse, punctuate

# Word's built-in styles are stored under their English names; WPS and some templates use Chinese ones
STYLE_MAP = """
p[style-name='Title'] => h1.title:fresh
p[style-name='title'] => h1.title:fresh
p[style-name='标题'] => h1.title:fresh
p[style-name='Subtitle'] => p:fresh
p[style-name='Caption'] => figcaption:fresh
p[style-name='caption'] => figcaption:fresh
p[style-name='题注'] => figcaption:fresh
p[style-name='图片说明'] => figcaption:fresh
p[style-name='标题 1'] => h1:fresh
p[style-name='标题 2'] => h2:fresh
p[style-name='标题 3'] => h3:fresh
"""


def read_docx(file: Path) -> Draft:
    """The story in a Word document (mammoth raises on a file that is no .docx)."""
    import mammoth

    embedded: dict[str, bytes] = {}

    def keep_image(image) -> dict[str, str]:
        with image.open() as fh:
            token = f"gb-word-image:{len(embedded) + 1}"
            embedded[token] = fh.read()
        return {"src": token}

    source, hidden = _without_hidden_runs(file)
    with source as fh:
        result = mammoth.convert_to_html(
            fh, style_map=STYLE_MAP, convert_image=mammoth.images.img_element(keep_image)
        )
    soup = BeautifulSoup(result.value, "html.parser")
    title_el = soup.select_one("h1.title")
    title = ""
    if title_el is not None:
        title = punctuate(collapse(clean(title_el.get_text(" ")))).strip()
        title_el.decompose()
    root = soup.body or soup
    stops = restore_stops_in(root, by_paragraph=True)  # a document with every stop typed as '.'
    blocks = Walker(PictureFinder(embedded=embedded).find).walk(root)
    draft = Draft("docx", blocks, title=title, notes=stops)
    if hidden:
        chars = sum(len(re.sub(r"\s+", "", t)) for t in hidden)
        shown = next((quote(t) for t in hidden if t.strip()), "")
        draft.removed["隐藏文字 hidden text"] += len(hidden)
        draft.notes.append(
            (
                f"Word 文件里有 {len(hidden)} 段设成“隐藏”的文字（共 {chars} 个字，如“{shown}”），"
                "打印和阅读时看不见，没有导入",
                f"{len(hidden)} hidden run(s) of the Word file ({chars} characters, e.g. '{shown}') were not imported",
            )
        )
    return draft


# a run whose own properties say "hidden" (字体 → 隐藏, w:vanish); one holding another run (a text
# box) is left to mammoth, as is a hidden paragraph mark, which hides no text
_HIDDEN_RUN = re.compile(
    r"<w:r(?:\s[^>]*)?>\s*<w:rPr>(?:(?!</w:rPr>).)*?<w:vanish(?:\s+w:val=\"(?:true|1|on)\")?\s*/>"
    r"(?:(?!</w:rPr>).)*</w:rPr>(?:(?!<w:r[\s>]).)*?</w:r>",
    re.S,
)


def _without_hidden_runs(file: Path) -> tuple[BinaryIO, list[str]]:
    """The .docx without its hidden runs (mammoth would show them), and their texts."""
    try:
        with zipfile.ZipFile(file) as z:
            xml = z.read("word/document.xml").decode("utf-8")
            if "w:vanish" not in xml:
                return open(file, "rb"), []
            texts = [
                html.unescape("".join(re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", m.group(0))))
                for m in _HIDDEN_RUN.finditer(xml)
            ]
            if not texts:
                return open(file, "rb"), []
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
                for info in z.infolist():
                    data = z.read(info.filename)
                    if info.filename == "word/document.xml":
                        data = _HIDDEN_RUN.sub("", xml).encode("utf-8")
                    copy.writestr(info, data)
    except (zipfile.BadZipFile, KeyError, UnicodeDecodeError, OSError):
        return open(file, "rb"), []  # not a .docx we can read: mammoth says so
    out.seek(0)
    return out, texts
