"""Views: the small, display-ready shapes templates loop over (no logic left for templates)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from .model.board import Money, Posting
from .model.org import Grid, Person, TeamMember
from .privacy import shown_phone, shown_photo
from .sanitize import without_html

if TYPE_CHECKING:
    from .catalog import Catalog


@dataclass(frozen=True)
class PersonCard:
    """A person as published: label, name, phone as allowed, photo or placeholder."""

    role: str
    name: str
    phone: str | None
    phone_masked: bool
    photo: str | None  # path under content/ (media/…) or None for the placeholder
    party_member: bool
    duty: str

    @property
    def alt(self) -> str:
        """Image description: name and role."""
        return f"{self.name}，{self.role}" if self.role else self.name


def person_card(person: Person, config, role_label: str = "") -> PersonCard:
    """Apply the privacy rules once, for every output."""
    phone = shown_phone(person, config)
    return PersonCard(
        role=role_label,
        name=person.name,
        phone=phone,
        phone_masked=bool(phone) and phone != person.phone,
        photo=shown_photo(person, config),
        party_member=isinstance(person, TeamMember) and person.party_member,
        duty=getattr(person, "duty", ""),
    )


def team_cards(grid: Grid, catalog: Catalog) -> list[PersonCard]:
    """A grid's team in the configured role order."""
    order = {role: i for i, role in enumerate(catalog.config.roles)}
    members = sorted(enumerate(grid.team), key=lambda im: (order.get(im[1].role, 99), im[0]))
    return [person_card(m, catalog.config, catalog.config.roles.get(m.role, m.role)) for _, m in members]


@dataclass
class PostingState:
    """A published posting and how it stands on the build date."""

    posting: Posting
    current: bool  # in its publicity period today (公示中), else expired (已期满)


@dataclass(frozen=True)
class FinanceSection:
    """Income or spending of a finance table, with its total."""

    label: str  # 收入 / 支出
    rows: list[Money]
    total: Decimal


@dataclass(frozen=True)
class PostingView:
    """A posting with its labels resolved."""

    state: PostingState
    category: str
    scope: str
    replacement: Posting | None = None  # the posting that replaces it, once that one is published

    @property
    def p(self):
        """The posting record."""
        return self.state.posting

    @property
    def badge(self) -> str:
        """公示中 / 已期满 / 已撤销, and 已更正 for revised ones."""
        if self.p.status == "repealed":
            return "已撤销"
        return "公示中" if self.is_current else "已期满"

    @property
    def is_current(self) -> bool:
        """In its publicity period and not repealed: the badge shown as on."""
        return self.state.current and self.p.status != "repealed"

    @property
    def badge_class(self) -> str:
        """The badge's CSS class: gb-badge-on while current, else gb-badge-off."""
        return "gb-badge-on" if self.is_current else "gb-badge-off"

    @property
    def finance(self) -> list[FinanceSection]:
        """The finance table's income and spending, each with its total (the empty ones left out)."""
        t = self.p.table
        if t is None:
            return []
        parts = (("收入", t.income), ("支出", t.spending))
        return [FinanceSection(label, rows, sum(r.amount for r in rows)) for label, rows in parts if rows]

    @property
    def month(self) -> str:
        """YYYY-MM of the posting time: its archive page."""
        return self.p.posted.strftime("%Y-%m")


def posting_views(catalog: Catalog) -> list[PostingView]:
    """All published postings, newest first, with labels."""
    cats = catalog.config.board.categories
    published = {s.posting.id: s.posting for s in catalog.postings}
    return [
        PostingView(
            s,
            cats.get(s.posting.category, s.posting.category),
            catalog.scope_name.get(s.posting.scope, s.posting.scope),
            published.get(s.posting.replaced_by) if s.posting.replaced_by else None,
        )
        for s in catalog.postings
    ]


GRID_KINDS = {"basic": "基础网格", "dedicated": "专属网格"}


def grid_kind(kind: str) -> str:
    """A grid's kind as shown: basic → 基础网格, dedicated → 专属网格."""
    return GRID_KINDS[kind]


def tag_slug(tag: str) -> str:
    """A tag as a URL segment: the tag itself when it is words (any script) and short; otherwise
    its words, cut to fit a file name, and a short hash so that two tags never share a page."""
    words = re.sub(r"[^\w.-]+", "-", tag).strip("-.")
    if words == tag and len(tag) <= 40:
        return tag
    return f"{words[:32]}-{hashlib.sha1(tag.encode()).hexdigest()[:6]}".lstrip("-")


def excerpt(body: str, limit: int = 90) -> str:
    """The first words of a Markdown body, as plain text."""
    body = re.sub(r"^(```|~~~).*?^\1[^\n]*$", "", body, flags=re.M | re.S)  # code blocks
    body = re.sub(r"^\|?\s*:?-{2,}.*$", "", body, flags=re.M)  # table rules
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)|^#+\s.*$|[#*_>`|]", "", without_html(body), flags=re.M)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\s+", "", text)
    return text[:limit] + ("…" if len(text) > limit else "")
