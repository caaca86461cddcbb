"""MkDocs' log while it builds: INFO silenced, warnings collected, the build date pinned."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
from collections.abc import Iterator


class Collected(logging.Handler):
    """Keeps MkDocs' warnings so the report can show them (they mean a bug in our pages)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def quiet_mkdocs(today: dt.date) -> Iterator[Collected]:
    """Silence MkDocs' INFO chatter, collect warnings, and pin the build date (sitemap, gzip)."""
    log = logging.getLogger("mkdocs")
    handler = Collected()
    old_level, old_handlers, old_prop = log.level, log.handlers[:], log.propagate
    old_epoch = os.environ.get("SOURCE_DATE_EPOCH")
    log.handlers, log.propagate = [handler], False
    log.setLevel(logging.WARNING)
    with contextlib.suppress(ImportError):  # jieba resets its logger to DEBUG on import
        import jieba

        jieba.setLogLevel(logging.WARNING)
    epoch = dt.datetime.combine(today, dt.time(12), tzinfo=dt.UTC).timestamp()
    os.environ["SOURCE_DATE_EPOCH"] = str(int(epoch))
    try:
        yield handler
    finally:
        log.handlers, log.propagate = old_handlers, old_prop
        log.setLevel(old_level)
        if old_epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old_epoch
