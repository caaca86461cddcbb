"""`gridboard init`: a new district's site that checks and builds at once and carries none of the
example district's names; the example on request; never over anything. The files a site makes for
its authors (`new story`, the story importer, the grid ledger template) name the site's own places."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, TODAY, make_site, soup
from openpyxl import load_workbook

from builder.cli import main
from builder.importers.org_index import bare

KINDS = ["grids", "showcase", "studios", "services", "board", "stories", "pages", "media"]
DIRECT = ["历城", "恒大城", "hengdacheng", "hdc-01", "王舍人", "licheng", "0531-", "370112"]


def example_names() -> set[str]:
    """Every name the example district uses: district, streets, communities, grids, people."""
    config = yaml.safe_load((ROOT / "site_config.yml").read_text(encoding="utf-8"))
    names = {config["site"]["name"], config["district"]["name"], config["district"]["id"], *DIRECT}
    org = yaml.safe_load((ROOT / "content" / "org.yml").read_text(encoding="utf-8"))
    for street in org["streets"]:
        names |= {street["id"], street["name"], bare(street["name"])}
        for c in street["communities"]:
            names |= {c["id"], c["name"], bare(c["name"])}
    for f in (ROOT / "content" / "grids").glob("*.yml"):
        for grid in yaml.safe_load(f.read_text(encoding="utf-8")):
            names |= {grid["id"], grid["name"], *(m["name"] for m in grid.get("team", []))}
    for kind in ("members", "wishes"):  # ids (m-zhao-lei, w-hdc-001) and the members' names
        for f in (ROOT / "content" / kind).glob("*.yml"):
            for record in yaml.safe_load(f.read_text(encoding="utf-8")):
                names |= {record["id"], record.get("name", "")}
    return {n for n in names if len(n) >= 2}


def names_in(folder: Path) -> dict[str, list[str]]:
    """Example names found in any file under `folder` (by file)."""
    names = example_names()
    found = {}
    for f in sorted(folder.rglob("*")):
        if f.is_file():
            text = f.read_bytes().decode("utf-8", "replace")
            hits = sorted(n for n in names if n in text)
            if hits:
                found[f.relative_to(folder).as_posix()] = hits
    return found


def init(*args: str) -> int:
    return main(["init", *map(str, args)])


@pytest.fixture
def saihan(tmp_path, monkeypatch):
    """A new site for 赛罕区, as `gridboard init` writes it."""
    site = tmp_path / "saihan"
    with monkeypatch.context() as m:
        m.setattr("sys.stdin", io.StringIO(""))  # no terminal: --name is enough, nothing asked
        assert init(site, "--name", "赛罕区") == 0
    return site


def test_new_site_has_every_kind_a_readme_and_no_example_names(saihan):
    config = yaml.safe_load((saihan / "site_config.yml").read_text(encoding="utf-8"))
    assert config["district"] == {"id": "saihan", "name": "赛罕区"}
    assert "赛罕区" in config["site"]["name"]
    for kind in KINDS:
        readme = (saihan / "content" / kind / "README.md").read_text(encoding="utf-8")
        first = next(line for line in readme.splitlines()[1:] if line.strip())
        assert re.match(r"[\u4e00-\u9fff]", first), (kind, first)  # Chinese first
        assert re.search(r"内容编写指南》 ?3\.\d+", readme), kind
    assert (saihan / "schemas" / "grid.schema.json").is_file()
    org = yaml.safe_load((saihan / "content" / "org.yml").read_text(encoding="utf-8"))
    assert org["streets"][0]["name"] == "某某街道"
    assert org["streets"][0]["communities"][0]["name"] == "某某社区"
    grids = yaml.safe_load((saihan / "content" / "grids" / "street-1.yml").read_text(encoding="utf-8"))
    assert [g["name"] for g in grids] == ["某某社区第一网格"]
    assert names_in(saihan) == {}


def test_new_site_checks_and_builds_at_once(saihan, capsys):
    config = saihan / "site_config.yml"
    assert main(["check", "--config", str(config), "--today", TODAY.isoformat()]) == 0
    out = saihan / "site"
    assert main(["build", "--config", str(config), "--today", TODAY.isoformat(), "--out", str(out)]) == 0
    assert "错误" not in capsys.readouterr().err
    home = soup(out / "index.html")
    assert "赛罕区" in home.title.get_text()
    grid = soup(out / "grids" / "grid-1" / "index.html")
    assert "某某社区第一网格" in grid.h1.get_text()
    assert not [p for p in out.rglob("*") if "readme" in p.name.lower()]  # notes are not published
    assert names_in(out) == {}


def test_name_asked_on_a_terminal(tmp_path, monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr("sys.stdin", Terminal("  赛罕区 \n"))
    assert init(tmp_path / "s") == 0
    config = yaml.safe_load((tmp_path / "s" / "site_config.yml").read_text(encoding="utf-8"))
    assert config["district"]["name"] == "赛罕区"


def test_no_terminal_and_no_name_is_a_clear_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("赛罕区\n"))  # piped input is not a terminal
    assert init(tmp_path / "s") == 2
    err = capsys.readouterr().err
    assert "请用 --name 给出区县名称" in err and "give the district's name with --name" in err
    assert not (tmp_path / "s").exists()


@pytest.mark.parametrize("name", ["赛罕区\n恶意: 1", "", "   ", "区" * 31, "赛罕\x00区"])
def test_names_that_cannot_be_a_district_are_refused(tmp_path, name, capsys):
    assert init(tmp_path / "s", "--name", name) == 2
    assert "区县名称" in capsys.readouterr().err
    assert not (tmp_path / "s").exists()


@pytest.mark.parametrize("name", ["赛罕区 # 注释", '"赛罕区": [x]', "{{ 赛罕区 }}", "<b>赛罕区</b>"])
def test_names_with_yaml_or_template_marks_are_kept_as_written(tmp_path, name):
    site = tmp_path / "s"
    assert init(site, "--name", name) == 0
    config = yaml.safe_load((site / "site_config.yml").read_text(encoding="utf-8"))
    assert config["district"]["name"] == name
    assert main(["check", "--config", str(site / "site_config.yml"), "--today", TODAY.isoformat()]) == 0


@pytest.mark.parametrize("example", [False, True])
def test_a_folder_that_is_not_empty_is_refused_and_untouched(tmp_path, example, capsys):
    site = tmp_path / "s"
    site.mkdir()
    (site / "我的笔记.txt").write_text("keep", encoding="utf-8")
    (site / "content").mkdir()
    args = ["--example"] if example else ["--name", "赛罕区"]
    assert init(site, *args) == 2
    err = capsys.readouterr().err
    assert "不是空文件夹" in err and "我的笔记.txt" in err and "content" in err
    assert "is not empty" in err and "nothing was written" in err
    assert sorted(p.name for p in site.rglob("*")) == ["content", "我的笔记.txt"]
    assert (site / "我的笔记.txt").read_text(encoding="utf-8") == "keep"


def test_a_file_in_the_way_is_refused(tmp_path, capsys):
    (tmp_path / "s").write_text("x", encoding="utf-8")
    assert init(tmp_path / "s", "--name", "赛罕区") == 2
    assert "不是文件夹" in capsys.readouterr().err
    assert (tmp_path / "s").read_text(encoding="utf-8") == "x"


def test_an_empty_folder_is_used(tmp_path):
    (tmp_path / "s").mkdir()
    assert init(tmp_path / "s", "--name", "赛罕区") == 0
    assert (tmp_path / "s" / "content" / "org.yml").is_file()


def test_name_and_example_together_are_a_usage_error(tmp_path):
    with pytest.raises(SystemExit) as exit_:
        init(tmp_path / "s", "--example", "--name", "赛罕区")
    assert exit_.value.code == 2


def test_example_is_the_example_district(tmp_path):
    site = tmp_path / "ex"
    assert init(site, "--example") == 0
    assert (site / "site_config.yml").read_bytes() == (ROOT / "site_config.yml").read_bytes()
    ours = sorted(p.relative_to(ROOT / "content") for p in (ROOT / "content").rglob("*") if p.is_file())
    written = sorted(p.relative_to(site / "content") for p in (site / "content").rglob("*") if p.is_file())
    assert written == ours
    assert (site / "schemas" / "site_config.schema.json").is_file()
    assert main(["check", "--config", str(site / "site_config.yml"), "--today", TODAY.isoformat()]) == 0


def _front_matter_comments(text: str) -> str:
    return "\n".join(line.split("#", 1)[1] for line in text.split("---")[1].splitlines() if "#" in line)


def test_new_story_hints_name_the_sites_own_places(saihan, tmp_path):
    assert (
        main(["new", "story", "标题", "--config", str(saihan / "site_config.yml"), "--date", "2026-11-20"])
        == 0
    )
    (story,) = (saihan / "content" / "stories" / "2026").glob("*.md")
    hints = _front_matter_comments(story.read_text(encoding="utf-8"))
    assert "赛罕区委组织部" in hints and "[community-1]" in hints and "[grid-1]" in hints
    assert names_in(saihan) == {}
    other = make_site(tmp_path)  # another site: its own district, first community and grid
    assert (
        main(["new", "story", "标题", "--config", str(other / "site_config.yml"), "--date", "2026-11-20"])
        == 0
    )
    text = (other / "content" / "stories" / "2026" / "20261120-1.md").read_text(encoding="utf-8")
    hints = _front_matter_comments(text)
    assert "测试区委组织部" in hints and "[lanyuan]" in hints and "[ly-01]" in hints


def test_imported_story_hints_name_the_sites_own_places(saihan, tmp_path):
    article = tmp_path / "稿件.txt"
    article.write_text("社区开展冬季走访\n\n2026年11月18日，社区网格员走访了独居老人。\n", encoding="utf-8")
    assert main(["import", "story", str(article), "--config", str(saihan / "site_config.yml")]) == 0
    (story,) = (saihan / "content" / "stories").rglob("2*/*.md")
    hints = _front_matter_comments(story.read_text(encoding="utf-8"))
    assert "[community-1]" in hints and "[grid-1]" in hints
    assert names_in(saihan / "content") == {}


def test_grid_ledger_template_carries_no_example_names(saihan):
    out = saihan / "台账.xlsx"
    assert main(["template", "grids", "--config", str(saihan / "site_config.yml"), "--out", str(out)]) == 0
    book = load_workbook(out)
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                texts += [str(cell.value or ""), cell.comment.text if cell.comment else ""]
    joined = "\n".join(texts)
    assert "某某社区第一网格" in joined  # the example row is the site's own first grid
    assert sorted(n for n in example_names() if n in joined) == []


def workbook_text(path: Path) -> str:
    """Every cell, cell comment and sheet name of a workbook, one a line."""
    texts = []
    for sheet in load_workbook(path).worksheets:
        texts.append(sheet.title)
        for row in sheet.iter_rows():
            for cell in row:
                texts += [str(cell.value or ""), cell.comment.text if cell.comment else ""]
    return "\n".join(texts)


@pytest.mark.parametrize(("kind", "new_id"), [("wishes", "w-mm-001"), ("members", "m-zhang-san")])
def test_wish_and_member_templates_give_ids_the_site_would_give(saihan, kind, new_id):
    out = saihan / f"{kind}.xlsx"
    assert main(["template", kind, "--config", str(saihan / "site_config.yml"), "--out", str(out)]) == 0
    text = workbook_text(out)
    assert text.count(f"如 {new_id}") == 2  # the id column's note and the 说明 sheet: 某某社区 → mm
    assert "{new_id}" not in text
    assert sorted(n for n in example_names() if n in text) == []


def test_messages_on_a_new_site_name_none_of_the_examples_places(saihan, capsys):
    grids = saihan / "content" / "grids" / "street-1.yml"
    text = grids.read_text(encoding="utf-8").replace("- id: grid-1 ", "- id: 第一网格 ", 1)
    grids.write_text(text, encoding="utf-8")
    org = saihan / "content" / "org.yml"
    org.write_text(org.read_text("utf-8").replace('# phone: "区号-号码"', 'phone: "12-34"'), encoding="utf-8")
    assert main(["check", "--config", str(saihan / "site_config.yml"), "--today", TODAY.isoformat()]) == 1
    err = capsys.readouterr().err
    assert "如 grid-01" in err and '如 "010-12345678"' in err  # the id's and the phone's own messages
    assert sorted(n for n in example_names() if n in err) == []


def launched(site: Path, day: str | None) -> None:
    """Set site.launched in the site's config (None: remove it, as on a site from before it existed)."""
    config = site / "site_config.yml"
    text = re.sub(
        r"^  launched: .*\n", f"  launched: {day}\n" if day else "", config.read_text("utf-8"), flags=re.M
    )
    config.write_text(text, encoding="utf-8")


