"""A bounded streaming HTTP GET, and the limits and errors every download shares.

Why http(s) does not go through fsspec, as file:// and s3:// do (:mod:`papeleo.fetch`):
fsspec's HTTPFileSystem needs aiohttp, which only the s3 extra brings in (``fsspec[http]``
is not a papeleo dependency), so a plain install could not fetch a URL at all; and it
follows redirects inside aiohttp, where neither the scheme of each hop nor the hop count can
be checked hop by hop. A GET on the standard library's ``http.client`` checks every bound
itself: the scheme of every hop (a redirect to file:// would read this machine's files into
the output root), the hop count, Content-Length before reading, the bytes as they arrive,
and one deadline for the whole download, enforced by a watchdog that shuts the socket
(socket timeouts bound each read, not their sum: a server dripping a byte a second would
never time out). Proxies named by the environment (http_proxy, https_proxy, no_proxy) are
used as curl uses them.
"""

from __future__ import annotations

import base64
import http.client
import logging
import socket
import ssl
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import quote, unquote, urljoin, urlsplit

from .model import Failure

log = logging.getLogger(__name__)

HTTP_SCHEMES = ("http", "https")

# The largest download kept: a 300-page scan at 300 dpi is ~60 MB, so 100 MB keeps every
# real report while a wrong link (a video, a data dump) costs at most this much disk and time.
MAX_BYTES = 100 * 1024 * 1024
# The whole download, every redirect hop included: 100 MB at ~1 MB/s fits; a stalled server
# holds one of the two documents in flight for no longer than this.
TIMEOUT_S = 120.0
# Portals redirect once or twice (http -> https, a CMS's download.php); more is a loop.
MAX_REDIRECTS = 5
# Further attempts after a transient failure (connection error, timeout, HTTP 5xx/429).
RETRIES = 3
# Waits before each retry: long enough for an overloaded portal to recover, short enough
# that a dead one costs under a minute; the last delay repeats if there are more retries.
RETRY_DELAYS_S = (2.0, 10.0, 30.0)
# Bytes asked of the network per read: small, so the size cap and the deadline are checked
# often; large enough that a 100 MB download is ~1,600 reads.
CHUNK_BYTES = 64 * 1024

USER_AGENT = "papeleo/0.1 (document ingestion; +https://pypi.org/project/papeleo/)"
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
NOT_FOUND_STATUSES = frozenset({404, 410})
TRANSIENT_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
# Characters left as they are when a URL's path and query are put in the request line:
# RFC 3986 reserved ones and "%" (escapes already there), so 'año 2024.pdf' goes out as
# 'a%C3%B1o%202024.pdf' and '%2e%2e%2f' stays exactly what the user wrote.
URL_SAFE = "/%:@!$&'()*+,;=~?#[]"


@dataclass(frozen=True)
class FetchLimits:
    max_bytes: int = MAX_BYTES
    timeout_s: float = TIMEOUT_S  # per attempt, the whole download: connect, redirects, headers, body
    max_redirects: int = MAX_REDIRECTS
    retries: int = RETRIES  # transient errors only: connection errors, timeouts, HTTP 5xx/429
    retry_delays_s: tuple[float, ...] = RETRY_DELAYS_S


DEFAULT_LIMITS = FetchLimits()


class FetchError(Exception):
    """A source that could not be fetched: a failures row (stage ``fetch``), not a stopped run.

    ``error_type`` is one of ``not_found`` (HTTP 404/410, a missing file:// file or s3 key),
    ``http_error`` (any other refusal: 4xx, or 5xx/429 after the retries), ``timeout``,
    ``too_large``, ``not_a_document`` (an HTML page, an empty body, a ZIP...),
    ``too_many_redirects``, ``network`` (refused, reset, DNS, TLS certificate),
    ``unsupported_scheme`` and ``unreadable`` (a local file or file:// URL this user cannot
    read, or a folder)."""

    def __init__(self, error_type: str, message: str, transient: bool = False):
        super().__init__(message)
        self.error_type = error_type
        self.message = message
        self.transient = transient  # worth another attempt after a back-off

    def failure(self) -> Failure:
        return Failure(stage="fetch", error_type=self.error_type, message=self.message)


