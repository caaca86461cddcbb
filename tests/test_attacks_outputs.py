"""Attacks on the output folder (issue 14, item 6): `build --out` replaces its folder whole, so it
must replace only a folder proven to be a previous build (its .gridboard-build.json file list), and
an --out that is a link is built into where it points, the link left as it is.

Every case runs the real command (`cli.main`, exit code and stderr) on a fixture site and compares
every byte under tmp_path before and after a refusal."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import TODAY, build_site, make_site

from builder import cli, pipeline
from builder.outputs import manifest
from builder.outputs.manifest import MANIFEST
from builder.outputs.publish import UnsafeOutput
from builder.report import Report

STORY = "content/stories/2026/lanyuan-tea.md"


def tree(folder: Path) -> dict[str, str]:
    """Every entry under `folder`: files by sha256, links by where they point (never followed)."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            rel = p.relative_to(folder).as_posix()
            if p.is_symlink():
                out[rel] = "-> " + os.readlink(p)
            elif p.is_file():
                out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def build(site: Path, out: Path, capsys) -> tuple[int, str]:
    config = str(site / "site_config.yml")
    code = cli.main(["build", "--config", config, "--out", str(out), "--today", TODAY.isoformat()])
    return code, capsys.readouterr().err


def assert_refused(tmp_path: Path, site: Path, out: Path, capsys, *names: str) -> str:
    """Build into `out`: exit 2, nothing anywhere changed, the message Chinese first and naming
    each of `names`; return the message."""
    before = tree(tmp_path)
    code, err = build(site, out, capsys)
    assert code == 2, err
    assert tree(tmp_path) == before  # not a byte changed, no work folder left
    assert "Traceback" not in err
    zh, en = err.split("\n    (", 1)
    assert re.search(r"[\u4e00-\u9fff]", zh) and "输出文件夹" in zh and "nothing was replaced" in en
    for name in names:
        assert name in zh and name in en, name
    return err


@pytest.fixture
def site(tmp_path):
    return make_site(tmp_path)


@pytest.fixture(scope="module")
def first_build(tmp_path_factory):
    """The fixture site built once for the module."""
    tmp = tmp_path_factory.mktemp("outputs")
    out, _ = build_site(make_site(tmp), tmp / "out")
    return out


@pytest.fixture
def built(site, tmp_path, first_build):
    """A previous build of `site` in tmp_path/out: a copy of first_build (the same input, so the
    same bytes; the file list names paths relative to the folder)."""
    return Path(shutil.copytree(first_build, tmp_path / "out", symlinks=True))


# ---- the attack in the issue: version.json and a user's file ------------------------------------


def test_a_folder_with_a_version_json_and_a_users_code_is_not_replaced(tmp_path, site, capsys):
    out = tmp_path / "project"
    (out / "src").mkdir(parents=True)
    (out / "src/main.c").write_text("int main(void) { return 0; }\n", encoding="utf-8")
    (out / "version.json").write_text('{"version": "1.4.2"}\n', encoding="utf-8")
    err = assert_refused(tmp_path, site, out, capsys, "src/main.c", "version.json")
    assert "不是 Gridboard 生成的网站" in err and "not a Gridboard build" in err


def test_a_users_file_put_into_a_previous_build_is_not_replaced(tmp_path, site, built, capsys):
    (built / "src").mkdir()
    (built / "src/main.c").write_text("int main(void) { return 0; }\n", encoding="utf-8")
    (built / "pagefind/notes.txt").write_text("mine", encoding="utf-8")  # inside a folder we write
    (built / "stories/留言.docx").write_bytes(b"PK\x03\x04 a Word file")
    err = assert_refused(
        tmp_path, site, built, capsys, "src/main.c", "pagefind/notes.txt", "stories/留言.docx"
    )
    assert "3 个不是生成的文件" in err and "3 file(s) in it were not made by the build" in err


