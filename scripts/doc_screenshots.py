"""Make the content guide's import examples and screenshots (docs/examples/, docs/images/).

    .venv/bin/python scripts/doc_screenshots.py

Writes two sample files staff can try the commands on — docs/examples/网格台账示例.xlsx (an edited
ledger for the example district: one grid's households changed, a new grid) and
docs/examples/新闻稿示例.docx (a Word story with a by-line, a lead picture and its caption, a
subheading, a list and a table) — then imports both into a copy of the example district with the
real commands, builds it, and photographs the resulting grid and story pages in Debian's Chromium
at phone size (390×844). The command output shown in the guide is written beside the pictures.
Needs the test extras (python-docx, Pillow, Playwright) and Chromium (bash scripts/test.sh).
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "docs" / "examples"
IMAGES = ROOT / "docs" / "images"
TODAY = "2026-11-20"
PHONE = {"width": 390, "height": 844}


def ledger(path: Path) -> None:
    """The example district's ledger for 华山湖社区 as the community keeps it, with two edits."""
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "华山湖社区"
    ws.append(["华山湖社区网格台账（2026年11月）"])
    ws.merge_cells("A1:J1")
    ws.append(
        [
            "街道",
            "社区",
            "网格名称",
            "网格类型",
            "户数（户）",
            "网格长",
            "联系电话",
            "专职网格员",
            "联系电话",
            "党支部",
        ]
    )
    rows = [
        ["华山街道", "华山湖社区", "华山湖社区第一网格", "基础网格", 496, "武新华", "13800001806", "仲美华", "13800001813", "华山湖社区第一网格党支部"],
        [None, None, "华山湖社区第二网格", "基础网格", 472, "万淑琴", "13800001834", "亓新峰", "13800001841", "华山湖社区第二网格党支部"],
        [None, None, "华山湖北门商铺专属网格", "专属网格", 36, "万淑琴", "13800001834", "巩丽萍", "13800001855", None],
    ]  # fmt: skip
    for row in rows:
        ws.append(row)
    ws.merge_cells("A3:A5")  # street and community merged down the block, as ledgers do
    ws.merge_cells("B3:B5")
    for col, width in zip("ABCDEFGHIJ", (10, 12, 24, 10, 10, 8, 14, 10, 14, 26), strict=True):
        ws.column_dimensions[col].width = width
    book.save(path)


def picture() -> bytes:
    """A simple drawn picture standing in for a photo (the example district has no real photos)."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (960, 600), (236, 242, 248))
    d = ImageDraw.Draw(img)
    d.rectangle((0, 420, 960, 600), fill=(196, 214, 180))
    d.polygon([(180, 420), (330, 250), (480, 420)], fill=(200, 40, 40))
    d.rectangle((520, 260, 860, 420), fill=(250, 250, 250), outline=(120, 120, 120), width=4)
    d.rectangle((640, 330, 740, 420), fill=(150, 110, 80))
    for x in (300, 380, 600, 780):
        d.ellipse((x, 440, x + 40, 480), fill=(60, 60, 60))
        d.rectangle((x + 8, 480, x + 32, 560), fill=(40, 80, 160))
    out = io.BytesIO()
    img.save(out, "PNG", optimize=True)
    return out.getvalue()


def story(path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("华山湖社区网格员上门登记“一老一小”需求", style="Title")
    d.add_paragraph("（记者 程雪 通讯员 仲美华）")
    d.add_paragraph("发布日期：2026年11月18日")
    d.add_paragraph().add_run().add_picture(io.BytesIO(picture()), width=docx.shared.Cm(15))
    d.add_paragraph("网格员在 A 区 3 号楼为老人登记助餐需求", style="Caption")
    d.add_paragraph(
        "入冬以来,华山湖社区的网格员分楼栋走访回迁居民,为独居老人和双职工家庭的孩子登记服务需求."
        "两周里共走访488户,登记助餐、代办、接送等需求63项。"
    )
    d.add_heading("需求登记到楼栋", level=1)
    d.add_paragraph("网格员把需求分成三类，逐项落实到人：")
    for item in (
        "助餐：由社区长者食堂每日送餐上门",
        "代办：高龄津贴、养老认证由网格员代办",
        "接送：志愿者放学时段在小区门口值守",
    ):
        d.add_paragraph(item, style="List Bullet")
    table = d.add_table(rows=4, cols=2)
    for r, row in enumerate([("类别", "登记数"), ("助餐", "27"), ("代办", "22"), ("接送", "14")]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    d.add_paragraph("网格长武新华说,登记只是第一步,每一项需求都要有回音.")
    d.add_paragraph("责任编辑：李明")
    d.save(path)


def gridboard(site: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "builder", *args, "--config", str(site / "site_config.yml")],
        capture_output=True,
        text=True,
        check=True,
        cwd=site,
    )
    return (done.stdout + done.stderr).strip()


def main() -> int:
    EXAMPLES.mkdir(parents=True, exist_ok=True)
    IMAGES.mkdir(parents=True, exist_ok=True)
    xlsx, word = EXAMPLES / "网格台账示例.xlsx", EXAMPLES / "新闻稿示例.docx"
    ledger(xlsx)
    story(word)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "district"
        shutil.copytree(ROOT / "content", site / "content")
        shutil.copy(ROOT / "site_config.yml", site)
        logs = [
            "$ gridboard import grids docs/examples/网格台账示例.xlsx",
            gridboard(site, "import", "grids", str(xlsx), "--today", TODAY).replace(str(site) + "/", ""),
            "",
            "$ gridboard import story docs/examples/新闻稿示例.docx",
            gridboard(site, "import", "story", str(word), "--today", TODAY).replace(str(site) + "/", ""),
        ]
        [md] = (site / "content" / "stories" / "2026").glob("huashanhu*.md")
        (EXAMPLES / "新闻稿示例-导入结果.md").write_text(md.read_text(encoding="utf-8"), encoding="utf-8")
        md.write_text(
            md.read_text(encoding="utf-8").replace("draft: true", "draft: false", 1), encoding="utf-8"
        )
        (EXAMPLES / "导入命令的输出.txt").write_text("\n".join(logs) + "\n", encoding="utf-8")
        gridboard(site, "build", "--today", TODAY, "--out", str(site / "site"))
        shoot(
            site / "site",
            {
                "import-grid.png": ("grids/hsh-05/", False),
                "import-story.png": (f"stories/2026/{md.stem}/", True),
            },
        )
    for p in sorted([*IMAGES.glob("import-*"), *EXAMPLES.iterdir()]):
        print(p.relative_to(ROOT), p.stat().st_size)
    return 0


def shoot(site: Path, pages: dict[str, tuple[str, bool]]) -> None:
    """Screenshot each page (name → (url, whole page)) at phone size."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    chromium = os.environ.get("GRIDBOARD_CHROMIUM", "/usr/bin/chromium")
    try:
        with (
            sync_playwright() as pw,
            contextlib.closing(
                pw.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            ) as browser,
        ):
            page = browser.new_page(viewport=PHONE, locale="zh-CN")
            for name, (url, whole) in pages.items():
                page.goto(f"http://127.0.0.1:{server.server_port}/{url}")
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(IMAGES / name), full_page=whole)
    finally:
        server.shutdown()


if __name__ == "__main__":
    sys.exit(main())
