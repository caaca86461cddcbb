"""`gridboard import story`: Word, saved web pages, WeChat articles and text files become draft stories
that pass the site's own checks. Every input is a small real file made here."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import TODAY, build_site, make_site, soup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from builder import pipeline
from builder.importers import story
from builder.importers.story_meta import parse_line
from builder.importers.story_text import junk_kind, punctuate
from builder.problems import ContentError
from builder.report import Report
from builder.sanitize import find_unsafe

FIELDS = ["title", "date", "tags", "draft", "source", "author", "photographer", "summary"]

# the top of a pasted government page (seed 002): empty anti-scraping tags, bullets, the page's date
JUNK_TOP = """<strike id="ymyim"></strike>
  • <abbr id="ymyim"></abbr>
  • <ul id="ymyim"></ul>
    <abbr id="ymyim"></abbr>
    <fieldset id="ymyim"><menu id="ymyim"></menu></fieldset>
  • <fieldset id="ymyim"><input id="ymyim"></input></fieldset>
    <ul id="ymyim"><sup id="ymyim"></sup></ul>
    2024年12月19日 星期四
"""
TRAD_TITLE = "激活“黨建+”生命力 全力打造“天橋樣板”"
TRAD_LEAD = "行穩方能致遠,根深才能葉茂。今年以來,天橋發展“1339”戰略藍圖已經繪就,黨建工作緊跟時代步伐。"
TRAD_TEXT = "黨建工作開展得怎么樣,直接影響到黨的凝聚力、影響力、戰斗力。"


def picture(fmt: str = "PNG", size=(120, 80)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (180, 20, 30)).save(out, fmt)
    return out.getvalue()


# ---- input files --------------------------------------------------------------------------


def word_file(folder: Path) -> Path:
    import docx

    d = docx.Document()
    d.add_paragraph("恒大城党员爱心驿站开门迎客", style="Title")
    d.add_paragraph("（记者 林小雨 通讯员 王强）")
    d.add_paragraph("发布日期：2026年10月8日")
    d.add_paragraph("10月8日上午,恒大城商业街党员爱心驿站正式挂牌.驿站依托药房设立,配有休息桌凳和热水。")
    d.add_heading("一杯热水，一个座位", level=1)
    d.add_paragraph("驿站提供这些服务：")
    for item in ("免费热水", "手机充电", "应急药箱"):
        d.add_paragraph(item, style="List Bullet")
    table = d.add_table(rows=3, cols=2)
    for r, row in enumerate([("服务", "开放时间"), ("热水", "8:00-20:00"), ("充电", "全天")]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    d.add_paragraph().add_run().add_picture(io.BytesIO(picture()))
    d.add_paragraph("环卫工人在驿站休息", style="Caption")
    d.add_heading("有事随时来找我们", level=2)
    d.add_paragraph().add_run("驿站管理办法").bold = True
    d.add_paragraph("网格长孙玉兰说,驿站就在网格里,有事随时来找我们!")
    d.add_paragraph("责任编辑：赵六")
    file = folder / "驿站.docx"
    d.save(file)
    return file


def government_page(folder: Path) -> Path:
    """A news page saved from a district government site: GB2312 declared, traditional text."""
    page = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{TRAD_TITLE}_濟南市天橋區人民政府</title><script>var tracker = 1;</script></head><body>
{JUNK_TOP}
<div class="nav"><a href="/">首页</a> &gt; <a href="/dj">黨建動態</a></div>
<div class="article">
<h1>{TRAD_TITLE}</h1>
<div class="info">發布日期:2020-06-30 &nbsp; 信息來源:濟南日報 【字体：大 中 小】</div>
<div class="TRS_Editor">
<p>&nbsp;&nbsp;{TRAD_LEAD}</p>
<p><strong>抓基礎 強隊伍</strong></p>
<p>\u3000\u3000{TRAD_TEXT}</p>
<p style="display:none">本文來自某某網站，轉載請注明</p>
<p style="text-align:center"><img src="http://www.tianqiao.gov.cn/images/chating.jpg"></p>
<p style="text-align:center">北關社區的“社區茶亭”</p>
<table><tr><th>項目</th><th>數量</th></tr><tr><td>網格</td><td>1153</td></tr>
<tr><td>網格員</td><td>9097</td></tr></table>
<p>編輯:時金</p>
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
<p>上一篇：天橋區召開黨建工作會議</p>
</div>
<div class="footer">版權所有 濟南市天橋區人民政府</div>
<script>alert(1)</script>
</body></html>"""
    file = folder / "tianqiao.html"
    file.write_bytes(page.encode("gb18030"))
    return file