@dataclass
class Body:
    chunks: Iterator[bytes]
    length: int | None  # what the server declared, if anything
    content_type: str | None = None


class Deadline:
    """One time limit for a whole attempt. A timer shuts the attempt's sockets when it
    expires, which wakes any read blocked on them; ``expired`` then tells a cut-off body
    from a complete one."""

    def __init__(self, seconds: float):
        self.at = time.monotonic() + seconds
        self.expired = False
        self._socks: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self) -> float:
        left = self.at - time.monotonic()
        if left <= 0 or self.expired:
            raise TimeoutError("the time limit passed")
        return left

    def watch(self, sock: socket.socket | None) -> None:
        with self._lock:
            if sock is not None:
                self._socks.append(sock)
        if self.expired:
            self._expire()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._socks:
                try:
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)
                except OSError:
                    pass

    def cancel(self) -> None:
        self._timer.cancel()


def too_large(url: str, limits: FetchLimits, why: str) -> FetchError:
    limit = f"{limits.max_bytes / 1024 / 1024:g} MB"
    return FetchError("too_large", f"{url} is larger than the {limit} limit ({why}); check the link or raise the limit")


def timed_out(url: str, limits: FetchLimits) -> FetchError:
    return FetchError(
        "timeout",
        f"{url} did not finish within {limits.timeout_s:g} s; try again later or raise the time limit",
        transient=True,
    )


@contextmanager
def network_errors(url: str, limits: FetchLimits, deadline: Deadline) -> Iterator[None]:
    """Socket, TLS and protocol errors as FetchErrors; which of them are worth a retry."""
    try:
        yield
    except FetchError:
        raise
    except (ValueError, http.client.InvalidURL) as exc:  # 'http://portal.gob.mx:99999/', '[::1'
        raise FetchError("network", f"{url} leads to an address that is not valid ({exc}); fix the link") from None
    except (TimeoutError, OSError, http.client.HTTPException) as exc:
        if deadline.expired or isinstance(exc, TimeoutError):
            raise timed_out(url, limits) from None
        if isinstance(exc, ssl.SSLCertVerificationError):
            why, transient = f"its TLS certificate cannot be verified ({exc.verify_message})", False
        elif isinstance(exc, socket.gaierror):
            # a name that does not exist stays so; a resolver that did not answer may answer later
            why, transient = f"the host name cannot be resolved ({exc.strerror})", exc.errno == socket.EAI_AGAIN
        elif isinstance(exc, ConnectionRefusedError):
            why, transient = "the connection was refused", True
        else:
            why, transient = f"the connection failed ({type(exc).__name__}: {exc})", True
        raise FetchError(
            "network", f"{url} could not be fetched: {why}; check the address and the network", transient
        ) from None


def _request_target(parts) -> str:
    target = quote(parts.path or "/", safe=URL_SAFE)
    return target + ("?" + quote(parts.query, safe=URL_SAFE) if parts.query else "")


def _connect(url: str, deadline: Deadline) -> tuple[http.client.HTTPConnection, str, dict[str, str]]:
    """A connection for ``url``, the request target and headers to send on it, through the
    proxy the environment names (http_proxy, https_proxy, no_proxy), as curl does. The
    connect and TLS handshake are bounded by the socket timeout (what is left of the
    deadline); the watchdog takes over once the socket exists."""
    parts = urlsplit(url)
    host, port = parts.hostname or "", parts.port
    target = _request_target(parts)
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
    proxy = urllib.request.getproxies().get(parts.scheme)
    if proxy and urllib.request.proxy_bypass(host):
        proxy = None
    cls = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    kwargs = {"context": ssl.create_default_context()} if parts.scheme == "https" else {}
    if proxy is None:
        conn = cls(host, port, timeout=deadline.remaining(), **kwargs)
    else:
        p = urlsplit(proxy if "://" in proxy else "http://" + proxy)
        auth = {}
        if p.username:  # http://usuario:clave@proxy.dependencia.gob.mx:3128
            token = base64.b64encode(f"{unquote(p.username)}:{unquote(p.password or '')}".encode()).decode()
            auth = {"Proxy-Authorization": f"Basic {token}"}
        if parts.scheme == "https":
            conn = cls(p.hostname or "", p.port, timeout=deadline.remaining(), **kwargs)
            conn.set_tunnel(host, port, headers=auth)
        else:
            conn = cls(p.hostname or "", p.port, timeout=deadline.remaining())
            target = f"http://{parts.netloc}{target}"
            headers |= auth
    conn.connect()
    deadline.watch(conn.sock)
    return conn, target, headers


