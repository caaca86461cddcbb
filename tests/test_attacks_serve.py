"""Attacks on `gridboard serve` and on the build's temporary folders (issue 14, item 9).

The preview runs as the real command in a subprocess with a private TMPDIR, so what it leaves
behind can be listed; requests are sent with http.client, signals with os.kill."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import build_site, make_site


def left_in(tmp: Path) -> list[str]:
    """What is in a private TMPDIR, but jieba's dictionary cache (a cache it keeps on purpose)."""
    return sorted(p.name for p in tmp.iterdir() if p.name != "jieba.cache")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    """A running `gridboard serve` on a fixture site."""

    def __init__(self, tmp_path: Path):
        self.site = make_site(tmp_path)
        self.tmp = tmp_path / "tmp"
        self.tmp.mkdir()
        self.port = free_port()
        self.stderr_file = tmp_path / "stderr.txt"
        env = {**os.environ, "TMPDIR": str(self.tmp)}
        env.pop("GRIDBOARD_DEBUG", None)
        cmd = [sys.executable, "-m", "builder", "serve", "--today", "2026-11-20", "--port", str(self.port)]
        with self.stderr_file.open("wb") as err:
            self.proc = subprocess.Popen(
                [*cmd, "--config", str(self.site / "site_config.yml")],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=err,
                start_new_session=True,
            )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, self.stderr()
            try:
                if self.get("/", host=f"127.0.0.1:{self.port}")[0] < 500:
                    return
            except OSError:
                time.sleep(0.1)
        pytest.fail("gridboard serve did not answer within 120 s")

    def get(self, path: str, host: str | None) -> tuple[int, str]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.putrequest("GET", path, skip_host=True)
            if host is not None:
                conn.putheader("Host", host)
            conn.endheaders()
            resp = conn.getresponse()
            return resp.status, resp.read().decode("utf-8", "replace")
        finally:
            conn.close()

    def stderr(self) -> str:
        return self.stderr_file.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


@pytest.fixture
def served(tmp_path):
    s = Served(tmp_path)
    yield s
    s.stop()


def test_nul_in_the_path_is_a_clean_4xx_without_traceback(served):
    local = f"127.0.0.1:{served.port}"
    for path in ["/%00", "/index.html%00.png", "/stories/%00/", "/%2e%2e/%00"]:
        status, body = served.get(path, host=local)
        assert 400 <= status < 500, (path, status)
        assert "Traceback" not in body
    assert served.get("/", host=local)[0] == 200  # still serving after them
    time.sleep(0.3)  # let the server's log lines reach the file
    err = served.stderr()
    assert "Traceback" not in err and "ValueError" not in err and "500" not in err, err


def test_only_requests_for_this_machine_are_answered(served):
    """DNS rebinding: a page on evil.example re-points its name at 127.0.0.1 and reads the preview."""
    p = served.port
    for host in [f"localhost:{p}", f"127.0.0.1:{p}", f"LOCALHOST:{p}", "localhost", "127.0.0.1"]:
        status, body = served.get("/", host=host)
        assert status == 200 and "<html" in body, host
    for host in [
        "evil.example",
        f"evil.example:{p}",
        f"localhost.evil.example:{p}",
        f"127.0.0.1.evil.example:{p}",
        f"localhost:{p + 1}",
        f"localhost:{p}@evil.example",
        f"evil.example#localhost:{p}",
        "",
        None,  # no Host header at all
    ]:
        for path in ["/", "/index.html", "/livereload/1/1", "/%00"]:
            status, body = served.get(path, host=host)
            assert status in (403, 421), (host, path, status)
            assert "<html" not in body and "localhost" in body, (host, path)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_stopping_the_preview_with_a_signal_removes_its_temporary_folder(served, sig):
    assert [p.name for p in served.tmp.glob("gridboard-preview-*")]  # the preview lives in our TMPDIR
    os.kill(served.proc.pid, sig)
    served.proc.wait(timeout=60)
    assert served.proc.returncode == 128 + sig
    assert left_in(served.tmp) == []
    assert "Traceback" not in served.stderr()


def test_a_killed_build_leaves_no_render_folder_anywhere(tmp_path):
    """SIGKILL (which cannot be caught) a build while its forked workers render pages: the
    workers' result folder lives inside the build's work folder, never in TMPDIR, and the next
    build removes it with the work folder."""
    site = make_site(tmp_path)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    out = site / "site"
    env = {**os.environ, "TMPDIR": str(tmp), "GRIDBOARD_WORKERS": "2"}  # forked even for a small site
    cmd = [sys.executable, "-m", "builder", "build", "--today", "2026-11-20"]
    proc = subprocess.Popen(
        [*cmd, "--config", str(site / "site_config.yml")],
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
    )

    def render_folders() -> list[Path]:
        return [*tmp.glob("gridboard-render-*"), *site.glob(".site-build-*/**/*render-*")]

    deadline = time.monotonic() + 120
    while not render_folders() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    assert proc.poll() is None, "the build ended before its workers could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    [left] = render_folders()
    assert left.is_relative_to(site)  # inside the killed build's work folder …
    assert left_in(tmp) == []  # … and nothing at all in TMPDIR
    env.pop("GRIDBOARD_WORKERS")
    build_site(site)  # the next build removes the killed build's work folder, render folder with it
    assert not left.exists() and render_folders() == []
    assert [p.name for p in site.iterdir() if p.name.startswith(".")] == []
    assert (out / "index.html").is_file()


def test_a_preview_stopped_while_its_workers_render_leaves_nothing(tmp_path):
    """SIGTERM during the first render, with forked workers: they are stopped before the folder
    is removed, so none of them writes it back."""
    site = make_site(tmp_path)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = {**os.environ, "TMPDIR": str(tmp), "GRIDBOARD_WORKERS": "2"}
    cmd = [sys.executable, "-m", "builder", "serve", "--today", "2026-11-20", "--port", str(free_port())]
    proc = subprocess.Popen(
        [*cmd, "--config", str(site / "site_config.yml")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while not any(tmp.glob("gridboard-preview-*/mkdocs/render-*")) and time.monotonic() < deadline:
        assert proc.poll() is None
        time.sleep(0.002)
    os.kill(proc.pid, signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM
    time.sleep(1)  # a worker left running would write its pages into the folder again by now
    assert left_in(tmp) == []
    assert b"Traceback" not in err
