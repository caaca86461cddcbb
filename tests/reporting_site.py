"""A small site for the 双报到 and 三张清单 tests: the minimal fixture site with two units, two
members (one with consent for phone and photo, one without), needs answered in each way (a
project, a reply, none yet), a wish a member claimed, a project taken by a volunteer team, and a
draft need and a draft project that must reach no page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import unquote, urljoin

from bs4 import BeautifulSoup
from conftest import build_site, make_site

PERSON = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="300"><rect width="240" height="300" '
    'fill="{fill}"/></svg>'
)

FILES = {
    "content/media/people/consented.svg": PERSON.format(fill="#e8eef3"),
    "content/media/people/withheld.svg": PERSON.format(fill="#f3e8e8"),
    "content/units/units.yml": """\
- id: u-hosp
  name: 东湖医院党支部
  community: lanyuan
  reported: 2026-03-01
  phone: "0531-88000777"
  contact: 党办主任
  commitment: 每月一次社区义诊
  offers:
    - id: r-clinic
      what: 每月一次义诊
      detail: 每月第二个周六上午
- id: u-school
  name: 竹园小学党支部
  community: zhuyuan
  reported: 2026-04-01
  commitment: 周末开放图书室
  offers:
    - id: r-room
      what: 周末开放图书室
""",
    "content/members/lanyuan.yml": """\
- id: m-open
  name: 李明亮
  unit: u-hosp
  community: lanyuan
  grid: ly-01
  reported: 2026-03-05
  phone: "13900001111"
  photo: media/people/consented.svg
  consent: {scope: [phone, photo], date: 2026-03-05}
  commitment: 每月参加一次网格巡查
  offers:
    - id: r-repair
      what: 水电小修
      detail: 周末上门
- id: m-closed
  name: 王芳菲
  employer: 东湖银行
  community: lanyuan
  grid: ly-01
  reported: 2026-05-01
  phone: "13900002222"
  photo: media/people/withheld.svg
  commitment: 每半年讲一次防范养老诈骗
""",
    "content/wishes/lanyuan.yml": """\
- id: w-phone
  wish: 教我用手机挂号
  for: 独居老人
  community: lanyuan
  posted: 2026-10-30
  status: claimed
  claimed: {by: m-closed, date: 2026-11-01}
""",
    "content/needs/needs.yml": """\
- id: n-light
  what: 楼道灯坏了，晚上看不见
  community: lanyuan
  grid: ly-01
  raised: 2026-10-01
  source: visit
- id: n-charge
  what: 想加装电动车充电桩
  community: lanyuan
  raised: 2026-09-01
  source: meeting
  reply: 已报街道，明年春季增设
  replied: 2026-09-10
- id: n-water
  what: 路面积水，下雨出不了门
  community: zhuyuan
  raised: 2026-11-01
  source: hotline
- id: n-phone
  what: 老人想学用手机挂号
  community: lanyuan
  raised: 2026-11-02
  source: wish
  wish: w-phone
- id: n-secret
  what: 草稿需求不该出现在网站上
  community: lanyuan
  raised: 2026-11-01
  draft: true
""",
    "content/projects/projects.yml": """\
- id: p-light
  title: 楼道灯修缮
  need: n-light
  resource: r-repair
  start: 2026-10-05
  end: 2026-10-10
  status: done
  result: 修好 8 盏楼道灯
  description: 党员**周末**上门，两天修完。
- id: p-clinic
  title: 家门口义诊
  need: n-light
  resource: r-clinic
  start: 2026-06-01
  end: 2026-09-30
  status: done
  result: 义诊 5 次
- id: p-phone
  title: 老人手机课堂
  need: n-phone
  by: t-med
  start: 2026-11-05
  status: underway
- id: p-secret
  title: 草稿项目不该出现在网站上
  need: n-light
  by: u-hosp
  start: 2026-11-01
  draft: true
""",
}
DRAFT_TEXTS = ("草稿需求不该出现在网站上", "草稿项目不该出现在网站上", "n-secret", "p-secret")


def build(tmp: Path) -> tuple[Path, object]:
    """Build the site; fail on any problem so a broken fixture is not mistaken for a passing test."""
    out, report = build_site(make_site(tmp, FILES))
    assert not report.problems.errors, [e.format() for e in report.problems.errors]
    return out, report


def page(site: Path, url: str) -> BeautifulSoup:
    """The built page at a site URL ('reporting/at/lanyuan/')."""
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def target(site: Path, url: str, href: str) -> tuple[str, str]:
    """Where a link on the page at `url` leads: (site URL of the page, fragment)."""
    joined = urljoin("http://x/" + url, href)
    path, _, frag = joined.removeprefix("http://x/").partition("#")
    return unquote(path), frag


def resolves(site: Path, url: str, href: str) -> bool:
    """True when the link leads to a built page and, with a fragment, to an element of that id
    (a phone link is not a page: it is taken as it is)."""
    if href.startswith("tel:"):
        return True
    path, frag = target(site, url, href)
    file = site / path / "index.html" if not path.endswith(".html") else site / path
    if not file.is_file():
        return False
    return (
        not frag or BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser").find(id=frag) is not None
    )


def waited(raised: dt.date, today: dt.date) -> str:
    """What a need with no answer says: the days from raised to the build date (0 when raised later)."""
    return f"尚未回应，已等待 {max((today - raised).days, 0)} 天"
