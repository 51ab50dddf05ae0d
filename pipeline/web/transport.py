"""The guarded transport under the HTTP client: SSRF guard, error mapping, bounded decoding.

``AddressGuard`` resolves a host once (cached DNS_TTL_S) and refuses private, loopback,
link-local and reserved targets of origins the user did not name; ``GuardedBackend`` runs the
same check when the socket opens (DNS rebinding) and connects to the checked address only.
``map_httpx_error`` is the one boundary where httpx exceptions become ours.
``BoundedDecoder`` decodes Content-Encoding itself, counting what it produces.
"""

from __future__ import annotations

import email.utils
import ipaddress
import logging
import re
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable
from datetime import datetime, timezone
from functools import cache
from typing import Any

import certifi
import httpcore
import httpx

from pipeline.errors import (
    EdaranError,
    FetchFailed,
    TooLarge,
    TransientError,
)
from pipeline.web.urls import Origin, host_key, origin_allowed

__all__ = [
    "ACCEPT_ENCODING",
    "AddressGuard",
    "Blocked",
    "BoundedDecoder",
    "GuardedBackend",
    "Retry",
    "gunzip",
    "is_public_address",
    "map_httpx_error",
    "parse_retry_after",
    "system_resolver",
    "tls_context",
]

LOG = logging.getLogger(__name__)

# Resolved addresses are reused this long: short enough to follow DNS changes, long enough
# that a crawl of one host does one lookup per minute, not per request.
DNS_TTL_S = 60.0



# --- addresses (SSRF guard) -----------------------------------------------------------------


def is_public_address(ip: str) -> bool:
    """True for globally routable unicast addresses (not private, loopback, link-local, reserved, CGNAT)."""
    try:
        addr = ipaddress.ip_address(ip.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    return addr.is_global and not addr.is_multicast


def system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class Blocked(FetchFailed):
    """A host resolves to an address we may not reach (raised before any connection)."""


class AddressGuard:
    """Resolve once per host (cached DNS_TTL_S), refuse non-public targets of unnamed hosts."""

    def __init__(self, allowed: set[Origin], allow_private: bool, resolver: Callable[[str, int], list[str]]):
        self.allowed = allowed
        self.allow_private = allow_private
        self._resolver = resolver
        self._cache: dict[tuple[str, int], tuple[float, list[str]]] = {}
        self._lock = threading.Lock()

    def resolve(self, host: str, port: int, scheme: str | None = None) -> list[str]:
        """Checked addresses of ``host``; raises FetchFailed (Blocked) or TransientError."""
        key = (host_key(host), port)
        with self._lock:
            hit = self._cache.get(key)
        if hit and hit[0] > time.monotonic():
            ips = hit[1]
        elif _is_ip(key[0]):
            ips = [key[0]]
        else:
            try:
                ips = self._resolver(key[0], port)
            except socket.gaierror as exc:
                if exc.errno == socket.EAI_AGAIN:
                    raise TransientError(f"DNS lookup of {key[0]} failed for now: {exc}",
                                         hint="check the network; retried") from exc
                raise FetchFailed(f"DNS lookup of {key[0]} failed: {exc.strerror or exc}",
                                  hint="check the host name") from exc
            except OSError as exc:
                raise TransientError(f"DNS lookup of {key[0]} failed: {exc}", hint="check the network") from exc
            if not ips:
                raise FetchFailed(f"{key[0]} has no address", hint="check the host name")
            with self._lock:
                self._cache[key] = (time.monotonic() + DNS_TTL_S, ips)
        if not self.allow_private and not origin_allowed(self.allowed, scheme, key[0], port):
            bad = [ip for ip in ips if not is_public_address(ip)]
            if bad:
                where = f"{scheme}://{key[0]}:{port}" if scheme else f"{key[0]}:{port}"
                raise Blocked(
                    f"{key[0]} resolves to {bad[0]}, a {_address_class(bad[0])} address; {where} not fetched",
                    hint="a link may not reach internal services: name the host on the command line or in "
                         "the sources file (allow_hosts), or pass --allow-private")
        return ips


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _address_class(ip: str) -> str:
    try:
        addr = ipaddress.ip_address(ip.split("%", 1)[0])
    except ValueError:
        return "invalid"
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    for name in ("loopback", "link_local", "multicast", "unspecified", "private", "reserved"):
        if getattr(addr, f"is_{name}"):
            return name.replace("_", "-")
    return "non-public"


class GuardedBackend(httpcore.SyncBackend):
    """httpcore network backend that connects only to addresses the guard has checked."""

    def __init__(self, guard: AddressGuard) -> None:
        super().__init__()
        self._guard = guard

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Any = None) -> httpcore.NetworkStream:
        last: Exception | None = None
        for ip in self._guard.resolve(host, port):
            try:
                return super().connect_tcp(ip, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        raise last or httpcore.ConnectError(f"no address for {host}")


# --- error mapping (the one boundary where httpx exceptions become ours) ---------------------

_TLS_FAILURE = re.compile(r"CERTIFICATE_VERIFY_FAILED|certificate verify failed|WRONG_VERSION_NUMBER|SSL", re.I)


def map_httpx_error(exc: httpx.HTTPError, url: str) -> EdaranError:
    """httpx exception -> TransientError (retried) or FetchFailed, with the URL and a hint."""
    detail = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.TimeoutException):
        return TransientError(f"{url}: timed out ({type(exc).__name__})", hint="the server is slow; retried")
    if isinstance(exc, httpx.ConnectError) and _TLS_FAILURE.search(detail):
        return FetchFailed(f"{url}: TLS failure: {detail}",
                           hint="the site's certificate is broken; FetchSettings(verify_tls=False) accepts it")
    if isinstance(exc, (httpx.NetworkError, httpx.RemoteProtocolError, httpx.ProxyError)):
        return TransientError(f"{url}: network error: {detail}", hint="retried; check the network if it persists")
    if isinstance(exc, httpx.UnsupportedProtocol):
        return FetchFailed(f"{url}: only http and https URLs are fetched", hint="give an http(s) address")
    if isinstance(exc, httpx.DecodingError):
        return FetchFailed(f"{url}: the body could not be decompressed: {detail}", hint="the server sent bad data")
    if isinstance(exc, (httpx.InvalidURL, httpx.LocalProtocolError)):
        return FetchFailed(f"{url}: invalid request: {detail}", hint="check the address")
    return FetchFailed(f"{url}: {type(exc).__name__}: {detail}", hint="unexpected HTTP client error")