def wechat_page(folder: Path) -> Path:
    """A WeChat article saved as "网页，全部": the picture is in wx_files/, the page's src a placeholder."""
    (folder / "wx_files").mkdir()
    (folder / "wx_files" / "640.jpeg").write_bytes(picture("JPEG", (200, 150)))
    placeholder = "data:image/svg+xml,%3Csvg%20xmlns%3D'http://www.w3.org/2000/svg'%3E%3C/svg%3E"
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<meta property="og:title" content="议事茶亭里的新办法"><title></title></head><body>
<div id="js_article" class="rich_media">
<h1 class="rich_media_title" id="activity-name">
  议事茶亭里的新办法
</h1>
<div id="meta_content" class="rich_media_meta_list"><span class="rich_media_meta_text">原创</span>
<span id="js_author_name" class="rich_media_meta_text">林小雨</span><a id="js_name">先锋兰苑</a>
<em id="publish_time"></em></div>
<div class="rich_media_content" id="js_content" style="visibility: hidden;">
<section><span style="font-size:15px">每周三晚上,居民们在茶亭里围坐,网格长把大家的意见记在本子上.</span></section>
<section style="text-align:center"><img class="rich_pages wxw-img" data-src="wx_files/640.jpeg"
 src="{placeholder}" data-type="jpeg"></section>
<section style="text-align:center"><span style="color:#888">▲茶亭里的议事会</span></section>
<p><span style="font-weight:bold">当场能办的当场办</span></p>
<p>大家提出的问题,当场能办的当场办,不能当场办的,网格员<strong>三天内</strong>答复.</p>
<p><a href="javascript:alert(1)">点这里</a>了解更多,详见<a href="https://www.gov.cn/">中国政府网</a>。</p>
<p>预览时标签不可点</p>
<p><br></p>
</div>
<div class="rich_media_tool"><a id="js_view_source">阅读原文</a> 阅读 1234 赞 12 在看 3</div>
<div id="js_pc_qr_code"><p>微信扫一扫<br>关注该公众号</p></div>
<div id="js_profile_qrcode"><strong class="profile_nickname">先锋兰苑</strong><p>继续滑动看下一个</p></div>
</div>
<script>var createTime = '2026-10-08 09:30';</script>
</body></html>"""
    file = folder / "wechat.html"
    file.write_text(page, encoding="utf-8")
    return file


def gbk_text(folder: Path) -> Path:
    """A text file saved by Notepad as ANSI (GB18030/GBK) on a Chinese Windows."""
    text = (
        "松林村召开网格议事会\r\n\r\n"
        "发布时间：2026年9月15日 10:30\r\n"
        "来源：测试区融媒体中心\r\n"
        "\u3000\u30009月15日,松林村党支部在村委会召开网格议事会,三个网格的网格长参加.\r\n"
        "【议事会上说了什么】\r\n"
        "\u3000\u3000大家讨论了冬季取暖(煤改电)和道路照明两件事.\r\n"
        "（记者 张三）\r\n"
    )
    file = folder / "songlin.txt"
    file.write_bytes(text.encode("gb18030"))
    return file


# ---- helpers ------------------------------------------------------------------------------


def do_import(site: Path, capsys, file: Path, **kw) -> tuple[Path, dict, str, str, str]:
    """Run the importer; (story file, front matter, body, stdout, stderr)."""
    code = story.run(file, site, today=TODAY, **kw)
    out = capsys.readouterr()
    assert code == 0, out.err
    target = site / re.search(r"已导入 imported: (\S+)", out.out).group(1)
    front, body = split(target.read_text(encoding="utf-8"))
    return target, front, body, out.out, out.err


def split(text: str) -> tuple[dict, str]:
    m = re.match(r"---\n(.*?)\n---\n(.*)", text, re.S)
    return yaml.safe_load(m.group(1)), m.group(2)


def html_of(body: str) -> BeautifulSoup:
    """The body as the site's Markdown makes it (without the page around it)."""
    from builder.markdown_setup import new_markdown

    return BeautifulSoup(new_markdown().convert(body), "html.parser")


