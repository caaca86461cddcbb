"""What the live preview (`gridboard serve`) refuses to answer, and how it reports its own errors.

The preview serves unpublished content on 127.0.0.1. A web page elsewhere can re-point its own
name at 127.0.0.1 (DNS rebinding) and read it, so only requests naming this machine in their Host
header are answered. Paths with a NUL byte are refused before they reach open(), and the server's
own errors are one line each, never a traceback (GRIDBOARD_DEBUG=1 shows them).
"""

from __future__ import annotations

import logging
import os
import re
import sys
import traceback

# Host header values that name this machine: what a browser sends for http://localhost:8000/,
# http://127.0.0.1:8000/ or http://[::1]:8000/ (the port is optional, names are case-insensitive)
_LOCAL_HOST = re.compile(r"(?:localhost|127\.0\.0\.1|\[::1\])(?::(\d{1,5}))?", re.IGNORECASE)


def is_local_host(host: str, port: int) -> bool:
    """Whether a Host header value names this machine (and, if it has a port, the preview's)."""
    m = _LOCAL_HOST.fullmatch(host)
    return m is not None and (m.group(1) is None or int(m.group(1)) == port)


def refusal(environ: dict, port: int) -> tuple[str, str] | None:
    """(HTTP status, text) to answer instead of serving the request, or None to serve it."""
    if not is_local_host(environ.get("HTTP_HOST", ""), port):
        return (
            "403 Forbidden",
            f"预览只回答发往本机的请求，请打开 http://127.0.0.1:{port}/ 或 http://localhost:{port}/\n"
            f"the preview answers only requests for http://127.0.0.1:{port}/ or http://localhost:{port}/\n",
        )
    if "\x00" in environ.get("PATH_INFO", ""):
        return "400 Bad Request", "地址里有不允许的字符 / the address holds a NUL character\n"
    return None


class OneLine(logging.Handler):
    """Writes each log record as one line on stderr: the message, never the traceback."""

    def emit(self, record: logging.LogRecord) -> None:
        print(f"预览 preview: {record.getMessage()}", file=sys.stderr, flush=True)
        if record.exc_info and os.environ.get("GRIDBOARD_DEBUG"):
            traceback.print_exception(*record.exc_info)


def report_error(client: object) -> None:
    """What the server says when handling one request fails outside the app (socketserver)."""
    kind, exc, tb = sys.exc_info()
    name = kind.__name__ if kind else "error"
    print(f"预览 preview: 请求出错 request failed ({client}): {name}: {exc}", file=sys.stderr, flush=True)
    if os.environ.get("GRIDBOARD_DEBUG") and kind is not None:
        traceback.print_exception(kind, exc, tb)