def stale_board_lines(site: Path, capsys) -> list[str]:
    """The lines of `gridboard check` (on TODAY) that warn of boards silent for six months."""
    (site / "content" / "org.yml").open("a", encoding="utf-8").write(
        "      - id: community-2\n        name: 某某村\n        kind: village\n"
    )
    assert main(["check", "--config", str(site / "site_config.yml"), "--today", TODAY.isoformat()]) == 0
    return [line for line in capsys.readouterr().err.splitlines() if "公开栏超过半年" in line]


def test_init_writes_the_day_it_ran_as_the_launch_date(saihan):
    config = yaml.safe_load((saihan / "site_config.yml").read_text(encoding="utf-8"))
    assert config["site"]["launched"] == dt.date.today()


def test_a_site_live_for_less_than_six_months_has_no_stale_boards(saihan, capsys):
    launched(saihan, (TODAY - dt.timedelta(days=183)).isoformat())
    assert stale_board_lines(saihan, capsys) == []


def test_six_months_after_launch_silent_boards_are_said_once(saihan, capsys):
    launched(saihan, (TODAY - dt.timedelta(days=184)).isoformat())
    (line,) = stale_board_lines(saihan, capsys)  # one line for both communities
    assert "某某社区（从未发布）、某某村（从未发布）" in line
    assert "launched" not in line  # the site has its launch date: nothing to tell