def problems_about(site: Path, target: Path) -> list[str]:
    """Every problem `gridboard check` reports for the imported story."""
    report = Report()
    try:
        pipeline.check(site / "site_config.yml", TODAY, report)
    except ContentError:
        pass
    rel = target.relative_to(site).as_posix()
    return [p.format() for p in report.problems.items if p.path == rel]


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def site(tmp_path) -> Path:
    return make_site(tmp_path)


# ---- Word ---------------------------------------------------------------------------------


def test_word_document(site, tmp_path, capsys):
    target, front, body, out, _ = do_import(site, capsys, word_file(tmp_path))
    assert list(front)[: len(FIELDS)] == FIELDS
    assert front["title"] == "恒大城党员爱心驿站开门迎客"
    assert front["date"] == dt.date(2026, 10, 8)
    assert front["author"] == "林小雨、王强"
    assert front["draft"] is True and front["tags"] == [] and front["communities"] == []
    assert front["summary"] == "10月8日上午，恒大城商业街党员爱心驿站正式挂牌。"
    # the file name is the title's pinyin: "heng-dacheng-dangyuan-aixin-yizhan"
    assert target.parent == site / "content/stories/2026" and "dangyuan-aixin-yizhan" in target.stem
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", target.stem) and len(target.stem) <= 40
    assert "cover" not in front  # the picture comes after text: it stays in the body, not a cover
    assert (site / f"content/media/stories/2026/{target.stem}-1.png").read_bytes()[:4] == b"\x89PNG"

    page = html_of(body)
    assert [h.get_text() for h in page.find_all(["h1", "h2", "h3"])] == [
        "一杯热水，一个座位",
        "有事随时来找我们",
        "驿站管理办法",  # a short wholly bold paragraph is a subheading
    ]
    assert page.find("h1") is None
    assert [li.get_text() for li in page.select("ul li")] == ["免费热水", "手机充电", "应急药箱"]
    assert [th.get_text() for th in page.select("table thead th")] == ["服务", "开放时间"]
    assert [td.get_text() for td in page.select("table tbody td")] == ["热水", "8:00-20:00", "充电", "全天"]
    fig = page.find("figure")
    assert fig.img["src"] == f"media/stories/2026/{target.stem}-1.png"
    assert fig.figcaption.get_text() == "环卫工人在驿站休息"
    assert fig.img["alt"] == "环卫工人在驿站休息"
    text = page.get_text()
    assert "记者" not in text and "发布日期" not in text and "责任编辑" not in text and "赵六" not in text
    assert "驿站就在网格里，有事随时来找我们！" in text  # ASCII , and ! among Chinese made full-width
    html_lines = [line for line in body.splitlines() if line.lstrip().startswith("<")]
    assert all(line.startswith(("<figure>", "</figure>", "  <img ", "  <figcaption>")) for line in html_lines)
    assert "draft: true 改成 false" in out and target.stem in out
    assert problems_about(site, target) == []


def test_word_document_builds_with_its_picture(tmp_path, capsys):
    site = make_site(tmp_path)
    target, front, _, _, _ = do_import(site, capsys, word_file(tmp_path))
    target.write_text(
        target.read_text(encoding="utf-8").replace("draft: true", "draft: false"), encoding="utf-8"
    )
    out, report = build_site(site)
    assert [p.format() for p in report.problems.items if p.path.startswith("content/stories/2026/heng")] == []
    page = soup(out / "stories/2026" / target.stem / "index.html").select_one("article")
    assert page.h1.get_text(strip=True) == "恒大城党员爱心驿站开门迎客"
    assert "作者：林小雨、王强" in page.select_one(".gb-byline").get_text()
    assert [h.get_text(strip=True) for h in page.find_all("h2")][:2] == [
        "一杯热水，一个座位",
        "有事随时来找我们",
    ]
    assert any("驿站依托药房设立" in p.get_text() for p in page.find_all("p"))
    assert len(page.select("table tr")) == 3
    figure = page.find("figure")
    assert figure.figcaption.get_text(strip=True) == "环卫工人在驿站休息"
    src = figure.img["src"]
    assert not src.startswith(("http", "//", "/"))
    built = (out / "stories/2026" / target.stem / src).resolve()
    assert built.is_file() and built.read_bytes()[:4] == b"\x89PNG"


