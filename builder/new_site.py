"""New site: `gridboard init DIR` writes an empty site for a district, `--example` the example one.

The empty site has the district's name, one street, one community and one grid as commented
placeholders (so it checks and builds at once), a folder for every kind of content with a README
of what goes there, and the editors' schemas. Nothing is ever written over: a folder that is not
empty is refused.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import sys
import unicodedata
from pathlib import Path

from .schema import write_schemas
from .shipped import example_site

GUIDE = "《Gridboard 内容编写指南》"  # docs/content-guide.md

SITE_CONFIG = """\
# yaml-language-server: $schema=schemas/site_config.schema.json
# 站点配置：网站名称、品牌颜色、网格队伍角色、标准清单、公示规则。由 gridboard init 生成，
# 每一项的写法见{guide} 3.1 节。以 # 开头的是注释，程序不读。
# Site configuration written by `gridboard init`; see the content guide, section 3.1.
site:
  name: {site_name}      # 网站名称，显示在每一页的顶部
  slogan: ""             # 口号，显示在首页（可以不写）
  description: ""        # 一句话介绍，给搜索引擎看（可以不写）
  url: ""                # 正式网址，如 https://dangjian.example.gov.cn/ ；上线前填上（二维码要用）
  logo: ""               # 标志图片，放进 content/media/，写成 media/brand/logo.svg（可以不写）
  copyright: ""          # 页脚的主办单位，如 中共××区委组织部
  launched: {launched}   # 上线日期（先写了运行 init 的那天，上线时改）：公开栏半年没有新公示从这天算起

district:
  id: {district_id}      # 区县编号：小写英文字母、数字、短横线；公示的 scope 写它表示全区
  name: {name}           # 区县名称
  # code: "000000"       # 6 位行政区划代码，加引号（可以不写）

brand:
  color: "#b71c1c"       # 品牌主色，写成 #RRGGBB，加引号

# 网格队伍角色：编号: 显示名称。网格页按这里的顺序排列队伍成员。
roles:
  grid_leader: 网格长
  grid_worker: 专职网格员
  party_instructor: 党建指导员
  part_time_worker: 兼职网格员
  building_leader: 楼长
  volunteer: 志愿者

# 哪些角色计入首页“网格员 xx 名”
worker_roles: [grid_leader, grid_worker, party_instructor, part_time_worker]

# 标准清单（可以不写）：编号: 名称和条目。网格和示范社区可以列出已达标的条目，如：
#   six_haves:
#     label: 六有
#     items: [有党组织, 有服务阵地, 有办事流程, 有公开内容, 有评价指标, 有工作案例]
standards: {{}}

# 页脚（可以不写；写法和检查见{guide} 3.1A 节）：主办单位、备案号、党政机关网站标识、联系我们。
# 去掉行首的 # 再填；备案号照抄备案系统里的写法，标识图片放进 content/media/footer/。
# footer:
#   sponsor: 中共××区委组织部
#   site_code: "0000000000"        # 网站标识码（政府网站才有），加引号
#   icp: ×ICP备00000000号-1
#   police: ×公网安备 00000000000000号
#   badge: {{image: media/footer/dangzheng.png, link: "https://bszs.conac.cn/…"}}
#   contact: {{page: contact, address: ××路 1 号, phone: "0000-00000000"}}

# 公开栏：最短公示天数和公开类别（编号: 名称）
board:
  min_days: 5
  categories:
    party: 党务公开
    residents: 居务公开
    finance: 财务公开
"""

ORG = """\
# yaml-language-server: $schema=../schemas/org.schema.json
# 组织架构：街道（镇）和下辖的社区（村）。网格写在 grids/ 文件夹里，一般一个街道一个文件。
# 下面的街道和社区是占位的，请改成本区的实际名称，再照样添上其他街道和社区。写法见{guide} 3.2 节。
streets:
  - id: street-1         # 编号：小写英文字母、数字、短横线；网址和别的文件用它，定下后不要再改
    name: 某某街道        # 街道（镇）名称
    # code: "000000000"  # 9 位统计用区划代码，加引号（可以不写）
    # intro: |           # 简介，可写多段，段落之间空一行（可以不写）
    #   第一段……
    communities:         # 下辖社区（村），每个以“- id:”开头
      - id: community-1  # 社区编号，规则同上
        name: 某某社区    # 社区（村）名称
        kind: community  # community 社区 | village 村
        # code: "000000000000"  # 12 位代码，以所属街道的代码开头，加引号（可以不写）
        # address: 某某路 1 号   # 社区党群服务中心地址
        # phone: "区号-号码"     # 办公座机，加引号