def test_a_long_list_of_unexpected_files_is_cut_short(tmp_path, site, built, capsys):
    for i in range(12):
        (built / f"photo-{i:02}.jpg").write_bytes(b"\xff\xd8\xff")
    err = assert_refused(tmp_path, site, built, capsys, "photo-00.jpg", "photo-04.jpg")
    assert "photo-05.jpg" not in err
    assert "等 12 个" in err and "and 7 more" in err


def test_a_link_put_into_a_previous_build_is_not_replaced_nor_followed(tmp_path, site, built, capsys):
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "budget.xlsx").write_bytes(b"PK budget")
    (built / "docs").symlink_to(documents, target_is_directory=True)
    assert_refused(tmp_path, site, built, capsys, "docs")
    assert (documents / "budget.xlsx").read_bytes() == b"PK budget"


@pytest.mark.parametrize(
    "damage",
    [
        "listed",  # src/main.c added to the list by hand, signature not redone
        "truncated",
        "not json",
        "other generator",
        "signature",
    ],
)
def test_a_damaged_or_edited_file_list_proves_nothing(tmp_path, site, built, capsys, damage):
    marker = built / MANIFEST
    data = json.loads(marker.read_text(encoding="utf-8"))
    (built / "src").mkdir()
    (built / "src/main.c").write_text("int main(void);\n", encoding="utf-8")
    if damage == "listed":
        data["files"].append(["src/main.c", 16, "0" * 64])
        marker.write_text(json.dumps(data), encoding="utf-8")
    elif damage == "truncated":
        marker.write_bytes(marker.read_bytes()[:300])
    elif damage == "not json":
        marker.write_text("gridboard build\n", encoding="utf-8")
    elif damage == "other generator":
        data["generator"] = "hugo 0.120"
        data["signature"] = manifest.signature(data["files"])
        marker.write_text(json.dumps(data), encoding="utf-8")
    else:
        data["signature"] = "0" * 64
        marker.write_text(json.dumps(data), encoding="utf-8")
    err = assert_refused(tmp_path, site, built, capsys, MANIFEST)
    assert "读不出来或被改过" in err and "unreadable or was edited" in err


def test_files_are_checked_again_just_before_the_swap(tmp_path, site, built, monkeypatch):
    """A file put into the output while the build runs is not lost either."""
    write = pipeline.write_manifest

    def late(folder, generator):
        (built / "notes.txt").write_text("written during the build", encoding="utf-8")
        return write(folder, generator)

    monkeypatch.setattr(pipeline, "write_manifest", late)
    index = (built / "index.html").read_bytes()
    with pytest.raises(UnsafeOutput, match="notes.txt"):
        pipeline.build(site / "site_config.yml", built, TODAY, Report())
    assert (built / "notes.txt").read_text(encoding="utf-8") == "written during the build"
    assert (built / "index.html").read_bytes() == index
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


# ---- what is still a previous build -------------------------------------------------------------


