"""Service items, stations, volunteer teams, showcases and studios of the demo."""

from __future__ import annotations

from pathlib import Path

from . import words as w
from .catalogue import CATEGORIES, SERVICE_ITEMS
from .state import State
from .yaml_files import dump


def write_services(st: State, content: Path, streets: list[dict], communities: list[dict]) -> None:
    """Service categories and items, a station in every fifth community, a volunteer team per street."""
    dump(content / "services" / "categories.yml", "服务事项分类", {"categories": CATEGORIES})
    dump(content / "services" / "items.yml", "代办服务事项表", {"items": SERVICE_ITEMS})
    stations = []
    for i, com in enumerate(communities[::5]):
        stations.append(
            {
                "id": f"yizhan-{i + 1:03d}",
                "name": f"{com['name']}党员爱心驿站",
                "host": f"{st.person()}便民超市（党员经营户）",
                "community": com["id"],
                "address": f"{com['name']}沿街商铺（示例地址）",
                "hours": "每日 8:00—20:00",
                "contact": com["phone"],
                "facilities": [f for f in w.EIGHT_HAVES if st.rng.random() < 0.85],
            }
        )
    dump(content / "services" / "stations.yml", "党员爱心驿站", {"stations": stations})
    teams = []
    for i, street in enumerate(streets):
        sector = ["医疗", "法律", "教育", "家政", "心理"][i % 5]
        teams.append(
            {
                "id": f"team-{street['id']}",
                "name": f"{street['name']}党员{sector}志愿服务队",
                "sector": sector,
                "leader": {"name": st.person(), "phone": street["communities"][0]["phone"]},
                "members": st.rng.randrange(10, 60),
                "communities": [c["id"] for c in street["communities"][:4]],
                "offers": [f"每月一次社区{sector}服务", "结对帮扶困难家庭", "上门服务行动不便的老人"],
            }
        )
    dump(content / "services" / "teams.yml", "志愿服务队", {"teams": teams})


def write_showcases_and_studios(st: State, content: Path, communities: list[dict]) -> None:
    """A showcase in every tenth community, a secretary's studio in every twentieth."""
    showcases, studios = [], []
    this_year = st.today.year
    for com in communities[::10]:
        stars, level = {}, st.rng.randrange(2, 5)
        for year in range(this_year - 4, this_year):
            level = max(1, min(5, level + st.rng.choice((-1, 0, 1, 1))))
            stars[year] = level
        showcases.append(
            {
                "id": f"sc-{com['id']}",
                "community": com["id"],
                "title": "党建引领社区治理示范社区",
                "brand": f"红色{com['name'][:2]}·幸福家园",
                "standards": {"six_haves": [s for s in w.SIX_HAVES if st.rng.random() < 0.85]},
                "stars": stars,
                "highlights": "- **网格全覆盖**：每栋楼都有责任党员，每个单元都有单元长。\n"
                "- **一张明白纸**：网格员是谁、能办什么事、去哪里找，每户都知道。\n",
            }
        )
    for i, com in enumerate(communities[::20]):
        name = st.person()
        studios.append(
            {
                "id": f"studio-{i + 1:03d}",
                "name": f"{name[1:]}书记工作室",
                "community": com["id"],
                "secretary": {"name": name, "title": f"{com['name']}党委书记", "phone": com["phone"]},
                "founded": st.day_before(1500),
                "focus": ["老旧小区网格治理", "年轻社区工作者的群众工作方法"],
                "hosts": [name, st.person(), st.person()],
                "mentees": st.rng.randrange(4, 16),
                "activities": [
                    {
                        "date": st.day_before(300),
                        "title": "“书记有约”沙龙",
                        "summary": "交流网格走访中遇到的难题。",
                    }
                ],
            }
        )
    dump(content / "showcase" / "showcases.yml", "示范社区", showcases)
    dump(content / "studios" / "studios.yml", "书记工作室", studios)
