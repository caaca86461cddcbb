"""`gridboard import story` on articles copied from news sites as plain text (issue 19): the title
among the first lines, the paper's name as the source, sub-headings, lines broken mid-sentence,
captions left in the text, and no date. Every article here is written for these tests, in the
shapes real copied articles have."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import TODAY, make_site
from test_import_story import do_import, html_of, problems_about, split

from builder.importers import story
from builder.importers.story_lines import outlet
from builder.importers.story_meta import parse_line
from builder.importers.story_tidy import Article, tidy
from builder.importers.story_txt import read_txt

IND = "\u3000\u3000"
P1 = (
    IND
    + "冬日的清晨，兰苑社区党群服务中心里已经坐满了前来办事的居民。今年以来，社区把辖区划分为12个网格，每个网格配备一名网格长和两名网格员。"
)
P2 = (
    IND
    + "社区党委按照“一网格一支部”的思路，在每个网格建立党小组，全社区168名党员全部编入网格，每月至少参加一次网格服务活动。"
)
P3 = (
    IND
    + "社区联合辖区内的学校、医院和物业公司，建立共建单位联席会议制度，每季度召开一次会议，商量解决停车难、楼道照明等问题。"
)

# A: the title first, the paper's name, the reporters; sub-headings of two phrases apart by a
# full-width space; a sentence broken where a paged web article turned its page; a caption
ARTICLE_A = f"""兰苑社区：小网格撑起大服务 党员带头解民忧
北方晚报·北方壹点
记者 林小雨
通讯员 王强 赵敏

{P1}
{IND}“以前找人办事要跑好几趟，现在在楼下就能找到网格员。”家住3号楼的居民刘阿姨说。

织密组织网络　让服务触角延伸到每个楼栋
{IND}社区党委按照“一网格一支部”的思路，在每个网格建立党小组。党员亮身份、领任务，每月至少参加一次网格服务活动。随着网格党建工作的不断
深入，居民反映的问题越来越多地在网格里就地解决，今年累计办结群众诉求300余件。
{IND}图为网格员在为居民登记取暖需求。
{IND}网格长孙玉兰告诉记者，网格员每周至少走访一遍自己负责的楼栋，独居老人家里每周去两次。

整合共建资源　把实事办到群众的心坎上
{P3}
{IND}今年夏天，共建单位出资为老旧小区加装了路灯，居民晚上出门再也不用摸黑了。社区还开设了“四点半课堂”，由党员志愿者为孩子辅导作业。
"""

# B: a photo caption first, then the title, the paper, the reporters and the date; sub-headings
# without a space between paragraphs; two lines broken mid-sentence
ARTICLE_B = f"""竹园社区广场上的消夏晚会节目丰富多彩。
竹园社区党员志愿服务队办起“家门口”的暑期课堂
东湖日报
记者 陈晓 李明
通讯员 周静
2026年7月18日 09:30

