"""Demo generator: a complete, realistic site folder of any size, the same for the same seed.

`gridboard demo --grids N --out DIR` writes site_config.yml and content/ in the real content format
(streets → communities → grids with teams, services, postings, stories), which `gridboard build`
accepts as it is. Tests and benchmarks use it; stories are N/3 and postings N/6 by default.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..shipped import templates_dir
from . import words as w
from .catalogue import CATEGORIES, SERVICE_ITEMS

GRIDS_PER_COMMUNITY = 12
COMMUNITIES_PER_STREET = 15
DISTRICT = {"id": "qingyuan", "name": "清源区", "code": "370199"}


@dataclass
class Sizes:
    grids: int
    stories: int
    postings: int

    @classmethod
    def for_grids(cls, grids: int, stories: int | None = None, postings: int | None = None) -> Sizes:
        return cls(
            grids, grids // 3 if stories is None else stories, grids // 6 if postings is None else postings
        )


@dataclass
class _State:
    rng: random.Random
    today: dt.date
    names: set[str] = field(default_factory=set)
    phone_no: int = 0

    def person(self) -> str:
        while True:
            name = self.rng.choice(w.SURNAMES) + "".join(self.rng.sample(w.GIVEN, self.rng.choice((1, 2, 2))))
            if name not in self.names:
                self.names.add(name)
                return name

    def mobile(self) -> str:
        self.phone_no += 1
        return f"139{self.phone_no:08d}"

    def day_before(self, max_days: int) -> dt.date:
        return self.today - dt.timedelta(days=self.rng.randrange(max_days))


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """Block style, Chinese as is, multi-line text as `|` blocks: how a person would write it."""


_Dumper.add_representer(
    str,
    lambda d, s: d.represent_scalar("tag:yaml.org,2002:str", s, style="|" if "\n" in s else None),
)


def _dump(path: Path, header: str, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(f"# {header}\n# 本文件由 gridboard demo 生成，内容为虚构示例。\n{body}", encoding="utf-8")


def generate(
    out: Path, grids: int, seed: int = 1, today: dt.date | None = None, sizes: Sizes | None = None
) -> Sizes:
    """Write a demo site folder into `out` (which must be empty or absent); return its sizes."""
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(out)
    sizes = sizes or Sizes.for_grids(grids)
    st = _State(random.Random(seed), today or dt.date.today())
    content = out / "content"
    streets, grid_records = _org(st, sizes.grids)
    communities = [c for s in streets for c in s["communities"]]
    _config(out)
    _dump(content / "org.yml", "组织架构：街道（镇）及其下辖社区（村）", {"streets": streets})
    for street in streets:
        ids = {c["id"] for c in street["communities"]}
        mine = [g for g in grid_records if g["community"] in ids]
        _dump(content / "grids" / f"{street['id']}.yml", f"{street['name']}网格名单", mine)
    _services(st, content, streets, communities)
    _showcases_and_studios(st, content, communities)
    _postings(st, content, streets, communities, grid_records, sizes.postings)
    _stories(st, content, streets, communities, grid_records, sizes.stories)
    _pages(content, sizes)
    _screens(content, communities)
    media = templates_dir() / "assets" / "person.svg"
    (content / "media" / "people").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(media, content / "media" / "people" / "demo.svg")
    return sizes


def _config(out: Path) -> None:
    example = Path(__file__).resolve().parent / "site_config.yml"
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(example, out / "site_config.yml")


def _org(st: _State, n_grids: int) -> tuple[list[dict], list[dict]]:
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
                "intro": _community_intro(st, name, per_com[com_index]),
            }
            coms.append(com)
            grid_records += _grids(st, com, per_com[com_index])
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


def _community_intro(st: _State, name: str, grids: int) -> str:
    households = st.rng.randrange(2000, 9000)
    return (
        f"{name}共有居民约 {households} 户，划分 {grids} 个网格。社区党委把网格作为服务群众的最小单元，"
        f"每个网格配备网格长、专职网格员和党建指导员，群众有事在楼下就能找到人。\n\n"
        f"社区党群服务中心设有便民服务窗口、党群活动室和老年助餐点，工作日全天开放。"
    )


def _grids(st: _State, com: dict, count: int) -> list[dict]:
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
        team = [_member(st, "grid_leader", leader, "社区两委成员兼任网格长")]
        team.append(_member(st, "grid_worker", st.person(), rng.choice(w.DUTIES)))
        team.append(_member(st, "party_instructor", st.person(), "指导网格党支部开展组织生活"))
        for role in rng.sample(w.ROLES_EXTRA[1:], rng.randrange(0, 3)):
            team.append(_member(st, role, st.person(), rng.choice(w.DUTIES)))
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


def _member(st: _State, role: str, name: str, duty: str) -> dict:
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


def _services(st: _State, content: Path, streets: list[dict], communities: list[dict]) -> None:
    _dump(content / "services" / "categories.yml", "服务事项分类", {"categories": CATEGORIES})
    _dump(content / "services" / "items.yml", "代办服务事项表", {"items": SERVICE_ITEMS})
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
    _dump(content / "services" / "stations.yml", "党员爱心驿站", {"stations": stations})
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
    _dump(content / "services" / "teams.yml", "志愿服务队", {"teams": teams})


def _showcases_and_studios(st: _State, content: Path, communities: list[dict]) -> None:
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
    _dump(content / "showcase" / "showcases.yml", "示范社区", showcases)
    _dump(content / "studios" / "studios.yml", "书记工作室", studios)


def _postings(st, content: Path, streets, communities, grids, count: int) -> None:
    by_cat: dict[str, list[dict]] = {"party": [], "residents": [], "finance": []}
    cats = list(by_cat)
    for i in range(count):
        cat = cats[i % 3]
        scope = streets[i % len(streets)] if i % 7 == 0 else communities[st.rng.randrange(len(communities))]
        slug, title, body = st.rng.choice(w.POSTING_KINDS[cat])
        # every 12th posting is current; the rest spread over two years and now sit in the archive
        days_ago = st.rng.randrange(0, 4) if i % 12 == 0 else st.rng.randrange(5, 730)
        posted = st.today - dt.timedelta(days=days_ago)
        month = f"{posted.year} 年 {posted.month} 月"
        n = st.rng.randrange(2, 40)
        posting = {
            "id": f"{cat[0]}-{posted.year}-{i + 1:05d}-{slug}",
            "title": title.format(scope=scope["name"], month=month),
            "category": cat,
            "scope": scope["id"],
            "posted": f"{posted.isoformat()} {st.rng.randrange(8, 18):02d}:00",
            "until": posted + dt.timedelta(days=st.rng.choice((6, 7, 9, 14))),
            "source": f"{scope['name']}{'党委' if cat == 'party' else '居民委员会'}",
            "status": "valid",
            "objection": "公示期内如有异议，可到社区党群服务中心当面反映，或书面投入意见箱。",
            "body": body.format(scope=scope["name"], month=month, n=n) + "\n\n现予公示，接受群众监督。\n",
        }
        if cat == "finance":
            posting["table"] = {
                "title": f"{month}收支明细",
                "unit": "元",
                "income": [
                    {"item": "上级拨付运转经费", "amount": st.rng.randrange(20, 60) * 1000, "note": ""}
                ],
                "spending": [
                    {"item": "网格员业务培训", "amount": st.rng.randrange(1000, 5000), "note": ""},
                    {"item": "党群活动阵地维护", "amount": st.rng.randrange(2000, 9000), "note": ""},
                ],
            }
        by_cat[cat].append(posting)
    for cat, items in by_cat.items():
        _dump(content / "board" / f"{cat}.yml", "公示", items)


def _stories(st, content: Path, streets, communities, grids, count: int) -> None:
    rng = st.rng
    grid_of_com: dict[str, list[dict]] = {}
    for g in grids:
        grid_of_com.setdefault(g["community"], []).append(g)
    street_of = {c["id"]: s for s in streets for c in s["communities"]}
    for i in range(count):
        slug, tag, title, paragraphs = w.STORY_TOPICS[i % len(w.STORY_TOPICS)]
        com = communities[rng.randrange(len(communities))]
        grid = rng.choice(grid_of_com.get(com["id"]) or [None])
        date = st.day_before(3 * 365)
        facts = {
            "community": com["name"],
            "grid": grid["name"].removeprefix(com["name"]) if grid else "",
            "street": street_of[com["id"]]["name"],
            "name": grid["team"][1]["name"] if grid else st.person(),
            "n": rng.randrange(8, 60),
            "m": rng.randrange(3, 20),
            "k": rng.randrange(3, 30),
            "month": f"{date.month} 月",
            "thing": rng.choice(w.THINGS),
            "service": rng.choice(w.SERVICES),
            "service_kind": rng.choice(w.SERVICE_KINDS),
            "theme": rng.choice(w.THEMES),
            "season": w.SEASONS[(date.month % 12) // 3],
        }
        front = {
            "title": title.format(**facts),
            "date": date,
            "tags": [tag, rng.choice(w.EXTRA_TAGS)],
            "source": f"{facts['street']}党工委",
            "author": st.person(),
            "summary": paragraphs[0].format(**facts)[:60],
            "communities": [com["id"]],
            "grids": [grid["id"]] if grid else [],
        }
        body = "\n\n".join(p.format(**facts) for p in paragraphs)
        body += "\n\n## 下一步\n\n" + paragraphs[-1].format(**facts) + "\n"
        head = yaml.dump(front, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
        path = content / "stories" / str(date.year) / f"{date.isoformat()}-{slug}-{i + 1:05d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\n{head}---\n\n{body}", encoding="utf-8")


def _screens(content: Path, communities: list[dict]) -> None:
    """A lobby screen in every community and one for the district's hall."""
    district = yaml.safe_load((Path(__file__).resolve().parent / "site_config.yml").read_text("utf-8"))
    screens = [
        {
            "id": "district-hall",
            "place": "区党群服务中心大厅",
            "scope": district["district"]["id"],
            "playlist": ["figures", {"show": "board", "count": 20}, "stories", "showcase"],
        }
    ]
    for i, com in enumerate(communities):
        screens.append(
            {
                "id": f"{com['id']}-lobby",
                "place": f"{com['name']}党群服务中心大厅",
                "orientation": "portrait" if i % 4 == 3 else "landscape",
                "scope": com["id"],
                "hours": [{"days": [1, 2, 3, 4, 5, 6], "from": "08:30", "to": "18:00"}],
                "playlist": [
                    "board",
                    "teams",
                    "figures",
                    "services",
                    "stations",
                    {"show": "stories", "count": 3},
                ],
            }
        )
    _dump(content / "screens.yml", "社区大屏", screens)


def _pages(content: Path, sizes: Sizes) -> None:
    (content / "pages").mkdir(parents=True, exist_ok=True)
    (content / "pages" / "about.md").write_text(
        "---\ntitle: 关于本站\norder: 1\n---\n\n"
        f"这是由 `gridboard demo` 生成的示例站点：{sizes.grids} 个网格、{sizes.stories} 篇新闻、"
        f"{sizes.postings} 条公示。人名、电话、地址均为虚构。\n",
        encoding="utf-8",
    )
