"""The test-only caches (tests/build_caches.py) change how long a build takes, never what it makes."""

from __future__ import annotations

import subprocess
import sys

import jieba
import jinja2
from conftest import TODAY, build_site, make_site


def _files(folder):
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_a_build_with_warm_caches_is_the_same_bytes_as_one_in_a_fresh_process(minimal_site, tmp_path):
    assert jieba.Tokenizer().initialize.__module__ == "build_caches"  # the caches are on …
    assert isinstance(jinja2.Environment().bytecode_cache, jinja2.BytecodeCache)
    warm, _ = build_site(make_site(tmp_path / "warm"))  # … and warm: minimal_site was built first
    site = make_site(tmp_path / "fresh")
    run = subprocess.run(
        [sys.executable, "-m", "builder", "build", "--config", str(site / "site_config.yml")]
        + ["--today", TODAY.isoformat(), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    one, other = _files(warm), _files(tmp_path / "out")
    assert sorted(one) == sorted(other)
    assert [n for n in one if one[n] != other[n]] == []