"""

GRIDS = """\
# yaml-language-server: $schema=../../schemas/grid.schema.json
# 某某街道的网格，每个网格一段，以“- id:”开头。下面的网格是占位的，请改成实际的网格。
# 文件名随意（英文小写最好），一般一个街道一个文件。写法见{guide} 3.3 节。
- id: grid-1                # 网格编号，定下后不要再改
  name: 某某社区第一网格      # 网格名称
  community: community-1    # 所属社区的编号（见 content/org.yml）
  kind: basic               # basic 基础网格 | dedicated 专属网格（学校、市场、楼宇等）
  covers: ""                # 覆盖范围，写到楼栋或场所
  # buildings: [1号楼, 2号楼] # 楼栋
  # households: 0           # 户数
  # population: 0           # 人口
  # party_branch:           # 网格党支部或党小组
  #   name: 某某社区第一网格党支部
  #   secretary: 姓名
  #   members: 0            # 党员人数
  team: []                  # 网格队伍，每人一段，写法如下（去掉 # 后改成实际的人）：
  #   - role: grid_leader   # 角色编号，见 site_config.yml 的 roles
  #     name: 姓名
  #     phone: "手机号"      # 加引号；没有本人同意书的手机号，网站上会自动打码
  #     party_member: true  # 是否党员
"""

# content folder → (what goes there, the guide's section, English)
FOLDERS = {
    "grids": ("网格和网格队伍，一般一个街道一个 .yml 文件", "3.3 网格", "grids and their teams"),
    "showcase": ("示范社区、示范小区（.yml）", "3.4 示范社区", "demonstration communities"),
    "studios": ("书记工作室（.yml）", "3.5 书记工作室", "secretary studios"),
    "services": (
        "服务清单：服务类别、服务事项、志愿服务队、党员爱心驿站（.yml）",
        "3.6 服务清单",
        "services",
    ),
    "board": ("公开栏：党务、居务、财务公开，一个 .yml 文件写多条公示", "3.7 公开栏", "board postings"),
    "events": (
        "活动：服务大集、主题党日、网格议事会……，一个 .yml 文件写多个活动，重复的活动写一次",
        "7B 活动",
        "events",
    ),
    "units": (
        "双报到的报到单位：名称、报到的社区、承诺和能提供的资源（offers），一个 .yml 文件写多个单位",
        "7D 双报到",
        "reporting units",
    ),
    "members": (
        "双报到的报到党员，一般一个社区一个 .yml 文件；手机号要有本人同意书才完整显示，"
        "也可以用 gridboard template members 生成 Excel 台账再导入",
        "7D 双报到",
        "reporting members",
    ),
    "wishes": (
        "微心愿，一般一个社区一个 .yml 文件；for: 只写称呼（王奶奶、独居老人），note: 是内部备注不发布；"
        "也可以用 gridboard template wishes 生成 Excel 台账再导入",
        "7E 微心愿",
        "small wishes",
    ),
    "needs": ("需求清单：居民提出的需求和怎么回应的，一个 .yml 文件写多条", "7F 三张清单", "the needs list"),
    "projects": (
        "项目清单：把需求和资源对接起来的项目，一个 .yml 文件写多个",
        "7F 三张清单",
        "the project list",
    ),
    "stories": ("新闻，每篇一个 .md 文件，按年份分文件夹，如 stories/2026/", "3.8 新闻", "stories"),
    "pages": ("其他页面，如“关于本站”，每页一个 .md 文件，出现在“关于”菜单里", "3.9 页面", "other pages"),
    "media": (
        "图片和附件，如 media/people/、media/stories/；网页上用到的才会发布",
        "3.10 图片和附件",
        "media",
    ),
}

README = """\
# {folder}/

{what}。写法见{guide} {section} 节。

名为 README.md 的文件是给编写人员看的说明，不会发布到网站上。

*{english}: see the content guide, section {number}. README.md files are notes, never published.*
"""

SITE_README = """\
# {name}网站

这是用 Gridboard 生成的网站文件夹。先改 `site_config.yml`，再改 `content/` 里的占位内容
（某某街道、某某社区、某某社区第一网格），然后在这个文件夹里运行：

```text
gridboard check    # 检查全部内容
gridboard serve    # 在本机预览：http://127.0.0.1:8000/
gridboard build    # 生成网站到 site/ 文件夹
```

写法见{guide}“开一个新区的网站”一节（第 0 节）。

