"""An HTTP proxy between a counter and head office that meddles: it may swap a request's body while
keeping its headers, or answer a request itself (a compressed bomb, a huge page) instead of head
office. Everything else is passed through unchanged."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Iterable

import httpx

# (method, path, body) -> the body to forward instead, or None to forward it as it is
Swap = Callable[[str, str, bytes], bytes | None]
# (method, path) -> (status, headers, body chunks) to answer instead of head office, or None
Answer = Callable[[str, str], tuple[int, dict[str, str], Iterable[bytes]] | None]


class MeddlingProxy:
    def __init__(self, target: str) -> None:
        self.target = target
        self.swap: Swap | None = None
        self.answer: Answer | None = None
        self.swapped = 0  # how many bodies were swapped
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                own = proxy.answer(self.command, self.path) if proxy.answer else None
                if own is not None:
                    status, headers, chunks = own
                    self.send_response(status)
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.send_header("Connection", "close")
                    self.end_headers()
                    try:
                        for chunk in chunks:
                            self.wfile.write(chunk)
                    except OSError:
                        pass  # the counter stopped reading: what it is meant to do
                    self.close_connection = True
                    return
                other = proxy.swap(self.command, self.path, body) if proxy.swap else None
                if other is not None:
                    proxy.swapped += 1
                    body = other
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length",
                                                                                      "connection")}
                r = httpx.request(self.command, proxy.target + self.path, content=body, headers=headers, timeout=120)
                self.send_response(r.status_code)
                for k, v in r.headers.items():
                    if k.lower() not in ("content-length", "transfer-encoding", "connection", "content-encoding"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(r.content)))
                self.end_headers()
                self.wfile.write(r.content)

            do_GET = do_POST = do_PUT = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
