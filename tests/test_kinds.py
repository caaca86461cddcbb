"""The kinds registry (issue 16)."""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

# The sections whose pages are records: a record's address comes from url(record), never from
# joining its section and id in a template. The section index itself ('board/') stays a literal,
# and so do pages that are not records (board/archive/<month>/, stories/tags/<tag>/) and the
# posters' own addresses (print/…).
SECTIONS = "about|board|communities|grids|screens|services|showcase|stories|streets|studios"
HAND_JOINED = [
    # 'grids/' ~ g.id ~ '/': a section joined to anything
    re.compile(rf"""(['"])(?:{SECTIONS})/\1\s*~"""),
    # 'x/' ~ r.id ~ '/' under any other path but a poster's: an id or slug made into an address
    re.compile(r"""(['"])(?!print/)[\w./-]*/\1\s*~\s*[\w.\[\]'"]+\.(?:id|slug)\s*~"""),
    # the retired per-kind helpers
    re.compile(r"\bstory_url\s*\("),
]


def hand_joined(text: str) -> list[tuple[int, str]]:
    """(line number, line) of every record address a template joins by hand."""
    return [
        (n, line.strip())
        for n, line in enumerate(text.splitlines(), 1)
        if any(p.search(line) for p in HAND_JOINED)
    ]


def test_templates_take_record_addresses_from_url():
    """Every template under templates/ links a record with url(record), never a joined string."""
    found = [
        f"{path.relative_to(TEMPLATES).as_posix()}:{n}: {line}"
        for path in sorted(TEMPLATES.rglob("*"))
        if path.suffix in {".j2", ".html"}
        for n, line in hand_joined(path.read_text(encoding="utf-8"))
    ]
    assert not found, "record addresses joined by hand; use u(url(record)):\n" + "\n".join(found)


def test_hand_joined_addresses_are_recognised():
    """The check above catches the forms it is meant to, and lets the allowed ones through."""
    caught = [
        """<a href="{{ u('grids/' ~ g.id ~ '/') }}">""",
        """{{ b.qr_block('board/' ~ v.p.id ~ '/', '扫码看原文') }}""",
        """(street.name, "streets/" ~ street.id ~ "/")""",
        """{{ u('communities/' ~ st.community ~ '/') }}""",
        """{{ public_url('screens/' ~ screen.id ~ '/') }}""",
        """<a href="{{ u(story_url(s)) }}">""",
        """{{ u('about/' ~ p.slug ~ '/') }}""",
    ]
    allowed = [
        """<a href="{{ u(url(g)) }}">""",
        """{{ u('board/') }}""",
        """{{ u('board/archive/' ~ month ~ '/') }}""",
        """{{ u('stories/tags/' ~ t|tag_slug ~ '/') }}""",
        """{{ u('print/grids/' ~ g.id ~ '/') }}""",
        """{{ u('print/board/' ~ com.id ~ '/' ~ other ~ '/') }}""",
        """{{ public_url(url(screen)) or (url(screen) ~ 'index.html') }}""",
    ]
    assert [s for s in caught if not hand_joined(s)] == []
    assert [s for s in allowed if hand_joined(s)] == []
