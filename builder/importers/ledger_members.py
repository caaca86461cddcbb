"""The 报到党员 ledger: one row per in-service party member reporting to a community
(`gridboard template members`, `gridboard import members`).

Consent is two yes/no columns (同意公开电话, 同意公开照片) and the date of the signed form: what
the member's `consent:` records; who recorded it, their photo and their offers stay in the file."""

from __future__ import annotations

from pypinyin import lazy_pinyin

from ..model.reporting import Member
from ..problems import Problems
from . import ledger_values as values
from .records_ledger import EXAMPLE_ID, Column, Names, Row, Spec, yes
from .yaml_roundtrip import CommentedSeq

COLUMNS = (
    Column(
        "id",
        "编号",
        14,
        "不填则导入时自动生成，如 {new_id}；已有的党员不要改编号",
        "text",
        ("党员编号", "id"),
    ),
    Column("name", "姓名", 10, "必填", None, ("党员姓名",), "own"),
    Column(
        "unit",
        "报到单位",
        24,
        "从下拉列表选报到单位；没有就不填，写工作单位",
        "units",
        ("所在单位", "所属报到单位"),
        "own",
    ),
    Column("employer", "工作单位", 24, "不是报到单位时写单位名称", None, ("工作单位名称",)),
    Column(
        "community",
        "社区",
        14,
        "报到的社区，从下拉列表选",
        "communities",
        ("报到社区", "所属社区"),
        "community",
    ),
    Column("grid", "网格", 18, "加入的网格：名称或编号，可不填", None, ("加入网格", "所属网格"), "grid"),
    Column("reported", "报到日期", 12, "年-月-日，如 2026-03-10", "text", ("日期",), "date"),
    Column(
        "phone",
        "电话",
        14,
        "手机 11 位；没有本人同意公开电话，网站上会打码",
        "text",
        ("手机", "联系电话"),
        "phone",
    ),
    Column("consent.phone", "同意公开电话", 10, "本人签了同意书、同意公开电话：是", "yesno", (), "own"),
    Column("consent.photo", "同意公开照片", 10, "本人签了同意书、同意公开照片：是", "yesno", (), "own"),
    Column("consent.date", "同意书日期", 12, "签同意书的日期，年-月-日", "text", ("同意日期",), "date"),
    Column("commitment", "承诺", 30, "如：每月参加一次网格巡查", None, ("承诺事项", "服务承诺")),
)
_SCOPE = (("consent.phone", "phone"), ("consent.photo", "photo"))


def _read(row: Row, names: Names, problems: Problems, out: dict) -> None:
    """Name and unit checked; the two consent columns → consent.scope."""
    if "name" in row.keys:
        cell = row.cells.get("name")
        out["name"] = None
        try:
            out["name"] = values.person_name(cell.text) if cell else None
        except values.Bad as bad:
            problems.add(cell.where, None, "姓名", bad.zh, bad.en)
        if cell is None:
            problems.add(row.where, None, "姓名", "没有填写姓名", "the name is missing")
    if "unit" in row.keys:
        out["unit"] = _unit(row, names, problems)
    if any(key in row.keys for key, _ in _SCOPE):
        scope = CommentedSeq(s for key, s in _SCOPE if yes(row.cells.get(key), _header(key), problems))
        scope.fa.set_flow_style()
        out["consent.scope"] = scope or None
        if not scope and not row.cells.get("consent.date"):
            out.pop("consent.date", None)
            out["consent"] = None  # no consent at all: the block goes, who recorded it with it


def _unit(row: Row, names: Names, problems: Problems) -> str | None:
    cell = row.cells.get("unit")
    if cell is None:
        return None
    text = cell.text.strip()
    if text in names.units:
        return text
    ids = [i for i, n in names.units.items() if n == text]
    if len(ids) == 1:
        return ids[0]
    problems.add(
        cell.where,
        None,
        "报到单位",
        f"报到单位“{text}”不在 content/units/ 里：请从下拉列表选；不是报到单位就写在“工作单位”列",
        "unknown reporting unit: choose one from the list, or write it under 工作单位 (employer)",
    )
    return None


