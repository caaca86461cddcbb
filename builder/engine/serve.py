"""The live preview's server: MkDocs' LiveReloadServer, kept to this machine and to our CSP."""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from pathlib import Path

from .. import preview_guard


def serve(rebuild, watch: list[Path], site_dir: Path, host: str, port: int, stopped=lambda: False) -> None:
    """Live preview: serve `site_dir`, call `rebuild()` when anything in `watch` changes, reload;
    end when `stopped()` (checked every quarter second)."""
    from mkdocs.livereload import LiveReloadServer

    class CspLiveReloadServer(LiveReloadServer):
        """MkDocs' server, with its injected inline reload script allowed by hash in the page's
        Content-Security-Policy (templates/overrides/main.html forbids inline scripts)."""

        def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
            html = super()._inject_js_into_html(content, epoch)
            script = html[html.rindex(b"<script>") + 8 : html.rindex(b"</script>")]
            digest = base64.b64encode(hashlib.sha256(script).digest())
            return re.sub(
                rb'(http-equiv="Content-Security-Policy" content="[^"]*?script-src)',
                rb"\1 'sha256-" + digest + b"'",
                html,
                count=1,
            )

        def serve_request(self, environ, start_response):
            """Answer only this machine's requests with a clean path (preview_guard.py)."""
            refused = preview_guard.refusal(environ, self.server_address[1])
            if refused is None:
                return super().serve_request(environ, start_response)
            status, text = refused
            start_response(status, [("Content-Type", "text/plain; charset=utf-8")])
            return [text.encode()]

        def handle_error(self, request, client_address) -> None:
            preview_guard.report_error(client_address)

        # MkDocs' wait for changes wakes every shutdown_delay to look at _shutdown: end there too
        # when a stop signal has come (signals.py)
        @property
        def _shutdown(self) -> bool:
            return self._closing or stopped()

        @_shutdown.setter
        def _shutdown(self, value: bool) -> None:
            self._closing = value

    server = CspLiveReloadServer(builder=rebuild, host=host, port=port, root=str(site_dir))
    for path in watch:
        if path.exists():
            server.watch(str(path))
    log = logging.getLogger("mkdocs.livereload")
    old_handlers, old_prop = log.handlers[:], log.propagate
    log.handlers, log.propagate = [preview_guard.OneLine(logging.WARNING)], False
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        log.handlers, log.propagate = old_handlers, old_prop