@contextmanager
def http_body(url: str, limits: FetchLimits, deadline: Deadline) -> Iterator[Body]:
    """GET ``url``, following at most ``max_redirects`` redirects. The body is yielded
    outside ``network_errors``: an error writing it to disk is the run's, not the URL's."""
    current = url
    for _ in range(limits.max_redirects + 1):
        conn = resp = None
        try:
            with network_errors(url, limits, deadline):
                conn, target, headers = _connect(current, deadline)
                conn.request("GET", target, headers=headers)
                resp = conn.getresponse()
                following = _redirect(url, current, resp)
            if following is not None:
                current = following
                continue
            _check_status(url, resp)
            length = resp.getheader("Content-Length")
            declared = int(length) if length and length.isdigit() else None
            yield Body(_read_http(url, limits, resp, declared, deadline), declared, resp.getheader("Content-Type"))
            return
        finally:
            if resp is not None:
                resp.close()
            if conn is not None:
                conn.close()
    raise FetchError(
        "too_many_redirects",
        f"{url} redirected more than {limits.max_redirects} times (last to {current[:200]}); "
        "open it in a browser: the portal may be looping through a login page",
    )


def _redirect(url: str, current: str, resp: http.client.HTTPResponse) -> str | None:
    """Where a redirect leads, or None for any other answer. Only to http(s): a redirect to
    file:// would read this machine's files into the output root."""
    location = resp.getheader("Location", "").strip()
    if resp.status not in REDIRECT_STATUSES or not location:
        return None
    following = urljoin(current, location)
    if urlsplit(following).scheme.lower() not in HTTP_SCHEMES:
        raise FetchError(
            "unsupported_scheme", f"{url} redirects to {following[:200]!r}; only http and https redirects are followed"
        )
    urlsplit(following).port  # noqa: B018  (a port that is not a number raises ValueError here, not mid-connect)
    log.debug("%s redirects to %s", current, following)
    return following


def _check_status(url: str, resp: http.client.HTTPResponse) -> None:
    status = f"HTTP {resp.status} {resp.reason}".strip()
    if 200 <= resp.status < 300:
        return
    if resp.status in NOT_FOUND_STATUSES:
        raise FetchError(
            "not_found", f"{url} was not found ({status}); find the document's current address on the portal"
        )
    if resp.status in (401, 403):
        raise FetchError(
            "http_error",
            f"{url} refused the download ({status}); it may need a login: download it by hand and ingest the file",
        )
    transient = resp.status in TRANSIENT_STATUSES
    raise FetchError("http_error", f"{url} answered {status}; try again later or open it in a browser", transient)


def _read_http(
    url: str, limits: FetchLimits, resp: http.client.HTTPResponse, declared: int | None, deadline: Deadline
) -> Iterator[bytes]:
    """The body as it arrives; read1 returns after one read of the socket, so the caller's
    byte count and the deadline are checked between reads, not after a whole buffer fills."""
    got = 0
    while True:
        with network_errors(url, limits, deadline):
            data = resp.read1(CHUNK_BYTES)
        if not data:
            break
        got += len(data)
        yield data
    if deadline.expired:
        raise timed_out(url, limits)
    if declared is not None and got < declared:  # read1 ends quietly when the connection drops
        raise FetchError(
            "network", f"{url} closed the connection after {got:,} of {declared:,} bytes; try again later", True
        )
