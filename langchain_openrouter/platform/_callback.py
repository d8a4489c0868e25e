"""The one-shot callback server of ``login()``: waits on 127.0.0.1 for OpenRouter's redirect.

A stdlib ``HTTPServer`` in a daemon thread. The first request to the callback path that carries
``code`` or ``error`` decides the outcome (through the ``judge`` the login passes in), gets a
small page saying what happened, and wakes the waiting caller; everything else gets a 404.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Callable, Mapping
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any, Generic, TypeVar
from urllib.parse import parse_qsl, urlsplit

from langchain_openrouter.errors import LoginError

__all__ = ["CallbackServer"]

T = TypeVar("T")

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
<body style="font-family: sans-serif; max-width: 36em; margin: 4em auto">
<h1>{title}</h1><p>{text}</p></body></html>
"""


class CallbackServer(Generic[T]):
    """Serve one OAuth callback on ``host:port`` and hand its judged query to :meth:`wait`.

    Args:
        host: Address to bind, ``"127.0.0.1"``.
        port: Port to bind; ``0`` picks a free one (see :attr:`port`).
        path: The callback path, e.g. ``"/callback"``.
        judge: Turns the callback's query into the result, or raises :class:`LoginError`.

    Raises:
        OSError: The port is taken (the message says to pass another port).
    """

    def __init__(
        self, host: str, port: int, path: str, judge: Callable[[Mapping[str, str]], T]
    ) -> None:
        self._path = path
        self._judge = judge
        self._arrived = threading.Event()
        self._result: T | None = None
        self._error: LoginError | None = None
        try:
            self._server = HTTPServer((host, port), self._handler_class())
        except OSError as exc:
            raise OSError(
                exc.errno,
                f"cannot listen on {host}:{port} for the login callback ({exc}); "
                "pass port=<another port>, or port=0 for any free one",
            ) from exc
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="openrouter-login-callback",
            daemon=True,
        )

    @property
    def port(self) -> int:
        """The port the server listens on."""
        return int(self._server.server_address[1])

    def start(self) -> None:
        """Start answering requests (in the background thread)."""
        self._thread.start()

    def wait(self, timeout: float) -> T | None:
        """The judged callback, waiting up to ``timeout`` seconds; ``None`` when none came.

        Raises:
            LoginError: What ``judge`` raised for the callback.
        """
        if not self._arrived.wait(timeout):
            return None
        if self._error is not None:
            raise self._error
        return self._result

    def close(self) -> None:
        """Stop the server and free the port; a pending :meth:`wait` returns ``None``."""
        self._arrived.set()
        if self._thread.is_alive():
            self._server.shutdown()
            self._thread.join()
        self._server.server_close()

    def _settle(self, query: Mapping[str, str]) -> tuple[int, str, str]:
        """Record the outcome of one callback; the status, title and text of its page."""
        try:
            self._result = self._judge(query)
        except LoginError as error:
            self._error = error
            status, title, text = 400, "OpenRouter login failed", str(error)
        else:
            status, title = 200, "OpenRouter login complete"
            text = "You can close this tab and go back to your app."
        self._arrived.set()
        return status, title, text

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                url = urlsplit(self.path)
                query = dict(parse_qsl(url.query))
                if url.path != server._path or not ({"code", "error"} & query.keys()):
                    self._page(404, "Not found", "This is the login callback of a local app.")
                elif server._arrived.is_set():
                    self._page(409, "Already done", "The login has already received its answer.")
                else:
                    self._page(*server._settle(query))

            def _page(self, status: int, title: str, text: str) -> None:
                body = _PAGE.format(title=html.escape(title), text=html.escape(text)).encode()
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                # The request line carries the code: keep it out of the user's terminal.
                return

        return Handler
