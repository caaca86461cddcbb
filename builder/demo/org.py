"""Streets, communities and grids with their teams: the demo's org.yml and grids/*.yml."""

from __future__ import annotations

import math

from . import words as w
from .catalogue import SERVICE_ITEMS
from .state import State

GRIDS_PER_COMMUNITY = 12
COMMUNITIES_PER_STREET = 15
DISTRICT = {"id": "qingyuan", "name": "清源区", "code": "370199"}


def make_org(st: State, n_grids: int) -> tuple[list[dict], list[dict]]:
    """Streets with their communities, and every grid: spread unevenly, `n_grids` in all."""
    rng = st.rng
    n_com = max(1, math.ceil(n_grids / GRIDS_PER_COMMUNITY))
    n_street = max(1, math.ceil(n_com / COMMUNITIES_PER_STREET))
    # spread grids over communities unevenly (8–16 each), keeping the total exact
    per_com = [n_grids // n_com + (1 if i < n_grids % n_com else 0) for i in range(n_com)]
    for i in range(0, n_com - 1, 2):
        shift = rng.randrange(0, min(4, per_com[i]))
        per_com[i] -= shift
        per_com[i + 1] += shift
    streets, grid_records, taken = [], [], set()
    com_index = 0
    for s in range(n_street):
        lap = s // len(w.PLACE)
        street_name = (
            w.PLACE[s % len(w.PLACE)]
            + ("" if lap == 0 else "东西南北"[lap % 4])
            + ("街道" if s % 5 else "镇")
        )
        street_id = w.PINYIN[s % len(w.PINYIN)] + ("" if lap == 0 else str(lap + 1))
        street_code = f"{DISTRICT['code']}{s + 1:03d}"
        coms = []
        for c in range(min(COMMUNITIES_PER_STREET, n_com - com_index)):
            kind = "village" if rng.random() < 0.15 else "community"
            for attempt in range(1000):
                stem = rng.choice(w.PLACE) + rng.choice(["", "苑", "湾", "庄", "园", "山", "桥", "泉"])
                stem += "" if attempt < 20 else "一二三四五六七八九"[attempt % 9]  # large districts
                name = stem + ("村" if kind == "village" else "社区")
                if name not in taken:
                    taken.add(name)
                    break
            com_id = f"{street_id}-c{c + 1:02d}"
            com_code = f"{street_code}{c + 1:03d}"
            com = {
                "id": com_id,
                "name": name,
                "kind": kind,
                "code": com_code,
                "address": f"{street_name}{stem}党群服务中心（示例地址）",
                "phone": f"0531-8{s:03d}{c:02d}01"[:13],
                "intro": community_intro(st, name, per_com[com_index]),
            }
            coms.append(com)
            grid_records += make_grids(st, com, per_com[com_index])
            com_index += 1
        streets.append(
            {
                "id": street_id,
                "name": street_name,
                "code": street_code,
                "intro": f"{street_name}辖 {len(coms)} 个社区（村），推行“社区党委—网格党支部—楼栋党员”三级组织体系，"
                "把物业、驻区单位和志愿队伍的力量统一纳入网格。",
                "communities": coms,
            }
        )
    return streets, grid_records


def community_intro(st: State, name: str, grids: int) -> str:
    """A community's introduction."""
    households = st.rng.randrange(2000, 9000)
    return (
        f"{name}共有居民约 {households} 户，划分 {grids} 个网格。社区党委把网格作为服务群众的最小单元，"
        f"每个网格配备网格长、专职网格员和党建指导员，群众有事在楼下就能找到人。\n\n"
        f"社区党群服务中心设有便民服务窗口、党群活动室和老年助餐点，工作日全天开放。"
    )


def make_grids(st: State, com: dict, count: int) -> list[dict]:
    """The `count` grids of one community, with their teams."""
    rng = st.rng
    out = []
    for g in range(count):
        dedicated = rng.random() < 0.2
        order = "一二三四五六七八九十"[g % 10] if g < 10 else str(g + 1)
        if dedicated:
            kind_zh, place, people = rng.choice(w.DEDICATED)
            covers = f"{com['name'].removesuffix('社区').removesuffix('村')}{place}（{kind_zh}）"
            buildings = [covers]
        else:
            first = g * 8 + 1
            n_build = rng.randrange(4, 11)
            estate = com["name"][:2] + rng.choice(w.ESTATE)
            covers = f"{estate} {first}—{first + n_build - 1} 号楼"
            buildings = [f"{estate}{first + i}号楼" for i in range(n_build)]
            people = "居民"
        households = rng.randrange(150, 700)
        leader = st.person()
        team = [team_member(st, "grid_leader", leader, "社区两委成员兼任网格长")]
        team.append(team_member(st, "grid_worker", st.person(), rng.choice(w.DUTIES)))
        team.append(team_member(st, "party_instructor", st.person(), "指导网格党支部开展组织生活"))
        for role in rng.sample(w.ROLES_EXTRA[1:], rng.randrange(0, 3)):
            team.append(team_member(st, role, st.person(), rng.choice(w.DUTIES)))
        name = f"{com['name']}第{order}网格" if g < 10 else f"{com['name']}{g + 1}号网格"
        out.append(
            {
                "id": f"{com['id']}-{g + 1:02d}",
                "name": name,
                "community": com["id"],
                "code": f"{com['code']}{g + 1:03d}",
                "kind": "dedicated" if dedicated else "basic",
                "covers": covers,
                "buildings": buildings,
                "households": households,
                "population": int(households * rng.uniform(2.2, 3.1)),
                "party_branch": {
                    "name": f"{name}党支部",
                    "secretary": leader,
                    "members": rng.randrange(8, 40),
                },
                "team": team,
                "supervision_phone": com["phone"],
                "services": sorted(rng.sample([s["id"] for s in SERVICE_ITEMS], rng.randrange(3, 7))),
                "standards": {"ten_ones": [s for s in w.TEN_ONES if rng.random() < 0.8]},
                "notes": f"本网格主要服务{people}，网格员每周至少走访一次重点家庭，"
                f"遇到需要协调的事项由网格党支部牵头商量解决。",
            }
        )
    return out


def team_member(st: State, role: str, name: str, duty: str) -> dict:
    """One team member; half with consent to phone and photo, some to phone only."""
    member = {"role": role, "name": name, "phone": st.mobile(), "party_member": st.rng.random() < 0.7}
    roll = st.rng.random()
    if roll < 0.5:
        member["photo"] = "media/people/demo.svg"
        member["consent"] = {
            "scope": ["phone", "photo"],
            "date": st.day_before(900),
            "recorded_by": "社区居委会",
        }
    elif roll < 0.8:
        member["consent"] = {"scope": ["phone"], "date": st.day_before(900), "recorded_by": "社区居委会"}
    member["duty"] = duty
    return member