def test_without_a_launch_date_boards_are_counted_as_before_and_the_key_named_once(saihan, capsys):
    launched(saihan, None)
    lines = stale_board_lines(saihan, capsys)
    assert len(lines) == 1 and "某某社区（从未发布）、某某村（从未发布）" in lines[0]
    assert lines[0].count("launched: ") == 1 and "site_config.yml" in lines[0]


def test_a_launch_date_that_is_not_a_date_is_an_error_naming_the_field(saihan, capsys):
    launched(saihan, "上个月")
    assert main(["check", "--config", str(saihan / "site_config.yml"), "--today", TODAY.isoformat()]) == 1
    err = capsys.readouterr().err
    assert "site_config.yml:" in err and "site.launched" in err and "YYYY-MM-DD" in err


def test_wish_template_on_a_site_with_wishes_gives_the_next_id(tmp_path):
    site = tmp_path / "ex"
    assert init(site, "--example") == 0
    out = site / "wishes.xlsx"
    assert main(["template", "wishes", "--config", str(site / "site_config.yml"), "--out", str(out)]) == 0
    wishes = yaml.safe_load((site / "content" / "wishes" / "hengdacheng.yml").read_text(encoding="utf-8"))
    last = max(int(w["id"].rsplit("-", 1)[1]) for w in wishes if w["id"].startswith("w-hdc-"))
    assert workbook_text(out).count(f"如 w-hdc-{last + 1:03d}") == 2  # the first community's next id