def test_word_document_without_title_style(site, tmp_path, capsys):
    import docx

    d = docx.Document()
    d.add_heading("网格议事会议定三件事", level=1)
    d.add_paragraph("2026年11月2日 来源：测试区融媒体中心")
    d.add_paragraph("11月2日，兰苑社区召开网格议事会，议定了三件事。")
    d.add_heading("议定事项", level=1)
    for item in ("楼道照明", "停车位划线", "垃圾分类督导"):
        d.add_paragraph(item, style="List Number")
    p = d.add_paragraph("会上，居民代表")
    p.add_run("逐项表决").italic = True
    p.add_run("，全部通过。")
    d.save(tmp_path / "议事会.docx")
    target, front, body, _, _ = do_import(site, capsys, tmp_path / "议事会.docx")
    assert (front["title"], front["date"], front["source"]) == (
        "网格议事会议定三件事",
        dt.date(2026, 11, 2),
        "测试区融媒体中心",
    )
    page = html_of(body)
    assert [h.get_text() for h in page.find_all(["h1", "h2"])] == [
        "议定事项"
    ]  # the first heading was the title
    assert [li.get_text() for li in page.select("ol li")] == ["楼道照明", "停车位划线", "垃圾分类督导"]
    assert page.find("em").get_text() == "逐项表决"
    assert problems_about(site, target) == []


def test_file_without_a_title_is_named_after_the_file(site, tmp_path, capsys):
    file = tmp_path / "网格员走访.txt"
    file.write_text("2026年11月2日，网格员走访了辖区内的独居老人，帮助他们检查取暖设备。\n", encoding="utf-8")
    _, front, _, _, err = do_import(site, capsys, file)
    assert front["title"] == "网格员走访" and "没有找到标题" in err


# ---- web pages ----------------------------------------------------------------------------


def test_government_page_in_traditional_characters_is_refused_until_told(site, tmp_path, capsys):
    page = government_page(tmp_path)
    before = files_under(site)
    assert story.run(page, site, today=TODAY) == 1
    err = capsys.readouterr().err
    assert "这篇文章是繁体字。加 --to-simplified 转成简体后导入，或加 --keep-traditional 按原文导入。" in err
    assert "(The text is in traditional Chinese" in err
    assert files_under(site) == before


def test_government_page_converted_to_simplified(site, tmp_path, capsys):
    target, front, body, out, err = do_import(site, capsys, government_page(tmp_path), to_simplified=True)
    assert front["title"] == "激活“党建+”生命力 全力打造“天桥样板”"
    assert front["date"] == dt.date(2020, 6, 30)  # the 发布日期 line, not the page's date of 2024
    assert front["source"] == "济南日报"
    assert front["summary"] == "行稳方能致远，根深才能叶茂。"
    assert target.parent.name == "2020"
    page = html_of(body)
    assert [h.get_text() for h in page.find_all("h2")] == ["抓基础 强队伍"]
    paragraphs = [p.get_text() for p in page.find_all("p")]
    assert paragraphs[0].startswith("行稳方能致远，根深才能叶茂。今年以来，天桥发展")
    assert paragraphs[1] == "党建工作开展得怎么样，直接影响到党的凝聚力、影响力、战斗力。"
    assert [td.get_text() for td in page.select("tbody td")] == ["网格", "1153", "网格员", "9097"]
    for junk in ("星期四", "•", "字体", "分享到", "上一篇", "编辑", "时金", "转载", "版权", "首页", "alert"):
        assert junk not in body, junk
    # the picture on the government site is not downloaded: a comment marks its place, a warning lists it
    assert "<!-- 未导入的图片 / image not imported: http://www.tianqiao.gov.cn/images/chating.jpg" in body
    assert "http://www.tianqiao.gov.cn/images/chating.jpg" in err and "content/media/stories/" in err
    assert "cover" not in front and "<img" not in body
    assert problems_about(site, target) == []


