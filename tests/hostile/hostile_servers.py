"""A local HTTP server that misbehaves on purpose (stacked gzip, slow drips, huge robots.txt).

``http.server`` with threads, so a drip does not block other requests; every request is
counted per path. Raw control over headers and bytes is the point: real servers and
pytest-httpserver normalise what we want to break.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes | Callable[[], Iterable[bytes]] = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


class HostileServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:  # noqa: N802
                path = self.path.split("?", 1)[0]
                server.hits[path] += 1
                route = server.routes.get(path) or Route(b"not found", 404, {"Content-Type": "text/plain"})
                self.send_response(route.status)
                body = route.body
                for k, v in route.headers.items():
                    self.send_header(k, v)
                if isinstance(body, bytes):
                    if "Content-Length" not in route.headers:
                        self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    try:
                        self.wfile.write(body)
                    except (BrokenPipeError, ConnectionResetError):
                        pass
                    return
                self.send_header("Connection", "close")
                self.end_headers()
                try:
                    for chunk in body():
                        self.wfile.write(chunk)
                        self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    pass
                self.close_connection = True

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def add(self, path: str, body: bytes | Callable[[], Iterable[bytes]] = b"", *, status: int = 200,
            content_type: str = "text/html; charset=utf-8", headers: dict[str, str] | None = None) -> None:
        self.routes[path] = Route(body, status, {"Content-Type": content_type, **(headers or {})})

    def __enter__(self) -> HostileServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def drip(total_s: float = 3600.0, every_s: float = 0.2) -> Callable[[], Iterable[bytes]]:
    """A body that sends one byte every ``every_s`` seconds for ``total_s`` (a slow-drip server)."""

    def gen() -> Iterable[bytes]:
        yield b"<html><body>"
        end = time.monotonic() + total_s
        while time.monotonic() < end:
            time.sleep(every_s)
            yield b" "

    return gen
