"""Board postings and stories of the demo: a few current, the rest spread over past years."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from . import words as w
from .yaml_files import Dumper, dump


def write_postings(st, content: Path, streets, communities, grids, count: int) -> None:
    """`count` board postings over the three categories; every 12th is current."""
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
        dump(content / "board" / f"{cat}.yml", "公示", items)


def write_stories(st, content: Path, streets, communities, grids, count: int) -> None:
    """`count` stories from the last three years, each a Markdown file with front matter."""
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
        head = yaml.dump(front, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=1000)
        path = content / "stories" / str(date.year) / f"{date.isoformat()}-{slug}-{i + 1:05d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\n{head}---\n\n{body}", encoding="utf-8")
