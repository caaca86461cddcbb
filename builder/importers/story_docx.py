"""Story from Word (.docx) by mammoth: styles say what is a title, a heading or a picture caption."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from .story_blocks import Draft, Walker
from .story_media import PictureFinder
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

    with open(file, "rb") as fh:
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
    blocks = Walker(PictureFinder(embedded=embedded).find).walk(root)
    return Draft("docx", blocks, title=title)
