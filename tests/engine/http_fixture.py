"""A real HTTP server on loopback that behaves like the portals papeleo downloads from: it
serves the samples, and fails in each of the ways they fail (a missing file, a stall, a
file too large, a login page, a redirect loop, a 503 that passes, a connection cut short).
Fetch tests run against it so the client's bounds meet real sockets, not mocks."""

from __future__ import annotations

import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from helpers import SAMPLES

PDF_SAMPLE = "mir_avance_texto.pdf"
TEXT_SAMPLE = "mir_avance_ocr.txt"
# How long /slow stalls before answering, and how long /drip keeps dripping: far beyond the
# one-second limits the tests set, so only the client's deadline can end the wait.
STALL_S = 20.0
DRIP_EVERY_S = 0.2
# What /drip declares: under the tests' max_bytes, so only the time limit can stop it.
DRIP_DECLARED = 100_000
# What the oversized routes send: well over the tests' max_bytes, small enough to be quick.
BIG_BYTES = 2 * 1024 * 1024
# Fails answered with 503 before /flaky/<token> serves the PDF.
FLAKY_FAILURES = 2

HTML_PAGE = b"<!DOCTYPE html><html lang='es'><head><title>Acceso denegado</title></head><body>Inicie sesi\xc3\xb3n</body></html>"


class Portal:
    """The server, its base URL, and what it was asked (``hits`` by path), so a test can
    check that a 404 was asked once and a 503 three times."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.raw_paths: list[str] = []  # request targets as they arrived (absolute form via a proxy)
        self.proxy_auth: list[str | None] = []  # each request's Proxy-Authorization header
        self.stop = threading.Event()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), PortalHandler)
        self.server.portal = self  # type: ignore[attr-defined]
        self.thread = threading.Thread(target=self.server.serve_forever, name="portal", daemon=True)

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self) -> Portal:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()


class PortalHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def handle(self) -> None:
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client hung up, as it should on an oversized or stalled download

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002  (the base class's name)
        pass

    @property
    def portal(self) -> Portal:
        return self.server.portal  # type: ignore[attr-defined]

    def send(self, status: int, body: bytes = b"", content_type: str = "application/pdf", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self.portal.raw_paths.append(self.path)
        self.portal.proxy_auth.append(self.headers.get("Proxy-Authorization"))
        path = urlsplit(self.path).path if self.path.startswith("http") else self.path.split("?")[0]
        self.portal.hits[path] += 1
        try:
            self.route(path)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client hung up, as it should on an oversized or stalled download

    def route(self, path: str) -> None:
        pdf = (SAMPLES / PDF_SAMPLE).read_bytes()
        if ".." in path or "%2e" in path.lower():
            self.send(200, pdf)  # a naive server: whatever the path, the client must keep it inside OUT/_raw
        elif path.startswith("/samples/"):
            file = SAMPLES / path.removeprefix("/samples/")
            if file.is_file():
                kind = "text/plain; charset=utf-8" if file.suffix == ".txt" else "application/pdf"
                self.send(200, file.read_bytes(), kind)
            else:
                self.send(404, b"Not found", "text/plain")
        elif path == "/gone.pdf":
            self.send(410, b"Gone", "text/plain")
        elif path == "/forbidden.pdf":
            self.send(403, b"Forbidden", "text/plain")
        elif path.startswith("/slow/"):
            self.portal.stop.wait(STALL_S)
            self.send(200, pdf)
        elif path == "/drip.pdf":
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", str(DRIP_DECLARED))
            self.end_headers()
            self.wfile.write(pdf[:64])
            for _ in range(int(STALL_S / DRIP_EVERY_S)):  # then hang up: a client without a deadline fails, not hangs
                if self.portal.stop.wait(DRIP_EVERY_S):
                    break
                self.wfile.write(b" ")
                self.wfile.flush()
            self.close_connection = True
        elif path == "/big-honest.pdf":
            self.stream_big(framing="length")
        elif path == "/big-chunked.pdf":
            self.stream_big(framing="chunked")
        elif path == "/big-unframed.pdf":
            self.stream_big(framing="close")
        elif path == "/page.html":
            self.send(200, HTML_PAGE, "text/html; charset=utf-8")
        elif path == "/fragment.pdf":
            self.send(200, b"<div class='error'>Documento no disponible</div>", "text/html")
        elif path == "/empty.pdf":
            self.send(200, b"")
        elif path.startswith("/redirect/"):  # /redirect/<chain>/<n>: n more redirects, then /final/<chain>
            _, _, chain, left = path.split("/")
            target = f"/redirect/{chain}/{int(left) - 1}" if int(left) > 0 else f"/final/{chain}"
            self.send(302, b"", "text/plain", Location=target)
        elif path.startswith("/final/"):
            self.send(200, pdf)
        elif path == "/redirect-bad-port":
            self.send(302, b"", "text/plain", Location="http://127.0.0.1:99999/acta.pdf")
        elif path == "/redirect-to-file":
            self.send(302, b"", "text/plain", Location="file:///etc/passwd")
        elif path.startswith("/flaky/"):
            if self.portal.hits[path] <= FLAKY_FAILURES:
                self.send(503, b"Service Unavailable", "text/plain")
            else:
                self.send(200, pdf)
        elif path == "/truncated.pdf":
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", str(len(pdf)))
            self.end_headers()
            self.wfile.write(pdf[:100])
            self.close_connection = True
        else:
            self.send(404, b"Not found", "text/plain")

    def stream_big(self, framing: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/pdf")
        if framing == "length":
            self.send_header("Content-Length", str(BIG_BYTES))
        elif framing == "chunked":
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        block = b"%PDF-1.4\n" + b"0" * (64 * 1024 - 9)
        for _ in range(BIG_BYTES // len(block)):
            if self.portal.stop.is_set():
                return
            if framing == "chunked":
                self.wfile.write(b"%x\r\n%s\r\n" % (len(block), block))
            else:
                self.wfile.write(block)
        if framing == "chunked":
            self.wfile.write(b"0\r\n\r\n")
