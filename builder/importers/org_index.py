"""Org index: find a street or community by the name a ledger writes (恒大城社区, 恒大城, hengdacheng),
and add the ones org.yml lacks, with readable ids made from their names' pinyin."""

from __future__ import annotations

import re

from pypinyin import Style, lazy_pinyin

from .yaml_roundtrip import CommentedMap, CommentedSeq

_SUFFIX = re.compile(r"(街道办事处|街道|镇|乡|社区居委会|居委会|社区|村委会|村)$")


def bare(name: str) -> str:
    """恒大城社区 → 恒大城; 王舍人街道 → 王舍人 (how names are compared)."""
    text = re.sub(r"\s+", "", name)
    stripped = _SUFFIX.sub("", text)
    return stripped or text


def slug(name: str, taken: set[str], initials: bool = False) -> str:
    """A free ASCII id from a Chinese name: hengdacheng, or hdc with initials=True."""
    words = lazy_pinyin(bare(name), style=Style.FIRST_LETTER if initials else Style.NORMAL, errors="ignore")
    base = re.sub(r"[^a-z0-9]", "", "".join(words).lower()) or "x"
    if base[0].isdigit():
        base = "x" + base
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}{n}", n + 1
    return candidate


class OrgIndex:
    """The streets and communities of a round-trip org.yml, looked up by name or id."""

    def __init__(self, org: CommentedMap):
        self.org = org
        self.new_streets: list[CommentedMap] = []
        self.new_communities: list[tuple[CommentedMap, CommentedMap]] = []  # (street, community)
        self._by_key: dict[str, list] | None = None  # name, bare name or id → (street, community)

    def streets(self) -> list[CommentedMap]:
        return [s for s in self.org.get("streets") or [] if isinstance(s, dict)]

    def communities(self):
        for s in self.streets():
            for c in s.get("communities") or []:
                if isinstance(c, dict):
                    yield s, c

    def ids(self) -> set[str]:
        return {str(s.get("id")) for s in self.streets()} | {str(c.get("id")) for _, c in self.communities()}

    def street(self, text: str) -> CommentedMap | None:
        return next((s for s in self.streets() if _is(s, text)), None)

    def community(
        self, text: str, street: CommentedMap | None = None
    ) -> tuple[CommentedMap, CommentedMap] | None:
        """(street, community) for a community name or id; within `street` when the name is not unique."""
        if self._by_key is None:
            self._by_key = {}
            for s, c in self.communities():
                for key in {str(c.get("id")), str(c.get("name", "")).strip(), bare(str(c.get("name", "")))}:
                    self._by_key.setdefault(key, []).append((s, c))
        text = text.strip()
        found = self._by_key.get(text) or self._by_key.get(bare(text)) or []
        if street is not None and len(found) > 1:
            found = [(s, c) for s, c in found if s is street] or found
        return found[0] if found else None

    def add_street(self, name: str) -> CommentedMap:
        street = CommentedMap()
        street["id"] = slug(name, self.ids())
        street["name"] = name.strip()
        street["communities"] = CommentedSeq()
        self.org.setdefault("streets", CommentedSeq()).append(street)
        self.new_streets.append(street)
        return street

    def add_community(self, street: CommentedMap, name: str, code: str | None) -> CommentedMap:
        community = CommentedMap()
        community["id"] = slug(name, self.ids())
        community["name"] = name.strip()
        community["kind"] = "village" if name.strip().endswith("村") else "community"
        if code:
            from .ledger_values import quoted

            community["code"] = quoted(code)
        street.setdefault("communities", CommentedSeq()).append(community)
        self._by_key = None
        self.new_communities.append((street, community))
        return community

    def keep_only(self, used: set[str]) -> list[str]:
        """Take back the communities added for grids that were not imported (--partial skipped them),
        and streets left empty; what stays added, for the report."""
        report = []
        for street, community in self.new_communities:
            if community["id"] in used:
                report.append(
                    f"社区 community {community['name']}（{community['id']}，属 {street.get('name')}）"
                )
            else:
                street["communities"].remove(community)
        for street in self.new_streets:
            if street["communities"]:
                report.insert(0, f"街道 street {street['name']}（{street['id']}）")
            else:
                self.org["streets"].remove(street)
        self._by_key = None
        return report


def _is(record: CommentedMap, text: str) -> bool:
    text = text.strip()
    name = str(record.get("name", ""))
    return text in (str(record.get("id")), name) or bare(text) == bare(name)