def test_a_previous_build_edited_by_hand_is_still_ours(site, built, capsys):
    """Changed and deleted files of the list do not make it someone else's folder: the build
    makes them again (which is what building means); the operating system's own files are no one's
    work either."""
    (built / "index.html").write_text("edited by hand", encoding="utf-8")
    (built / "version.json").write_text("{}", encoding="utf-8")
    os.remove(built / "404.html")
    (built / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    (built / "stories/Thumbs.db").write_bytes(b"thumbs")
    code, err = build(site, built, capsys)
    assert code == 0, err
    assert "<html" in (built / "index.html").read_text(encoding="utf-8")
    assert (built / "404.html").is_file() and not (built / ".DS_Store").exists()
    listed = {f[0] for f in json.loads((built / MANIFEST).read_text(encoding="utf-8"))["files"]}
    on_disk = {p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file()}
    assert listed == on_disk - {MANIFEST}


def test_the_file_list_names_every_file_with_its_size_and_hash(built):
    data = json.loads((built / MANIFEST).read_text(encoding="utf-8"))
    assert data["generator"].startswith("gridboard ")
    assert data["signature"] == manifest.signature(data["files"])
    want = {
        p.relative_to(built).as_posix(): [p.stat().st_size, hashlib.sha256(p.read_bytes()).hexdigest()]
        for p in built.rglob("*")
        if p.is_file() and p.name != MANIFEST
    }
    assert {f[0]: f[1:] for f in data["files"]} == want
    assert [f[0] for f in data["files"]] == sorted(want)


# ---- builds made before the file list existed --------------------------------------------------


def legacy(built: Path) -> Path:
    """A build as Gridboard made them before .gridboard-build.json: version.json only."""
    (built / MANIFEST).unlink()
    return built


def test_an_untouched_build_from_before_the_file_list_is_replaced(site, built, capsys):
    legacy(built)
    (site / STORY).unlink()
    code, err = build(site, built, capsys)
    assert code == 0, err
    assert not (built / "stories/2026/lanyuan-tea").exists()
    assert (built / MANIFEST).is_file()


@pytest.mark.parametrize("change", ["added", "edited", "pagefind"])
def test_a_changed_build_from_before_the_file_list_is_not_replaced(tmp_path, site, built, capsys, change):
    """Without a list, an edit cannot be told from someone's own file: refuse, and say what to do."""
    legacy(built)
    if change == "added":
        (built / "src").mkdir()
        (built / "src/main.c").write_text("int main(void);\n", encoding="utf-8")
    elif change == "edited":
        (built / "index.html").write_text("edited", encoding="utf-8")
    else:
        (built / "pagefind/notes.txt").write_text("mine", encoding="utf-8")
    err = assert_refused(tmp_path, site, built, capsys, "version.json", MANIFEST)
    assert "旧版 Gridboard" in err and "older Gridboard" in err
    if change == "pagefind":
        assert "pagefind/notes.txt" in err


# ---- an --out that is a link ----------------------------------------------------------------


def test_an_out_that_is_a_link_is_built_into_its_target(tmp_path, site, built, capsys):
    link = tmp_path / "www"
    link.symlink_to(built, target_is_directory=True)
    (site / STORY).unlink()
    code, err = build(site, link, capsys)
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == str(built)  # the link is as it was …
    assert not (built / "stories/2026/lanyuan-tea").exists()  # … and its target is the new site
    assert (built / "index.html").is_file() and (built / MANIFEST).is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["minimal", "out", "www"]  # no work folders


def test_an_out_that_is_a_link_to_someone_elses_folder_is_refused(tmp_path, site, capsys):
    home = tmp_path / "home"
    home.mkdir()
    (home / "main.c").write_text("int main(void);\n", encoding="utf-8")
    link = tmp_path / "www"
    link.symlink_to(home, target_is_directory=True)
    assert_refused(tmp_path, site, link, capsys, "main.c")
    assert link.is_symlink()


def test_an_out_that_is_a_link_into_content_is_refused(tmp_path, site, capsys):
    link = tmp_path / "www"
    link.symlink_to(site / "content", target_is_directory=True)
    code, err = build(site, link, capsys)
    assert code == 2 and "content 里面" in err and link.is_symlink()


def test_an_out_that_is_a_link_to_nowhere_yet_makes_the_target(tmp_path, site, capsys):
    target = tmp_path / "srv/www"
    target.parent.mkdir()
    link = tmp_path / "www"
    link.symlink_to(target, target_is_directory=True)
    code, err = build(site, link, capsys)
    assert code == 0, err
    assert link.is_symlink() and (target / "index.html").is_file()


def test_an_out_that_is_a_loop_of_links_is_refused(tmp_path, site, capsys):
    a, b = tmp_path / "a", tmp_path / "b"
    a.symlink_to(b)
    b.symlink_to(a)
    code, err = build(site, a, capsys)
    assert code == 2 and "Traceback" not in err and "链接" in err
    assert a.is_symlink() and b.is_symlink()