{IND}7月17日下午，竹园社区党群服务中心的活动室里传出阵阵笑声，二十多名孩子正跟着党员志愿者学习剪纸。这是竹园社区今年暑假开办的“家门口”课堂的第三期。
党员轮流值守让双职工家庭的孩子假期有了好去处
{IND}据了解，竹园社区共有双职工家庭400余户，每到假期，孩子无人看管成了不少家长的心事。今年6月，社区党支部召开网格议事会，决定由党员志愿者轮流值守，把活动室变成孩子们的暑期课堂
，每周一至周五开放。
{IND}“孩子放在这里我们很放心，下班顺路就接回家了。”居民张女士说。社区党支部书记王海介绍，社区还邀请了辖区学校的退休教师担任顾问，帮助志愿者设计课程内容，让孩子们在快乐中学到
知识。
退休教师当顾问帮助志愿者把课程设计得更有意思
{IND}暑期课堂开办以来，已累计服务孩子1200余人次，参与的党员志愿者有46名。下一步，社区将把课堂的经验推广到周边小区，让更多家庭受益。
"""


# ---- helpers ------------------------------------------------------------------------------


@pytest.fixture
def site(tmp_path) -> Path:
    return make_site(tmp_path)


def tidied(tmp_path: Path, text: str, name: str = "文章.txt") -> Article:
    file = tmp_path / name
    file.write_text(text, encoding="utf-8")
    return tidy(read_txt(file), fallback_title=file.stem)


def plan_of(site: Path, tmp_path: Path, text: str) -> story.Plan:
    file = tmp_path / "文章.txt"
    file.write_text(text, encoding="utf-8")
    return story.prepare(file, site, today=TODAY)


def squeeze(text: str) -> str:
    return re.sub(r"[\s\u3000]+", "", text)


def assert_no_sentence_lost(source: str, front: dict, body: str) -> None:
    """Every sentence and line of `source` (split on 。！？ and line ends) is in the story as read:
    the body's text, or the front matter; a by-line's names in author/photographer."""
    fields = " ".join(str(v) for v in front.values())
    said = squeeze(html_of(body).get_text() + fields)
    for piece in re.split(r"[。！？\n]", source):
        piece = piece.strip(" \u3000”“")
        if not piece or squeeze(piece) in said:
            continue
        line = parse_line(piece, near_top=True)
        assert line is not None and (line.names_people or line.date), f"lost: {piece}"
        for name in line.authors + line.photographers:
            assert name in fields, f"lost name: {name} ({piece})"


def test_the_sentence_helper_can_fail():
    with pytest.raises(AssertionError, match="lost: 第二句"):
        assert_no_sentence_lost("第一句。第二句。", {"title": ""}, "第一句。\n")
    with pytest.raises(AssertionError, match="lost name: 林小雨"):
        assert_no_sentence_lost("记者 林小雨\n第一句。", {"author": "王强"}, "第一句。\n")


# ---- 1. the title --------------------------------------------------------------------------


def test_title_on_the_first_line_above_the_paper_and_the_reporters(tmp_path):
    article = tidied(tmp_path, ARTICLE_A)
    assert article.title == "兰苑社区：小网格撑起大服务 党员带头解民忧" and not article.title_from_file_name
    assert article.blocks[0].text.startswith("冬日的清晨")


def test_title_after_a_photo_caption(tmp_path):
    article = tidied(tmp_path, ARTICLE_B)
    assert article.title == "竹园社区党员志愿服务队办起“家门口”的暑期课堂"
    assert (article.blocks[0].kind, article.blocks[0].text) == (
        "caption",
        "竹园社区广场上的消夏晚会节目丰富多彩。",
    )
    assert article.blocks[1].text.startswith("7月17日下午")


@pytest.mark.parametrize(
    "title, after",
    [
        ("家门口的暑期课堂开课啦！", "记者 林小雨"),  # a title may end with ！ or ？
        ("老旧小区加装电梯怎么办？兰苑社区把议事会开到了楼道里请居民一起商量出办法", "东湖日报"),  # 38
        ("兰苑社区党员志愿者为辖区独居老人送去冬季取暖用品", P1),  # the text right after it
    ],
)
def test_title_shapes(tmp_path, title, after):
    article = tidied(tmp_path, f"{title}\n{after}\n记者 林小雨\n{P1}\n{P2}\n")
    assert article.title == title and all(b.text != title for b in article.blocks)


@pytest.mark.parametrize(
    "text",
    [
        "网格员走访独居老人，帮他们买菜、取药。\n记者 林小雨\n网格员每周上门一次，风雨无阻。\n",
        "网格员每周上门看望独居老人。\n社区还为老人装了呼叫器，有事一按就到。\n",
        "社区的党员志愿者在广场上为居民义诊。\n社区在推进网格化管理的\n过程中，坚持党建引领。\n",
    ],
)
def test_a_sentence_or_a_broken_line_is_no_title(tmp_path, text):
    article = tidied(tmp_path, text, name="走访.txt")
    assert article.title == "走访" and article.title_from_file_name


# ---- 2. the source -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "paper", ["北方晚报·北方客户端", "东湖日报", "兰苑新闻网", "测试区融媒体中心", "东湖日报 | 东湖新闻"]
)
def test_the_paper_alone_on_a_line_is_the_source(tmp_path, paper):
    article = tidied(tmp_path, f"网格员走访独居老人\n{paper}\n记者 林小雨\n{P1}\n{P2}\n")
    assert article.found.source == paper and article.found.authors == ["林小雨"]
    assert all(paper not in b.text for b in article.blocks)


@pytest.mark.parametrize(
    "line, paper",
    [
        ("东湖日报 2026年7月18日", "东湖日报"),
        ("2026-07-18 09:30　东湖日报·东湖客户端", "东湖日报·东湖客户端"),
    ],
)
def test_the_paper_with_the_date(tmp_path, line, paper):
    article = tidied(tmp_path, f"网格员走访独居老人\n{line}\n{P1}\n{P2}\n")
    assert article.found.source == paper
    assert article.found.date.isoformat() == "2026-07-18" and len(article.blocks) == 2


def test_a_paper_named_in_the_text_stays_there(tmp_path):
    article = tidied(tmp_path, f"网格员走访独居老人\n{P1}\n{P2}\n东湖日报\n{P3}\n")
    assert article.found.source is None and "东湖日报" in [b.text for b in article.blocks]


@pytest.mark.parametrize(
    "line", ["织密组织网络 让服务触角延伸到楼栋", "情况通报", "记者 林小雨", "今天的东湖日报。"]
)
def test_lines_that_name_no_paper(line):
    assert outlet(line) is None


# ---- 3. sub-headings -----------------------------------------------------------------------


def test_subheadings_between_paragraphs(tmp_path):
    article = tidied(tmp_path, ARTICLE_B)
    assert [b.text for b in article.blocks if b.kind == "heading"] == [
        "党员轮流值守让双职工家庭的孩子假期有了好去处",  # 22 characters
        "退休教师当顾问帮助志愿者把课程设计得更有意思",
    ]
    spaced = tidied(tmp_path, f"标题在这里\n{P1}\n整合共建资源　把实事办到辖区群众的心坎上去\n{P3}\n")
    assert [(b.kind, b.md) for b in spaced.blocks][1] == (
        "heading",
        "整合共建资源 把实事办到辖区群众的心坎上去",
    )


@pytest.mark.parametrize(
    "line",
    [
        "社区党委在每个网格建立党小组，全社区党员全部编入网格，",  # ends a clause
        "社区党委在每个网格都建立了党小组而且全社区的党员都已经编入网格并且每月参加服务",  # 40 characters
    ],
)
def test_long_lines_that_are_no_subheading(tmp_path, line):
    article = tidied(tmp_path, f"标题在这里\n{P1}\n{line}\n{P3}\n")
    assert not [b for b in article.blocks if b.kind == "heading"]


# ---- 4. lines broken mid-sentence ----------------------------------------------------------


@pytest.mark.parametrize(
    "first, second",
    [
        ("随着网格党建工作的不断", "深入，居民反映的问题越来越多地在网格里就地解决。"),  # ends on 的不断
        ("社区党委召开了网格议事会。会上大家讨论了楼道照明和停车位划线", "两件事，当场定了办法。"),
        ("社区决定由党员志愿者轮流值守，把活动室变成孩子们的暑期课堂", "，每周一至周五开放。"),
    ],
)
def test_a_line_broken_mid_sentence_is_joined(site, tmp_path, first, second):
    plan = plan_of(site, tmp_path, f"标题在这里\n{P1}\n{first}\n{second}\n{P3}\n")
    texts = [b.text for b in plan.article.blocks]
    assert texts[1] == first + second and len(texts) == 3
    [said] = [w for w in plan.warnings.items if "断成了两行" in w.message]
    assert f"共 1 处：“…{first[-8:]}｜{second[:8]}…”" in said.message
    assert plan.text.split("\n")[said.line - 1].replace("\\", "") == first + second  # its line


def test_a_line_broken_inside_a_word(tmp_path):
    """'…工作的不断深' / '入，…': the next line starts with one character and a comma; or the text
    indents its paragraphs and the next line is not indented."""
    cut = "随着网格党建工作的不断深"
    rest = "入，居民反映的问题越来越多地在网格里就地解决。"
    indented = (f"{IND}随着网格党建工作的不断深入", "居民反映的问题越来越多地在网格里就地解决。")
    for first, second in [(cut, rest), indented]:
        blocks = tidied(tmp_path, f"标题在这里\n{P1}\n{first}\n{second}\n{P3}\n").blocks
        assert [b.text for b in blocks][1] == (first + second).strip() and len(blocks) == 3


def test_a_paragraph_that_lost_its_last_stop_is_not_joined_to_the_next(tmp_path):
    """Where the text indents its paragraphs, an indented line starts a new one."""
    unfinished = P2.rstrip("。")
    article = tidied(tmp_path, f"标题在这里\n{P1}\n{unfinished}\n{P3}\n")
    assert [b.text for b in article.blocks] == [P1.strip(), unfinished.strip(), P3.strip()]
    flush = tidied(tmp_path, f"标题在这里\n{P1.strip()}\n{unfinished.strip()}\n{P3.strip()}\n")
    assert len(flush.blocks) == 2  # no indents to tell: joined (and the user is told)


def test_a_subheading_is_not_joined_to_its_paragraph(tmp_path):
    article = tidied(tmp_path, f"标题在这里\n{P1}\n织密组织网络 让服务触角延伸到楼栋\n{P2}\n")
    assert [b.kind for b in article.blocks] == ["para", "heading", "para"]


# ---- 5. captions in the text ---------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "图为网格员在为居民登记取暖需求。",
        "▲党员志愿者在广场上为居民义诊。",
        "居民在议事亭里讨论加装电梯方案。",
    ],
)
def test_a_caption_alone_between_paragraphs(site, tmp_path, line):
    plan = plan_of(site, tmp_path, f"标题在这里\n{P1}\n{line}\n{P2}\n")
    shown = line.lstrip("▲")
    assert f"\n*{shown}*\n" in plan.text
    assert html_of(split(plan.text)[1]).find("em").get_text() == shown
    [said] = [w for w in plan.warnings.items if "当作图片说明" in w.message]
    assert plan.text.split("\n")[said.line - 1] == f"*{shown}*"


@pytest.mark.parametrize("credit", ["（林小雨 摄）", " 记者 林小雨 摄"])
def test_a_caption_with_the_photographer(tmp_path, credit):
    text = f"社区广场上的晚会节目丰富多彩。{credit}\n竹园社区暑期课堂开课了\n记者 陈晓\n{P1}\n图为居民在议事。{credit}\n{P2}\n"
    article = tidied(tmp_path, text)
    assert article.title == "竹园社区暑期课堂开课了" and article.found.photographers == ["林小雨"]
    captions = [b.text for b in article.blocks if b.kind == "caption"]
    assert captions == ["社区广场上的晚会节目丰富多彩。", "图为居民在议事。"]


@pytest.mark.parametrize(
    "line", ["这样的变化，居民们都看在眼里。", "“有事就找网格员。”", "我们社区的事大家一起办。"]
)
def test_a_short_paragraph_is_no_caption(tmp_path, line):
    article = tidied(tmp_path, f"标题在这里\n{P1}\n{line}\n{P2}\n")
    assert [b.kind for b in article.blocks] == ["para", "para", "para"]


def test_a_caption_stays_text(site, tmp_path):
    line = "图为*党员*在<志愿者>服务站_前_[合影](http://a.b)。"
    plan = plan_of(site, tmp_path, f"标题在这里\n{P1}\n{line}\n{P2}\n")
    page = html_of(split(plan.text)[1])
    assert page.find("em").get_text() == line and len(page.find_all("em")) == 1
    assert not page.find("a") and not page.find("志愿者")


# ---- 6. no date ----------------------------------------------------------------------------


def test_no_date_is_said_in_the_front_matter_too(site, tmp_path):
    plan = plan_of(site, tmp_path, ARTICLE_A)
    line = next(x for x in plan.text.splitlines() if x.startswith("date:"))
    assert "没有找到发布日期" in line and "no date in the text" in line
    assert split(plan.text)[0]["date"] == TODAY
    dated = plan_of(site, tmp_path, ARTICLE_B)
    assert "没有找到发布日期" not in dated.text and split(dated.text)[0]["date"].isoformat() == "2026-07-18"


# ---- the two articles, end to end ---------------------------------------------------------


def test_article_a_end_to_end(site, tmp_path, capsys):
    file = tmp_path / "lanyuan.txt"
    file.write_text(ARTICLE_A, encoding="utf-8")
    target, front, body, out, err = do_import(site, capsys, file)
    assert (front["title"], front["source"], front["author"]) == (
        "兰苑社区：小网格撑起大服务 党员带头解民忧",
        "北方晚报·北方壹点",
        "林小雨、王强、赵敏",
    )
    page = html_of(body)
    assert [h.get_text() for h in page.find_all("h2")] == [
        "织密组织网络 让服务触角延伸到每个楼栋",
        "整合共建资源 把实事办到群众的心坎上",
    ]
    assert [e.get_text() for e in page.find_all("em")] == ["图为网格员在为居民登记取暖需求。"]
    assert "工作的不断深入，居民" in body and err.count("断成了两行") == 1 and "共 1 处" in err
    assert front["title"] not in body and "北方晚报" not in body and "记者" not in body.split("网格长")[0]
    assert_no_sentence_lost(ARTICLE_A, front, body)
    assert problems_about(site, target) == []


def test_article_b_end_to_end(site, tmp_path, capsys):
    file = tmp_path / "zhuyuan.txt"
    file.write_text(ARTICLE_B, encoding="utf-8")
    target, front, body, out, err = do_import(site, capsys, file)
    assert (front["title"], front["source"], front["author"], front["date"].isoformat()) == (
        "竹园社区党员志愿服务队办起“家门口”的暑期课堂",
        "东湖日报",
        "陈晓、李明、周静",
        "2026-07-18",
    )
    page = html_of(body)
    assert len(page.find_all("h2")) == 2 and page.find("em").get_text().endswith("丰富多彩。")
    assert "暑期课堂，每周一至周五开放。" in body and "快乐中学到知识。" in body
    assert (
        "没有找到标题" not in err
        and err.count("断成了两行") == 2
        and err.count("当作图片说明") == 1
        and "zhuyuan" not in front["title"]
    )
    assert_no_sentence_lost(ARTICLE_B, front, body)
    assert problems_about(site, target) == []


def test_a_reporter_credited_for_the_photo():
    line = parse_line("记者 林小雨 摄")
    assert line is not None and line.photographers == ["林小雨"]
