"""The 微心愿 ledger: one row per wish (`gridboard template wishes`, `gridboard import wishes`).

Status is written in the words the wall shows (待认领/已认领/已实现/已关闭); the claimer by the name
of a reporting member or unit (or an id: a volunteer team's, or a name two people share); the grid
by its name. 内部备注 is the office's own note: imported into `note:`, never published."""

from __future__ import annotations

import re
from collections import Counter

from ..model.wishes import STATUS, Wish
from ..problems import Problems
from .org_index import slug
from .records_ledger import EXAMPLE_ID, Column, Names, Row, Spec

_STATUS_WORDS = {**{zh: en for en, zh in STATUS.items()}, **{en: en for en in STATUS}}
_STATUS_WORDS.update({"已完成": "done", "已实现心愿": "done", "未认领": "open", "关闭": "closed"})

COLUMNS = (
    Column(
        "id",
        "编号",
        12,
        "不填则导入时自动生成，如 {new_id}；已有的心愿不要改编号",
        "text",
        ("心愿编号", "id"),
    ),
    Column("community", "社区", 14, "从下拉列表选", "communities", ("所属社区", "社区名称"), "community"),
    Column("grid", "网格", 18, "网格名称或编号，可不填", None, ("所属网格", "网格名称"), "grid"),
    Column("wish", "心愿", 24, "如：一台助行器。必填", None, ("心愿内容", "微心愿", "心愿名称")),
    Column(
        "for",
        "为谁（称呼）",
        12,
        "只写称呼：王奶奶、独居老人；不写全名、门牌号、电话",
        None,
        ("为谁", "称呼"),
    ),
    Column("posted", "发布日期", 12, "年-月-日，如 2026-09-03", "text", ("征集日期", "日期"), "date"),
    Column("story", "情况说明", 30, "心愿背后的情况（公开，不写姓名门牌）", None, ("心愿背景", "情况")),
    Column(
        "status", "状态", 10, "从下拉列表选：待认领、已认领、已实现、已关闭", "status", ("心愿状态",), "own"
    ),
    Column(
        "claimed.by",
        "认领人",
        16,
        "报到党员或报到单位的名称，或编号",
        None,
        ("认领人（单位）", "认领单位"),
        "own",
    ),
    Column("claimed.date", "认领日期", 12, "年-月-日", "text", (), "date"),
    Column("fulfilled.date", "实现日期", 12, "年-月-日", "text", ("完成日期",), "date"),
    Column("fulfilled.thanks", "感谢的话", 24, "一句感谢的话（公开）", None, ("感谢", "居民感谢")),
    Column("closed.date", "关闭日期", 12, "年-月-日", "text", (), "date"),
    Column("closed.reason", "关闭原因", 24, "已关闭时必填，居民会看到", None, ("原因",)),
    Column("draft", "草稿", 8, "是：暂不发布", "yesno", ("暂不发布",), "yes"),
    Column("note", "内部备注（不发布）", 24, "只给工作人员看，不会发布到网站", None, ("内部备注", "备注")),
)


def _read(row: Row, names: Names, problems: Problems, out: dict) -> None:
    """Status words and the claimer's name → what the wish file holds."""
    if "status" in row.keys:
        cell = row.cells.get("status")
        out["status"] = _STATUS_WORDS.get(cell.text.strip()) if cell else None
        if cell and out["status"] is None:
            problems.add(
                cell.where,
                None,
                "状态",
                f"状态“{cell.text}”不对，应为 待认领、已认领、已实现 或 已关闭",
                "status: one of 待认领 (open), 已认领 (claimed), 已实现 (done), 已关闭 (closed)",
            )
    if "claimed.by" in row.keys:
        cell = row.cells.get("claimed.by")
        out["claimed.by"] = _claimer(cell.text.strip(), names) if cell else None


def _claimer(text: str, names: Names) -> str:
    """A member's or unit's id for its name (when one has it); an id or anything else as written."""
    if text in names.members or text in names.units:
        return text
    ids = [i for i, n in (*names.members.items(), *names.units.items()) if n == text]
    return ids[0] if len(ids) == 1 else text