def test_government_page_kept_traditional(site, tmp_path, capsys):
    _, front, body, _, _ = do_import(site, capsys, government_page(tmp_path), to_simplified=False)
    assert front["title"] == TRAD_TITLE and front["source"] == "濟南日報"
    assert "黨建工作開展得怎么樣，直接影響到" in body


def test_wechat_article(site, tmp_path, capsys):
    target, front, body, out, _ = do_import(site, capsys, wechat_page(tmp_path))
    assert front["title"] == "议事茶亭里的新办法"
    assert front["date"] == dt.date(2026, 10, 8)
    assert (front["author"], front["source"]) == ("林小雨", "先锋兰苑")
    page = html_of(body)
    fig = page.find("figure")
    assert fig.figcaption.get_text() == "茶亭里的议事会"  # centred, after the picture, ▲ dropped
    saved = site / "content" / fig.img["src"]
    assert saved.suffix == ".jpg" and saved.read_bytes() == (tmp_path / "wx_files/640.jpeg").read_bytes()
    assert [h.get_text() for h in page.find_all("h2")] == ["当场能办的当场办"]
    assert page.find("strong").get_text() == "三天内"
    assert [a["href"] for a in page.find_all("a")] == ["https://www.gov.cn/"]  # javascript: dropped
    for junk in ("阅读原文", "预览时标签不可点", "扫一扫", "继续滑动", "在看", "1234"):
        assert junk not in body, junk
    assert "每周三晚上，居民们在茶亭里围坐，网格长把大家的意见记在本子上。" in page.get_text()
    assert problems_about(site, target) == []


def test_page_with_data_uri_picture_and_figcaption(site, tmp_path, capsys):
    import base64

    data = base64.b64encode(picture("PNG")).decode()
    file = tmp_path / "page.htm"
    file.write_text(
        '<html><head><meta charset="utf-8"><title>社区办起了暑期课堂 - 测试区新闻网</title></head><body>'
        '<div id="content"><p>发布时间：2026/7/20 09:00 作者：周海燕 浏览次数：35</p>'
        "<p>暑假里，社区的孩子们有了好去处。志愿者每天上午给孩子们<em>辅导功课</em>。</p>"
        "<ol><li>上午：辅导功课</li><li>下午：<b>读书会</b></li></ol>"
        f'<figure><img src="data:image/png;base64,{data}"><figcaption>志愿者给孩子们上课</figcaption></figure>'
        "<p>（王强 摄）</p>"
        '<p><img src="../secret.png"><img src="page_files/gone.jpg"></p></div></body></html>',
        encoding="utf-8",
    )
    (tmp_path.parent / "secret.png").write_bytes(picture("PNG"))  # beside, not inside, the page's folder
    _, front, body, _, err = do_import(site, capsys, file)
    assert front["title"] == "社区办起了暑期课堂"  # " - 测试区新闻网" stripped
    assert (front["date"], front["author"], front["photographer"]) == (dt.date(2026, 7, 20), "周海燕", "王强")
    fig = html_of(body).find("figure")
    assert fig.figcaption.get_text() == "志愿者给孩子们上课"
    assert (site / "content" / fig.img["src"]).read_bytes()[:4] == b"\x89PNG"
    assert "浏览次数" not in body and "摄" not in body
    page = html_of(body)
    assert page.find("em").get_text() == "辅导功课"
    assert [li.get_text() for li in page.select("ol li")] == ["上午：辅导功课", "下午：读书会"]
    # files outside the saved page's folder are never read; missing ones are named
    assert len(page.find_all("img")) == 1 and "secret.png" in err and "page_files/gone.jpg" in err
    assert "找不到的图片 / image file not found: ../secret.png" in body