def _header(key: str) -> str:
    return next(c.header for c in COLUMNS if c.key == key)


def _row(m: dict, names: Names) -> list:
    consent = m.get("consent") if isinstance(m.get("consent"), dict) else {}
    scope = consent.get("scope") or []
    unit = str(m.get("unit") or "")
    return [
        m.get("id"),
        m.get("name"),
        _unit_shown(unit, names),
        m.get("employer"),
        names.communities.get(str(m.get("community")), m.get("community")),
        names.grid_name(m.get("grid")),
        m.get("reported"),
        str(m.get("phone") or ""),
        "是" if "phone" in scope else "否" if consent else "",
        "是" if "photo" in scope else "否" if consent else "",
        consent.get("date"),
        m.get("commitment"),
    ]


def _unit_shown(unit: str, names: Names) -> str:
    """The unit's name where no other unit has it (it reads back to the same id), else its id."""
    name = names.units.get(unit)
    return name if name and list(names.units.values()).count(name) == 1 else unit


def _new_id(m: dict, taken: dict[str, str], names: Names) -> str:
    """m-zhao-lei for 赵磊 (pinyin of the surname, then of the given name); m-zhao-lei-2 if taken."""
    words = [w for w in lazy_pinyin(str(m.get("name", "")), errors="ignore") if w.isascii() and w.isalpha()]
    base = "m-" + ("-".join([words[0], "".join(words[1:])]) if len(words) > 1 else "".join(words) or "x")
    base, candidate, n = base.lower(), base.lower(), 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _placeholder(names: Names) -> dict:
    first = next(iter(names.communities), "")
    return {
        "id": EXAMPLE_ID,
        "name": "张三",
        "community": first,
        "reported": "2026-01-05",
        "commitment": "每月参加一次网格巡查",
    }


SPEC = Spec(
    kind="members",
    label="报到党员",
    sheet="报到党员",
    model=Member,
    schema="member",
    columns=COLUMNS,
    anchor="name",
    order={
        "": tuple(
            "id name unit employer community grid reported phone photo consent commitment offers".split()
        ),
        "consent": ("scope", "date", "recorded_by"),
    },
    flow=frozenset({"consent"}),
    to_row=_row,
    read=_read,
    natural=lambda m: (str(m.get("community", "")).strip(), str(m.get("name", "")).strip()),
    new_id=_new_id,
    placeholder=_placeholder,
    notes=(
        "报到党员台账填写说明（双报到：在职党员到居住地社区报到）",
        "",
        "1. 每行一名党员。灰色斜体的行是示例（取自网站上现有的第一名报到党员，原样导入不会改动任何内容），可以改成实际内容，也可以整行删除。",
        "2. 编号不填，导入时自动生成（如 {new_id}）；已有党员的编号不要改，导入时按编号找到他。",
        "3. 报到单位从下拉列表选；所在单位不是报到单位时，不填报到单位，把单位名称写在“工作单位”。",
        "4. 社区从下拉列表选；网格写网格名称（如 第一网格）或编号；日期写成 2026-03-10。",
        "5. 手机号只有本人签了同意书、“同意公开电话”填“是”，网站上才完整显示，否则显示为 138****1234。",
        "6. 不要填写身份证号、家庭住址等个人信息：这些列不会导入。",
        "7. 表中有的列以表为准：清空一个格子，导入后文件里的这一项也会删去；表中没有的内容（照片、资源清单）保留原样。表中删去一行，不会删除网站上的党员（要删除请改文件）。",
        "8. 填好后运行：gridboard import members 本文件.xlsx ；有错误会指出是哪个格子（如 报到党员!C5），全部改正后才会写入（或加 --partial 只导入没有错误的行）。",
    ),
)