def _claimer_shown(by: str, names: Names) -> str:
    """The claimer's name where it names one record only (it reads back to the same id)."""
    name = names.members.get(by) or names.units.get(by)
    return name if name and _claimer(name, names) == by else by


def _row(w: dict, names: Names) -> list:
    claimed, fulfilled, closed = (w.get(k) if isinstance(w.get(k), dict) else {} for k in STATUS_BLOCKS)
    return [
        w.get("id"),
        names.communities.get(str(w.get("community")), w.get("community")),
        names.grid_name(w.get("grid")),
        w.get("wish"),
        w.get("for"),
        w.get("posted"),
        w.get("story"),
        STATUS.get(str(w.get("status", "open")), w.get("status")),
        _claimer_shown(str(claimed["by"]), names) if claimed.get("by") else "",
        claimed.get("date"),
        fulfilled.get("date"),
        fulfilled.get("thanks"),
        closed.get("date"),
        closed.get("reason"),
        "是" if w.get("draft") else "",
        w.get("note"),
    ]


STATUS_BLOCKS = ("claimed", "fulfilled", "closed")


def _new_id(w: dict, taken: dict[str, str], names: Names) -> str:
    """w-hdc-005 after w-hdc-004: the prefix the community's wishes have (else its name's initials)
    and the next number."""
    community = str(w.get("community"))
    ours = Counter(m.group(1) for t, c in taken.items() if c == community and (m := _NUMBERED.fullmatch(t)))
    name = names.communities.get(community, community)
    prefix = ours.most_common(1)[0][0] if ours else f"w-{slug(name, set(), True)}-"
    numbers = [int(m.group(2)) for t in taken if (m := _NUMBERED.fullmatch(t)) and m.group(1) == prefix]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


_NUMBERED = re.compile(r"(.*?-)(\d+)")


def _placeholder(names: Names) -> dict:
    first = next(iter(names.communities), "")
    return {
        "id": EXAMPLE_ID,
        "community": first,
        "wish": "一台助行器",
        "for": "王奶奶",
        "posted": "2026-01-05",
        "status": "open",
    }


SPEC = Spec(
    kind="wishes",
    label="微心愿",
    sheet="微心愿",
    model=Wish,
    schema="wish",
    columns=COLUMNS,
    anchor="wish",
    order={
        "": tuple(
            "id wish for community grid posted story status claimed fulfilled closed note draft".split()
        ),
        "claimed": ("by", "date"),
        "fulfilled": ("date", "thanks", "photo"),
        "closed": ("date", "reason"),
    },
    flow=frozenset(STATUS_BLOCKS),
    to_row=_row,
    read=_read,
    natural=lambda w: tuple(str(w.get(k, "")).strip() for k in ("community", "wish", "for", "posted")),
    new_id=_new_id,
    placeholder=_placeholder,
    notes=(
        "微心愿台账填写说明",
        "",
        "1. 每行一个心愿。灰色斜体的行是示例（取自网站上现有的第一个心愿，原样导入不会改动任何内容），可以改成实际内容，也可以整行删除。",
        "2. 编号不填，导入时自动生成（如 {new_id}）；已有心愿的编号不要改，导入时按编号找到它。",
        "3. 为谁：只写社区起的称呼，如 王奶奶、李大爷、独居老人；不写全名、门牌号、电话。",
        "4. 状态从下拉列表选：待认领 → 已认领（填认领人、认领日期）→ 已实现（填实现日期，可写一句感谢的话）；或 已关闭（填关闭原因）。",
        "5. 认领人写报到党员的姓名或报到单位的名称；志愿服务队写它的编号。",
        "6. 日期写成 2026-09-03。社区从下拉列表选；网格写网格名称（如 第一网格）或编号。",
        "7. 内部备注只给工作人员看，不会发布到网站。表中没有的内容（如照片）导入时保留原样。",
        "8. 表中有的列以表为准：清空一个格子，导入后文件里的这一项也会删去。表中删去一行，不会删除网站上的心愿（要删除请改文件）。",
        "9. 填好后运行：gridboard import wishes 本文件.xlsx ；有错误会指出是哪个格子（如 微心愿!H5），全部改正后才会写入（或加 --partial 只导入没有错误的行）。",
    ),
)
