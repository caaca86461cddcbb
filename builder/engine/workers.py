"""Rendering pages in forked processes: how many, and the forks themselves."""

from __future__ import annotations

import contextlib
import os
import pickle
import shutil
import signal
import tempfile
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .site import OnPage, Site


def workers_for(pages: int) -> int:
    """Processes to render with: one per core, one for small sites; GRIDBOARD_WORKERS overrides."""
    if os.environ.get("GRIDBOARD_WORKERS"):
        return max(1, int(os.environ["GRIDBOARD_WORKERS"]))
    if not hasattr(os, "fork") or pages < 400:
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM} | ({signal.SIGHUP} if hasattr(signal, "SIGHUP") else set())


def fork_held(children: set[int]) -> int:
    """os.fork(), the child's pid added to `children` before Ctrl+C or a stop signal can act: they
    are held until then (an exception their handlers raised inside fork's own hooks would be
    dropped by Python, signals.py; one raised before the pid is kept would leave a worker unknown)."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        pid = os.fork()
        if pid:
            children.add(pid)
        return pid
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def render_forked(site: Site, docs: list, n: int, on_page: OnPage | None) -> list:
    """Render docs[i::n] in n forked processes (the build state is shared copy-on-write).

    Their results go to a folder inside the site's own work folder, never the system's temporary
    folder: a build killed here (SIGKILL cannot be caught) leaves it where the next build, or the
    preview's exit, removes the work folder whole."""
    results_dir = Path(tempfile.mkdtemp(prefix="render-", dir=site.staging_dir))
    pids: list[int] = []
    waiting: set[int] = set()
    try:
        for i in range(n):
            pid = fork_held(waiting)
            if pid == 0:  # child: render a share, write the result, leave without cleanup
                code = 0
                try:
                    result = site.render(docs[i::n], on_page)
                except BaseException:
                    result, code = traceback.format_exc(), 1
                try:
                    (results_dir / f"{i}.pickle").write_bytes(pickle.dumps(result))
                finally:
                    os._exit(code)
            pids.append(pid)
        failed = []
        for pid in pids:
            if os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) != 0:
                failed.append(pid)
            waiting.discard(pid)
        results = []
        for i in range(n):
            file = results_dir / f"{i}.pickle"
            result = pickle.loads(file.read_bytes()) if file.exists() else "worker died without a result"
            if isinstance(result, str):
                raise RuntimeError(f"page rendering failed in a worker:\n{result}")
            results.append(result)
        if failed:
            raise RuntimeError(f"page rendering failed in {len(failed)} worker(s)")
        return results
    finally:
        for pid in waiting:  # stopped (a signal, an error): no worker may write on after us
            with contextlib.suppress(ChildProcessError):  # already reaped: its pid is not ours
                if os.waitpid(pid, os.WNOHANG) == (0, 0):
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
        shutil.rmtree(results_dir, ignore_errors=True)
