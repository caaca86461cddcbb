"""The command line: check writes nothing, new never overwrites, schema describes every kind."""

import json
import subprocess
import sys

import yaml
from conftest import make_site

from builder.cli import main


def run(site, *args):
    return subprocess.run([sys.executable, "-m", "builder", *args], cwd=site, capture_output=True, text=True)


def test_check_validates_and_writes_nothing(tmp_path):
    site = make_site(tmp_path)
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    r = run(site, "check", "--today", "2026-11-20")
    assert r.returncode == 0, r.stderr
    assert "检查通过" in r.stdout
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before


def test_config_option_points_elsewhere(tmp_path):
    site = make_site(tmp_path)
    out = tmp_path / "elsewhere"
    assert (
        main(["build", "--config", str(site / "site_config.yml"), "--out", str(out), "--today", "2026-11-20"])
        == 0
    )
    assert (out / "index.html").is_file()


def test_bad_today_is_a_usage_error(tmp_path):
    r = run(make_site(tmp_path), "build", "--today", "2026-13-01")
    assert r.returncode == 2 and "YYYY-MM-DD" in r.stderr


def test_new_story_scaffold_is_valid_and_never_overwritten(tmp_path):
    site = make_site(tmp_path)
    r = run(site, "new", "story", "社区开展“书记有约”沙龙", "--slug", "salon", "--date", "2026-11-02")
    assert r.returncode == 0, r.stderr
    path = site / "content/stories/2026/salon.md"
    text = path.read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---")[1])
    assert front["title"] == "社区开展“书记有约”沙龙" and front["draft"] is True
    path.write_text(text + "\n我的正文\n", encoding="utf-8")
    again = run(site, "new", "story", "另一个", "--slug", "salon", "--date", "2026-11-02")
    assert again.returncode == 1 and "不会覆盖" in again.stderr
    assert path.read_text(encoding="utf-8").endswith("我的正文\n")
    # the scaffold is valid as it is
    r = run(site, "check", "--today", "2026-11-20")
    assert r.returncode == 0, r.stderr


def test_new_posting_scaffold_passes_check(tmp_path):
    site = make_site(tmp_path)
    r = run(site, "new", "posting", "兰苑社区停车位分配方案公示", "--date", "2026-11-18")
    assert r.returncode == 0, r.stderr
    created = list((site / "content/board").glob("20261118-*.yml"))
    assert len(created) == 1
    data = yaml.safe_load(created[0].read_text(encoding="utf-8"))
    assert data[0]["title"] == "兰苑社区停车位分配方案公示" and data[0]["scope"] == "testqu"
    data[0]["source"] = "兰苑社区居委会"
    r = run(site, "check", "--today", "2026-11-20")
    assert r.returncode == 1 and "[[0].source]: 不能为空" in r.stderr  # the one field left to fill in
    created[0].write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    r = run(site, "check", "--today", "2026-11-20")
    assert r.returncode == 0, r.stderr
    second = run(site, "new", "posting", "又一条", "--date", "2026-11-18")
    assert second.returncode == 0
    assert len(list((site / "content/board").glob("20261118-*.yml"))) == 2


def test_schema_files_for_every_kind(tmp_path):
    r = subprocess.run(
        [sys.executable, "-m", "builder", "schema", "--out", str(tmp_path)], capture_output=True, text=True
    )
    assert r.returncode == 0, r.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(
        f"{k}.schema.json"
        for k in ["site_config", "org", "grid", "showcase", "studio", "services", "posting", "story", "page"]
        + ["public_numbers", "screens", "event", "notice", "unit", "member", "wish", "need", "project"]
    )
    grid = json.loads((tmp_path / "grid.schema.json").read_text(encoding="utf-8"))
    assert grid["type"] == "array"
    props = grid["$defs"]["Grid"]["properties"]
    assert set(props["kind"]["enum"]) == {"basic", "dedicated"}
    assert grid["$defs"]["Grid"]["additionalProperties"] is False
    assert "15 位" in props["code"]["description"]


def _shape(schema):
    """What an editor relies on: every definition's fields, required ones, and descriptions."""
    defs = {"": schema, **schema.get("$defs", {})}
    return {
        name: (
            sorted(d.get("properties", {})),
            sorted(d.get("required", [])),
            sorted((k, v.get("description", "")) for k, v in d.get("properties", {}).items()),
        )
        for name, d in defs.items()
    }


def test_committed_schemas_are_current(tmp_path):
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    main(["schema", "--out", str(tmp_path)])
    for f in tmp_path.iterdir():
        committed = json.loads((root / "schemas" / f.name).read_text(encoding="utf-8"))
        fresh = json.loads(f.read_text(encoding="utf-8"))
        assert _shape(committed) == _shape(fresh), f"schemas/{f.name} is stale: run `gridboard schema`"


def test_serve_previews_and_rebuilds_on_save(tmp_path):
    import base64
    import hashlib
    import re
    import socket
    import time
    import urllib.request

    site = make_site(tmp_path)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "builder", "serve", "--port", str(port), "--today", "2026-11-20"],
        cwd=site,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/stories/2026/lanyuan-tea/"

    def fetch():
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                return r.read().decode("utf-8")
        except OSError:
            return ""

    def wait_for(text, seconds=60):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if text in fetch():
                return True
            time.sleep(0.3)
        return False

    try:
        assert wait_for("兰苑社区开设“社区茶亭”"), "preview never served the story"
        page = fetch()
        assert "livereload" in page  # the page reloads itself after a rebuild …
        script = page[page.rindex("<script>") + 8 : page.rindex("</script>")].encode()
        digest = base64.b64encode(hashlib.sha256(script).digest()).decode()
        csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
        script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
        assert f"'sha256-{digest}'" in script_src  # … its inline script allowed by hash
        story = site / "content/stories/2026/lanyuan-tea.md"
        story.write_text(story.read_text(encoding="utf-8").replace("开设", "新开"), encoding="utf-8")
        assert wait_for("兰苑社区新开“社区茶亭”"), "the preview did not rebuild after the save"
        assert not (site / "site").exists()  # the preview never touches the published folder
    finally:
        proc.terminate()
        proc.wait(timeout=30)  # serve waits up to 10 s for a search index still being written