def test_lead_picture_becomes_the_cover_with_its_caption(site, tmp_path, capsys):
    """A picture above the first paragraph is the cover (shown at the top of the page, on lists and
    screens), described by its caption, and leaves the body so the page does not show it twice."""
    import base64

    data = base64.b64encode(picture("PNG")).decode()
    file = tmp_path / "lead.html"
    file.write_text(
        '<html><head><meta charset="utf-8"><title>议事亭里议出加装电梯</title></head><body><article>'
        f'<p style="text-align:center"><img src="data:image/png;base64,{data}"></p>'
        '<p style="text-align:center">居民在议事亭讨论加装电梯方案</p>'
        "<p>发布日期：2026-09-12</p><p>九月的一个傍晚，裕华社区3号楼的居民聚在议事亭里。</p>"
        f'<p><img src="data:image/png;base64,{data}"></p><p>第二段文字。</p></article></body></html>',
        encoding="utf-8",
    )
    target, front, body, _, _ = do_import(site, capsys, file)
    assert front["cover"] == f"media/stories/2026/{target.stem}-1.png"
    assert front["cover_alt"] == "居民在议事亭讨论加装电梯方案"
    page = html_of(body)
    assert [img["src"] for img in page.find_all("img")] == [f"media/stories/2026/{target.stem}-2.png"]
    assert "居民在议事亭讨论加装电梯方案" not in body
    assert problems_about(site, target) == []


def test_communities_and_grids_named_in_the_text_are_suggested(site, tmp_path, capsys):
    file = tmp_path / "named.txt"
    file.write_text(
        "兰苑社区开展楼道清理\n发布日期：2026-11-02\n"
        "兰苑社区第1网格的党员志愿者带头清理楼道杂物，竹园社区也派人来学习。松林很美。\n",
        encoding="utf-8",
    )
    target, front, _, _, _ = do_import(site, capsys, file)
    assert front["communities"] == ["lanyuan", "zhuyuan"] and front["grids"] == ["ly-01"]
    assert "请核对" in target.read_text(encoding="utf-8")
    assert problems_about(site, target) == []  # the suggested ids are real


# ---- text files ---------------------------------------------------------------------------


def test_gbk_text_file(site, tmp_path, capsys):
    target, front, body, _, _ = do_import(site, capsys, gbk_text(tmp_path))
    assert front["title"] == "松林村召开网格议事会"
    assert (front["date"], front["source"], front["author"]) == (
        dt.date(2026, 9, 15),
        "测试区融媒体中心",
        "张三",
    )
    page = html_of(body)
    assert [h.get_text() for h in page.find_all("h2")] == ["议事会上说了什么"]
    assert [p.get_text() for p in page.find_all("p")] == [
        "9月15日，松林村党支部在村委会召开网格议事会，三个网格的网格长参加。",
        "大家讨论了冬季取暖（煤改电）和道路照明两件事。",
    ]
    assert problems_about(site, target) == []


def test_page_copied_as_text_with_its_junk(site, tmp_path, capsys):
    """Seed 002's shape: a page's text with its anti-scraping tags, bullets and header date on top."""
    file = tmp_path / "tianqiao.txt"
    lines = [TRAD_TITLE, "", "發布日期:2020-06-30", "", "信息來源:濟南日報", "", f"  {TRAD_LEAD}"]
    lines += ["  抓基礎 強隊伍", "  推動基層黨建工作提質增效", f"  {TRAD_TEXT}", "編輯:時金", "?"]
    file.write_text(JUNK_TOP + "\n".join(f"    {line}" for line in lines), encoding="utf-8")
    target, front, body, out, _ = do_import(site, capsys, file, to_simplified=True)
    assert (front["title"], front["date"], front["source"]) == (
        "激活“党建+”生命力 全力打造“天桥样板”",
        dt.date(2020, 6, 30),
        "济南日报",
    )
    page = html_of(body)
    # a two-line subheading is one heading
    assert [h.get_text() for h in page.find_all("h2")] == ["抓基础 强队伍：推动基层党建工作提质增效"]
    assert [p.get_text()[:6] for p in page.find_all("p")] == ["行稳方能致远", "党建工作开展"]
    assert "<" not in body and "星期" not in body and "时金" not in body
    assert "网页代码 HTML tags" in out and "页眉日期 page-header date 1" in out
    assert problems_about(site, target) == []


def test_text_file_without_a_date_uses_today_and_says_so(site, tmp_path, capsys):
    file = tmp_path / "a.txt"
    file.write_text(
        "网格员走访独居老人\n\n网格员每周上门看望独居老人，帮他们买菜、取药。\n", encoding="utf-8-sig"
    )
    target, front, _, _, err = do_import(site, capsys, file)
    assert front["date"] == TODAY and target.parent.name == str(TODAY.year)
    assert "没有找到发布日期" in err and "--date" in err


