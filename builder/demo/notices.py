"""Urgent notices of the demo (content/notices.yml): one district-wide notice, a water or power
cut in every tenth community, one urgent notice, and some that ended, start later or are drafts
(none of those reach the site)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .state import State
from .yaml_files import dump

CUTS = [
    ("分时段停水", "供水管网改造", "请提前储水"),
    ("计划停电", "电力线路检修", "请提前安排好冰箱里的食品"),
    ("燃气管道检修", "燃气管道年度检修", "检修期间请勿使用燃气灶"),
]


def _at(day: dt.date, hour: int) -> str:
    return f"{day:%Y-%m-%d} {hour:02d}:00"


def write_notices(st: State, content: Path, district: str, communities: list[dict]) -> None:
    today = st.today
    notices = [
        {
            "id": "district-hanchao",
            "title": "寒潮天气提示",
            "text": "未来三天有寒潮，最低气温零下 10 度。独居老人家中请注意取暖安全，网格员将逐户走访。",
            "scope": district,
            "from": _at(today - dt.timedelta(days=1), 8),
            "until": _at(today + dt.timedelta(days=2), 20),
            "level": "info",
            "issuer": "区应急管理局",
        }
    ]
    for i, com in enumerate(communities[::10]):
        title, cause, advice = CUTS[i % len(CUTS)]
        start = today + dt.timedelta(days=st.rng.randint(-3, 0))
        notices.append(
            {
                "id": f"{com['id']}-notice-{i + 1}",
                "title": f"{com['name']}{title}",
                "text": f"因{cause}，{com['name']}部分楼栋{title}，每天 9:00—16:00，具体楼栋见单元门公告。{advice}。",
                "scope": com["id"],
                "from": _at(start, 8),
                "until": _at(start + dt.timedelta(days=st.rng.randint(3, 10)), 18),
                "level": "warning",
                "issuer": f"{com['name']}居民委员会",
            }
        )
    if communities:
        com = communities[0]
        notices.append(
            {
                "id": f"{com['id']}-urgent",
                "title": "燃气泄漏紧急疏散",
                "text": f"{com['name']} 3 号楼发现燃气泄漏，请 3 号楼居民立即下楼到小区广场集合，不要开关电器。",
                "scope": com["id"],
                "from": _at(today, 7),
                "until": _at(today, 22),
                "level": "urgent",
                "issuer": f"{com['name']}党委",
            }
        )
    for n, (days, draft) in enumerate([(-30, False), (-10, False), (7, False), (1, True)]):
        com = communities[(n + 1) % len(communities)] if communities else {"id": district, "name": ""}
        start = today + dt.timedelta(days=days)
        notice = {
            "id": f"notice-other-{n + 1}",
            "title": "道路施工临时封闭",
            "text": f"{com['name']}门前道路施工，临时封闭，请绕行。",
            "scope": com["id"],
            "from": _at(start, 8),
            "until": _at(start + dt.timedelta(days=3), 18),
            "level": "warning",
            "issuer": "区住建局",
        }
        if draft:
            notice["draft"] = True
        notices.append(notice)
    dump(content / "notices.yml", "紧急通知：范围内每个网页顶部的横幅，紧急的在大屏上整屏显示", notices)
