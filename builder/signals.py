"""SIGTERM and SIGHUP end the live preview as Ctrl+C does: through every `finally`, so that its
temporary folder is removed.

The handler raises Stopped to cut a rebuild short. Python drops an exception raised where it cannot
propagate — an at-fork hook (logging releases its lock after each fork of the render workers), a
`__del__` — so the signal is also kept in a Stop, which the preview looks at after each rebuild and
while it waits for changes (engine/workers.py also holds these signals while it forks).
"""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Iterator


class Stopped(BaseException):
    """A stop signal arrived; `code` is the exit code a shell gives for it (128 + its number)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.code = 128 + signum


class Stop:
    """Whether a stop signal has arrived (kept even if its Stopped was dropped)."""

    def __init__(self) -> None:
        self.signum: int | None = None

    def requested(self) -> bool:
        return self.signum is not None

    def check(self) -> None:
        """Raise Stopped if a stop signal has arrived."""
        if self.signum is not None:
            raise Stopped(self.signum)


@contextlib.contextmanager
def stop_on_signals() -> Iterator[Stop]:
    """Within the block, SIGTERM and SIGHUP raise Stopped (and are kept in the Stop yielded); a
    second one during the clean-up is ignored (SIGKILL still ends the process)."""
    wanted = [signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
    stop = Stop()

    def handler(signum, frame):
        for s in wanted:
            signal.signal(s, signal.SIG_IGN)
        stop.signum = signum
        raise Stopped(signum)

    def unraisable(info) -> None:  # a dropped Stopped is kept in `stop`: no traceback for it
        if not isinstance(info.exc_value, Stopped):
            hook(info)

    old = {s: signal.signal(s, handler) for s in wanted}
    hook, sys.unraisablehook = sys.unraisablehook, unraisable
    try:
        yield stop
    finally:
        sys.unraisablehook = hook
        for s, previous in old.items():
            signal.signal(s, previous)
