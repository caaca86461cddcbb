"""Grid merge: the rows of one grid → changes to its map in a grid file, keeping what the sheet
does not speak for (comments, photos, consent records, services, standards, people of roles the
sheet has no column for)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..problems import Problems
from . import ledger_values as values
from .ledger_rows import Cell, GridRow, MemberRow
from .yaml_roundtrip import CommentedMap

# key order of a new grid, and where a key the grid lacked goes
ORDER = (
    "id name community code kind covers buildings households population party_branch team "
    "supervision_phone services standards notes"
).split()
_PLAIN = {"name": str.strip, "covers": str.strip, "notes": str.strip}
_LABEL = {
    "street": "街道",
    "community": "社区",
    "id": "网格编号",
    "name": "网格名称",
    "code": "网格代码",
    "kind": "网格类型",
    "covers": "覆盖范围",
    "buildings": "楼栋",
    "households": "户数",
    "population": "人口",
    "branch_name": "党支部",
    "branch_secretary": "支部书记",
    "branch_members": "党员人数",
    "supervision_phone": "监督电话",
    "notes": "备注",
}


@dataclass
class Draft:
    """Everything the sheet says about one grid, gathered from all its rows."""

    rows: list[GridRow] = field(default_factory=list)
    fields: dict[str, Cell] = field(default_factory=dict)
    members: list[MemberRow] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)

    def add(self, row: GridRow, problems: Problems) -> None:
        self.rows.append(row)
        for key, cell in row.fields.items():
            had = self.fields.get(key)
            if had is None:
                self.fields[key] = cell
            elif had.text != cell.text and key not in ("street", "community", "name", "id", "code"):
                problems.add(
                    cell.where,
                    None,
                    _LABEL.get(key, key),
                    f"与 {had.where} 的“{had.text}”不一致：同一网格只能写一个值",
                    "conflicts with an earlier row of the same grid",
                )
        self.members.extend(row.members)
        self.roles |= row.roles

    @property
    def where(self) -> str:
        return self.rows[0].where


def apply(grid: CommentedMap, draft: Draft, community: str, problems: Problems) -> None:
    """Write the sheet's values into `grid` (a new or a copied map); bad cells are reported."""
    set_ordered(grid, "community", community)
    for key, cell in draft.fields.items():
        try:
            value = _value(key, cell.text)
        except values.Bad as bad:
            problems.add(cell.where, None, _LABEL.get(key, key), bad.zh, bad.en)
            continue
        if value is None:
            continue
        if key.startswith("branch_"):
            branch = grid.get("party_branch")
            if not isinstance(branch, CommentedMap):
                branch = CommentedMap()
                set_ordered(grid, "party_branch", branch)
            sub = {"branch_name": "name", "branch_secretary": "secretary", "branch_members": "members"}[key]
            set_ordered(branch, sub, value, ("name", "secretary", "members"))
        else:
            set_ordered(grid, key, value)
    if draft.roles:
        _team(grid, draft, problems)


def _value(key: str, text: str):
    if key in ("street", "community"):
        return None  # resolved by the caller
    if key in _PLAIN:
        return _PLAIN[key](text)
    if key == "id":
        return text.strip()
    if key == "code":
        return values.quoted(values.code(text))
    if key == "kind":
        return values.kind(text)
    if key == "buildings":
        return values.names(text)
    if key in ("households", "population", "branch_members"):
        return values.count(text, _LABEL[key])
    if key == "supervision_phone":
        return values.quoted(values.phone(text))
    if key in ("branch_name", "branch_secretary"):
        return text.strip()
    raise AssertionError(key)


def set_ordered(target: CommentedMap, key: str, value, order: tuple[str, ...] = tuple(ORDER)) -> None:
    """Set a key only when its value differs, so an unchanged sheet leaves the file byte for byte;
    a key the map lacked goes where ORDER puts it."""
    if key in target:
        if plain_data(target[key]) != plain_data(value):
            target[key] = value
        return
    rank = order.index(key) if key in order else len(order)
    pos = 0
    for i, existing in enumerate(target):
        if existing in order and order.index(existing) < rank:
            pos = i + 1
    target.insert(pos, key, value)


def plain_data(value):
    if isinstance(value, dict):
        return {k: plain_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_data(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def _team(grid: CommentedMap, draft: Draft, problems: Problems) -> None:
    """The people of the roles the sheet covers become the sheet's; others stay where they are.
    A person is the same person when role and name match: their photo and consent stay with them;
    a new name in a role is a new person, with no consent carried over."""
    wanted: list[CommentedMap] = []
    notes: dict[int, str] = {}  # id(entry) → “（社区书记）” written after the name
    for m in draft.members:
        entry = _member(m, problems)
        if entry is not None:
            wanted.append(entry)
            if m.note and not (m.duty and m.duty.text):
                notes[id(entry)] = m.note
    team = grid.get("team")
    if team is None:
        team = values.CommentedSeq()
        set_ordered(grid, "team", team)
    unmatched = list(wanted)
    kept = []
    for person in team:
        if not isinstance(person, dict) or person.get("role") not in draft.roles:
            kept.append(person)
            continue
        match = next((w for w in unmatched if _same(w, person)), None)
        if match is None:
            continue  # no longer in the sheet
        unmatched.remove(match)
        if id(match) in notes and not person.get("duty"):  # never over a duty the file has
            match["duty"] = notes[id(match)]
        for key in ("phone", "party_member", "duty"):
            if key in match:
                set_ordered(
                    person,
                    key,
                    match[key],
                    ("role", "name", "phone", "party_member", "photo", "consent", "duty"),
                )
        kept.append(person)
    for new in unmatched:  # after the last person of the same role, else at the end
        if id(new) in notes:
            new["duty"] = notes[id(new)]
        same = [i for i, p in enumerate(kept) if isinstance(p, dict) and p.get("role") == new["role"]]
        kept.insert(same[-1] + 1 if same else len(kept), new)
    if [plain_data(p) for p in kept] != [plain_data(p) for p in team]:
        team[:] = kept


def _same(a, b) -> bool:
    return a["role"] == b.get("role") and a["name"] == str(b.get("name", "")).strip()


def _member(m: MemberRow, problems: Problems) -> CommentedMap | None:
    entry = CommentedMap()
    entry["role"] = m.role
    try:
        entry["name"] = values.person_name(m.name.text)
    except values.Bad as bad:
        problems.add(m.name.where, None, "姓名", bad.zh, bad.en)
        return None
    ok = True
    for key, cell, parse in (
        ("phone", m.phone, lambda t: values.quoted(values.phone(t))),
        ("party_member", m.party, values.party),
        ("duty", m.duty, str.strip),
    ):
        if cell is None or not cell.text:
            continue
        try:
            entry[key] = parse(cell.text)
        except values.Bad as bad:
            problems.add(
                cell.where, None, {"phone": "电话", "party_member": "是否党员"}.get(key, key), bad.zh, bad.en
            )
            ok = False
    return entry if ok else None