*A Gridboard site folder: edit site_config.yml and the placeholders in content/, then run the
commands above. See the content guide.*
"""


class Refused(Exception):
    """init cannot write here; `zh` and `en` say why."""

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh, self.en = zh, en


def district_id(name: str) -> str:
    """赛罕区 → saihan: the pinyin of the name without 区/县/市/旗."""
    from .importers.org_index import slug

    return slug(re.sub(r"(自治县|自治旗|新区|区|县|市|旗)$", "", name) or name, set())


def check_name(name: str) -> str:
    """The district's name as given, trimmed; Refused when it cannot be one."""
    name = name.strip()
    if not name or len(name) > 30 or any(unicodedata.category(c).startswith("C") for c in name):
        raise Refused(
            f"区县名称“{json.dumps(name, ensure_ascii=False)[1:-1]}”不合适：应为 1 到 30 个字，不含换行等控制字符，如 某某区",
            "the district's name must be 1 to 30 characters without control characters",
        )
    return name


def ask_name() -> str:
    """The district's name, asked on the terminal; Refused without one."""
    if not sys.stdin.isatty():
        raise Refused(
            "请用 --name 给出区县名称，如：gridboard init 我的网站 --name 某某区（没有终端，无法询问）",
            "give the district's name with --name (there is no terminal to ask on)",
        )
    try:
        return input("区县名称，如 某某区 / district name: ")
    except EOFError:
        return ""


def ensure_empty(out: Path) -> None:
    """Refused unless `out` is absent or an empty folder, naming what is there."""
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise Refused(
            f"{out} 已存在，不是文件夹，不会覆盖", f"{out} exists and is not a folder: nothing written"
        )
    if out.is_dir():
        there = sorted(p.name for p in out.iterdir())
        if there:
            shown = "、".join(there[:5]) + (f" 等 {len(there)} 项" if len(there) > 5 else "")
            raise Refused(
                f"{out} 不是空文件夹（里面有 {shown}），不会覆盖任何文件：请换一个新的文件夹名",
                f"{out} is not empty (it holds {', '.join(there[:5])}{', …' if len(there) > 5 else ''}): "
                "nothing was written; choose a new folder",
            )


def write_empty(out: Path, name: str, launched: dt.date | None = None) -> None:
    """The new, empty site of district `name` into the empty or absent folder `out`, launched today
    unless told otherwise (site.launched: a board is not stale before the site is six months old)."""
    quoted = json.dumps(name, ensure_ascii=False)
    site_name = json.dumps(f"{name}党建网格", ensure_ascii=False)
    files = {
        "site_config.yml": SITE_CONFIG.format(
            guide=GUIDE,
            name=quoted,
            site_name=site_name,
            district_id=district_id(name),
            launched=(launched or dt.date.today()).isoformat(),
        ),
        "README.md": SITE_README.format(guide=GUIDE, name=name),
        "content/org.yml": ORG.format(guide=GUIDE),
        "content/grids/street-1.yml": GRIDS.format(guide=GUIDE),
    }
    for folder, (what, section, english) in FOLDERS.items():
        number = section.split()[0]
        files[f"content/{folder}/README.md"] = README.format(
            folder=folder, what=what, guide=GUIDE, section=section, number=number, english=english
        )
    for rel, text in files.items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8") as fh:  # "x": never over a file
            fh.write(text)
    write_schemas(out / "schemas")


def write_example(out: Path) -> None:
    """The example district (site_config.yml and content/) into the empty or absent folder `out`."""
    example = example_site()
    out.mkdir(parents=True, exist_ok=True)
    shutil.copytree(example / "content", out / "content", ignore=shutil.ignore_patterns(".*", "__pycache__"))
    with open(out / "site_config.yml", "xb") as fh:
        fh.write((example / "site_config.yml").read_bytes())
    write_schemas(out / "schemas")


def run(out: Path, name: str | None, example: bool) -> int:
    """`gridboard init`; returns the exit code (2 when refused)."""
    try:
        ensure_empty(out)
        if example:
            write_example(out)
        else:
            write_empty(out, check_name(ask_name() if name is None else name))
    except (Refused, FileExistsError) as err:
        zh, en = (
            (err.zh, err.en) if isinstance(err, Refused) else (f"{err.filename} 已存在，不会覆盖", str(err))
        )
        print(f"{zh}\n    ({en})", file=sys.stderr)
        return 2
    what = "示例网站 / the example site" if example else "新网站 / a new site"
    print(
        f"已生成{what}：{out}\n下一步 / next:\n  cd {out}\n  gridboard check\n  gridboard serve\n  gridboard build"
    )
    return 0
