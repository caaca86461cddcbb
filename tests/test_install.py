"""The wheel carries everything a build needs: built from the repository, installed without -e into a
fresh virtual environment (its own site-packages only), it starts a new district and the example
one and builds both, run from a folder outside the repository."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml
from conftest import ROOT, TODAY, soup


def _source_copy(dest: Path) -> Path:
    """The repository as a fresh clone would have it (tracked and new files, nothing ignored), so
    that setuptools' build/ and egg-info go there, not into the working tree."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for rel in filter(None, listed.split("\0")):
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    return dest


def _files(folder: Path) -> list[str]:
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and not p.name.startswith(".")
    )


def _run(args: list, cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, f"{args}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def test_wheel_installed_without_e_starts_and_builds_sites(tmp_path):
    started = time.perf_counter()
    source = _source_copy(tmp_path / "source")
    wheels = tmp_path / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", wheels, source], tmp_path)
    (wheel,) = wheels.glob("gridboard-*.whl")
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", venv], tmp_path)  # no --system-site-packages
    python, gridboard = venv / "bin" / "python", venv / "bin" / "gridboard"
    _run([python, "-m", "pip", "install", "-q", "--disable-pip-version-check", wheel], tmp_path)
    installed = time.perf_counter() - started

    work = tmp_path / "work"  # a folder outside the repository: nothing found through the cwd
    work.mkdir()
    where = json.loads(
        _run(
            [python, "-c", "import builder, json, sys; print(json.dumps([builder.__file__, sys.path]))"], work
        ).stdout
    )
    site_packages = next((venv / "lib").glob("python3*/site-packages")).resolve()
    assert Path(where[0]).resolve().is_relative_to(site_packages), where[0]
    assert not any(p and Path(p).resolve().is_relative_to(ROOT) for p in where[1]), where[1]

    # a new district: init, check, build
    _run([gridboard, "init", work / "saihan", "--name", "赛罕区"], work)
    _run([gridboard, "check", "--today", TODAY.isoformat()], work / "saihan")
    _run([gridboard, "build", "--today", TODAY.isoformat()], work / "saihan")
    home = soup(work / "saihan" / "site" / "index.html")
    assert "赛罕区" in home.title.get_text()
    assert (work / "saihan" / "site" / "grids" / "grid-1" / "index.html").is_file()
    assert (work / "saihan" / "site" / "assets" / "gridboard" / "gridboard.css").is_file()

    # the example district, as the wheel carries it
    _run([gridboard, "init", work / "example", "--example"], work)
    _run([gridboard, "build", "--today", TODAY.isoformat()], work / "example")
    example = yaml.safe_load((ROOT / "site_config.yml").read_text(encoding="utf-8"))
    page = soup(work / "example" / "site" / "index.html")
    assert example["site"]["name"] in page.title.get_text()
    assert _files(work / "example" / "content") == _files(source / "content")
    print(f"wheel built and installed in {installed:.0f} s; all in {time.perf_counter() - started:.0f} s")


def test_every_package_of_builder_is_in_the_wheel():
    """A sub-package missing from pyproject.toml's list is missing from the wheel: `gridboard`
    installed with pip then fails at its first import (the clone, run in place, still works)."""
    import tomllib

    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "builder").rglob("__init__.py")
        if "_templates" not in init.parts
    }
    assert found - listed == set()