class Retry(TransientError):
    """TransientError with the server's Retry-After (seconds) when it gave one."""

    def __init__(self, message: str, *, retry_after: float | None = None, hint: str | None = None) -> None:
        super().__init__(message, hint=hint or "rate limited or server trouble; retried with backoff")
        self.retry_after = retry_after


def parse_retry_after(value: str | None) -> float | None:
    """Retry-After as seconds from now: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


@cache
def tls_context() -> ssl.SSLContext:
    """One verifying TLS context per process (building one reads the CA bundle: ~70 ms)."""
    return ssl.create_default_context(cafile=certifi.where())


def gunzip(data: bytes, max_bytes: int, url: str) -> bytes:
    """Decompress a gzip body with the same size cap (no decompression bombs)."""
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise FetchFailed(f"{url}: broken gzip body: {exc}", hint="the server sent bad data") from exc
    if len(out) > max_bytes or d.unconsumed_tail:
        raise TooLarge(f"{url}: decompressed body over the limit of {max_bytes:,} bytes",
                       hint="raise FetchSettings.max_bytes if this document is genuine")
    return out


# Content codings we decode ourselves, each with a cap on the bytes it produces.
_CODINGS = frozenset({"gzip", "x-gzip", "deflate"})
ACCEPT_ENCODING = "gzip, deflate"


class BoundedDecoder:
    """Content-Encoding decoding that counts what it produces (issue 14: a 3.5 KB response with
    ``Content-Encoding: gzip, gzip`` reached 4.3 GB inside httpx before any cap was checked).

    One coding at most (gzip or deflate; identity is no coding); a stack is refused. The raw
    bytes and the decoded bytes are both held to ``max_bytes``: over it, ``TooLarge`` — or, with
    ``truncate``, the first ``max_bytes`` and ``full`` set.
    """

    def __init__(self, header: str, max_bytes: int, url: str, *, truncate: bool = False) -> None:
        codings = [c.strip().lower() for c in header.split(",") if c.strip() and c.strip().lower() != "identity"]
        if len(codings) > 1:
            raise FetchFailed(f"{url}: stacked Content-Encoding {header!r} refused (one coding at most)",
                              hint="a server compressing a body twice is broken or hostile")
        if codings and codings[0] not in _CODINGS:
            raise FetchFailed(f"{url}: unsupported Content-Encoding {codings[0]!r}",
                              hint=f"the server ignored Accept-Encoding: {ACCEPT_ENCODING}")
        self.coding = codings[0] if codings else None
        self.max_bytes = max_bytes
        self.url = url
        self.truncate = truncate
        self.raw = 0
        self.out = 0
        self.full = False
        self._z: Any = None
        if self.coding in ("gzip", "x-gzip"):
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)

    def feed(self, chunk: bytes) -> bytes:
        self.raw += len(chunk)
        if self.raw > self.max_bytes and not self.truncate:
            self._over("body")
        if self.coding is None:
            return self._take(chunk)
        if self._z is None:  # deflate: zlib-wrapped (RFC) or raw (what some servers send)
            self._z = zlib.decompressobj(zlib.MAX_WBITS if chunk[:1] == b"\x78" else -zlib.MAX_WBITS)
        out = bytearray()
        data = chunk
        try:
            while data and not self.full:
                room = self.max_bytes - self.out - len(out) + 1
                piece = self._z.decompress(data, room)
                out += piece
                data = self._z.unconsumed_tail
                if self.out + len(out) > self.max_bytes:
                    break
        except zlib.error as exc:
            raise FetchFailed(f"{self.url}: the body could not be decompressed: {exc}",
                              hint="the server sent bad data") from exc
        return self._take(bytes(out))

    def flush(self) -> bytes:
        if self._z is None:
            return b""
        try:
            return self._take(self._z.flush(self.max_bytes + 1))
        except zlib.error as exc:
            raise FetchFailed(f"{self.url}: the body could not be decompressed: {exc}",
                              hint="the server sent bad data") from exc

    def _take(self, data: bytes) -> bytes:
        if self.out + len(data) > self.max_bytes:
            if not self.truncate:
                self._over("decompressed body" if self.coding else "body")
            data = data[: self.max_bytes - self.out]
            self.full = True
        self.out += len(data)
        if self.out >= self.max_bytes and self.truncate:
            self.full = True
        return data

    def _over(self, what: str) -> None:
        raise TooLarge(f"{self.url}: {what} over the limit of {self.max_bytes:,} bytes (stopped reading)",
                       hint="raise FetchSettings.max_bytes if this document is genuine")