def test_date_and_slug_options(site, tmp_path, capsys):
    file = tmp_path / "a.txt"
    file.write_text("标题\n发布日期：2020-01-02\n正文第一段，写了一些内容。\n", encoding="utf-16")
    target, front, _, _, _ = do_import(site, capsys, file, slug="my-story", date=dt.date(2025, 3, 4))
    assert target == site / "content/stories/2025/my-story.md" and front["date"] == dt.date(2025, 3, 4)


# ---- never overwrite, bad inputs ----------------------------------------------------------


def test_importing_twice_writes_a_second_file(site, tmp_path, capsys):
    file = word_file(tmp_path)
    first, *_ = do_import(site, capsys, file)
    first_bytes = first.read_bytes()
    picture_bytes = (site / "content/media/stories/2026" / f"{first.stem}-1.png").read_bytes()
    second, front, _, _, err = do_import(site, capsys, file)
    assert second == first.with_name(f"{first.stem}-2.md")
    assert first.read_bytes() == first_bytes
    assert (site / "content/media/stories/2026" / f"{first.stem}-1.png").read_bytes() == picture_bytes
    assert (site / "content/media/stories/2026" / f"{first.stem}-2-1.png").is_file()
    assert "可能重复导入" in err and first.relative_to(site).as_posix() in err


@pytest.mark.parametrize(
    "name, content, says",
    [
        ("report.pdf", b"%PDF-1.4 ...", "不能导入 .pdf 文件"),
        ("old.doc", b"\xd0\xcf\x11\xe0", "另存为 .docx"),
        ("empty.txt", b"", "文件是空的"),
        ("empty.html", b"", "文件是空的"),
        ("picture.docx", picture("PNG"), "读不了这个 Word 文件"),
        ("renamed.txt", b"PK\x03\x04\x00\x00binary", "这不是文本文件"),
        ("blank.html", b"<html><body><script>x()</script></body></html>", "没有找到正文"),
    ],
)
def test_bad_inputs_write_nothing(site, tmp_path, capsys, name, content, says):
    file = tmp_path / name
    file.write_bytes(content)
    before = files_under(site)
    assert story.run(file, site, today=TODAY) == 1
    out = capsys.readouterr()
    assert says in out.err and "(" in out.err and "Traceback" not in out.err
    assert out.out == ""
    assert files_under(site) == before


def test_missing_file_and_bad_slug(site, tmp_path, capsys):
    assert story.run(tmp_path / "nothing.docx", site, today=TODAY) == 1
    assert "找不到文件" in capsys.readouterr().err
    file = gbk_text(tmp_path)
    assert story.run(file, site, today=TODAY, slug="中文名") == 1
    assert "只能用小写英文字母" in capsys.readouterr().err


# ---- the rules on their own ---------------------------------------------------------------


def test_punctuation_on_the_seed_text():
    assert punctuate(TRAD_LEAD) == (
        "行穩方能致遠，根深才能葉茂。今年以來，天橋發展“1339”戰略藍圖已經繪就，黨建工作緊跟時代步伐。"
    )
    assert (
        punctuate("制定區屬黨(工)委書記抓基層黨建突破項目21項")
        == "制定區屬黨（工）委書記抓基層黨建突破項目21項"
    )
    assert punctuate("如何設“星”?該區優化標準.") == "如何設“星”？該區優化標準。"
    # numbers, dates, web addresses and English stay as they are
    assert punctuate("共1,000人,增长3.5%") == "共1,000人，增长3.5%"
    assert punctuate("日期2020.06.30,详见http://www.a.gov.cn/x,y.html,谢谢") == (
        "日期2020.06.30，详见http://www.a.gov.cn/x,y.html，谢谢"
    )
    assert punctuate('Hello, world (really). 他说"你好"') == "Hello, world (really). 他说“你好”"


@pytest.mark.parametrize(
    "line, date, source, authors, photographers",
    [
        ("發布日期:2020-06-30", dt.date(2020, 6, 30), None, [], []),
        ("发布日期:21-06-09 09:53 信息来源: 字号:[ ]", dt.date(2021, 6, 9), "", [], []),
        (
            "来源：济南日报 作者：张三、李四 发布时间：2020年6月30日 10:30",
            dt.date(2020, 6, 30),
            "济南日报",
            ["张三", "李四"],
            [],
        ),
        ("（记者 张三 通讯员 李四）", None, None, ["张三", "李四"], []),
        ("记者 张三 通讯员 李四 报道", None, None, ["张三", "李四"], []),
        ("文/图 记者 于大龙", None, None, ["于大龙"], ["于大龙"]),
        (
            "文/图山东商报·速豹新闻记者 于大龙 通讯员 于飞",
            None,
            "山东商报·速豹新闻",
            ["于大龙", "于飞"],
            ["于大龙", "于飞"],
        ),
        ("济南日报记者 张三", None, "济南日报", ["张三"], []),
        ("（王强/摄影）", None, None, [], ["王强"]),
        ("图：王强", None, None, [], ["王强"]),
    ],
)
def test_metadata_lines(line, date, source, authors, photographers):
    found = parse_line(line)
    assert (found.date, found.source, found.authors, found.photographers) == (
        date,
        source,
        authors,
        photographers,
    )


@pytest.mark.parametrize(
    "line",
    ["图为社区活动现场", "时间过得真快", "来源于群众的智慧，要用到群众身上。", "2024年12月19日 星期四"],
)
def test_text_that_is_not_metadata(line):
    assert parse_line(line) is None


def test_editor_lines_are_not_authors():
    found = parse_line("責任編輯：王五")
    assert found.editor and found.authors == []


def test_page_junk():
    for junk in (
        "2024年12月19日 星期四",
        "•",
        "分享到：",
        "【字体：大 中 小】",
        "阅读 1234",
        "上一篇：某某",
        "?",
    ):
        assert junk_kind(junk), junk
    assert junk_kind("社区居民大会召开") is None


# ---- any input: a plan or an ImportFailure, never an exception ----------------------------

PIECES = ["<p>", "</p>", "<div>", "</div>", "<br>", "<b>", "</b>", "<table><tr><td>", "</td></tr></table>"]
PIECES += [
    "<ul><li>",
    "</ul>",
    "<h1>",
    "</h1>",
    "<img src='x.png'>",
    "<img data-src='//a.cn/1.jpg'>",
    "<figure>",
]
PIECES += [
    "<script>",
    "<!--",
    "-->",
    "<a href='javascript:x'>",
    "<a href='http://a.cn/(x)'>",
    "</a>",
    "&nbsp;",
]
PIECES += [
    "发布日期：",
    "2020-06-30",
    "2020年13月45日",
    "来源：",
    "记者 ",
    "（",
    "）",
    "摄",
    "编辑:",
    "文/图",
]
PIECES += ["张三", "。", ",", ".", '"', "“", "【", "】", "**", "_", "#", "> ", "1. ", "|", "\u3000", "\u200b"]
PIECES += ["\n", "\n\n", " ", "黨建", "天橋", "社区网格员走访居民", "data:image/png;base64,iVBOR", "\x00"]
page_like = st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=60).map("".join)


@settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=page_like, suffix=st.sampled_from([".html", ".txt"]), simplify=st.sampled_from([None, True, False])
)
def test_any_page_gives_a_plan_or_a_failure(tmp_path, text, suffix, simplify):
    file = tmp_path / f"page{suffix}"
    file.write_text(text, encoding="utf-8", errors="surrogatepass")
    (tmp_path / "content").mkdir(exist_ok=True)
    try:
        plan = story.prepare(file, tmp_path, to_simplified=simplify, today=TODAY)
    except story.ImportFailure as err:
        assert err.zh and err.en
        return
    front, body = split(plan.text)
    assert front["title"] == plan.fields.title and front["draft"] is True
    assert re.fullmatch(r"[a-z0-9][a-z0-9_-]*", plan.slug)
    assert find_unsafe(body) == {}
    assert not re.search(r"<(?!/?(?:figure|figcaption|img)[\s>]|!--)[A-Za-z/!?]", body)  # no other raw HTML
