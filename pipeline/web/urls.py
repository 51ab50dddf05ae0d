"""URLs: what we fetch (``clean_url``), the dedupe key (``normalize_url``), web doc ids, and
which origins the user named (``origin_key``): the private-address exception is for the
scheme, host and port named, not every port of the host (issue 14)."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from courlan.clean import TRACKERS_RE

from pipeline.errors import (
    FetchFailed,
)

__all__ = [
    "Origin",
    "clean_url",
    "host_key",
    "host_of",
    "normalize_url",
    "origin_allowed",
    "origin_key",
    "url_doc_id",
]

# Tracking parameters beyond courlan's list (Firefox query stripping): detik, kompas, RSS tags.
_EXTRA_TRACKERS = re.compile(r"^(?:tag_from|_gl|_ga|from|rss|utm|ocid|cmpid|cmp|fb_\w+|amp;.*)$", re.I)
_AMP_PARAMS = frozenset({"amp", "_amp", "outputtype", "amp_js_v", "usqp"})
_HOST_PREFIXES = ("www.", "m.", "mobile.", "amp.", "wap.")




# --- URLs ---------------------------------------------------------------------------------


def host_of(url: str) -> str:
    """Lower-case host name of a URL ('' when there is none)."""
    return (urlsplit(url).hostname or "").lower().rstrip(".")


def host_key(name: str) -> str:
    """'News.Example:8080' / 'http://news.example/x' -> 'news.example'."""
    name = name.strip()
    if "://" in name:
        return host_of(name)
    if name.startswith("[") and "]" in name:  # [::1]:8080
        return name[1:name.index("]")].lower()
    if name.count(":") == 1:
        name = name.split(":", 1)[0]
    return name.lower().rstrip(".")


Origin = tuple[str | None, str, int | None]  # (scheme or any, host, port or any)


def origin_key(name: str) -> Origin:
    """What naming a host allows (issue 14: naming ``127.0.0.1:18080`` must not open ``:18081``).

    A URL allows exactly its scheme, host and port (``http://127.0.0.1:18080/feed`` ->
    ``("http", "127.0.0.1", 18080)``); ``host:port`` that port under either scheme; a bare host
    name (an operator's ``allow_hosts`` entry) every port of that host.
    """
    name = name.strip()
    if "://" in name:
        parts = urlsplit(name)
        scheme = parts.scheme.lower()
        try:
            url_port = parts.port
        except ValueError:
            url_port = None
        return scheme, host_of(name), url_port or (443 if scheme == "https" else 80)
    if name.startswith("[") and "]" in name:  # [::1]:8080
        host, rest = name[1:name.index("]")].lower(), name[name.index("]") + 1:]
        return None, host, int(rest[1:]) if rest.startswith(":") and rest[1:].isdigit() else None
    if name.count(":") == 1:
        host, port_text = name.split(":", 1)
        return None, host.lower().rstrip("."), int(port_text) if port_text.isdigit() else None
    return None, name.lower().rstrip("."), None


def origin_allowed(allowed: set[Origin], scheme: str | None, host: str, port: int | None) -> bool:
    """Is (scheme, host, port) covered by one of the named origins? ``scheme=None``: any scheme
    (the connection layer knows only host and port)."""
    host = host_key(host)
    for a_scheme, a_host, a_port in allowed:
        if a_host != host:
            continue
        if a_scheme is not None and scheme is not None and a_scheme != scheme:
            continue
        if a_port is not None and port is not None and a_port != port:
            continue
        return True
    return False


def _is_tracker(param: str) -> bool:
    return bool(TRACKERS_RE.search(param.lower()) or _EXTRA_TRACKERS.match(param))


def clean_url(url: str, base: str | None = None) -> str:
    """The URL we fetch: absolute, http(s) only, no fragment, no tracking parameters.

    Raises FetchFailed for other schemes and malformed URLs.
    """
    url = (url or "").strip()
    if base:
        url = urljoin(base, url)
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchFailed(f"malformed URL {url!r}: {exc}", hint="check the address") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchFailed(f"{url!r}: only http and https URLs are fetched (got {scheme or 'no scheme'!r})",
                          hint="give an http(s) address")
    host = (parts.hostname or "").lower().rstrip(".")
    if not host:
        raise FetchFailed(f"{url!r} has no host name", hint="give a full address like https://example.go.id/page")
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracker(k)]
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query, doseq=True), ""))


def normalize_url(url: str) -> str:
    """The dedupe key of a URL: one article under AMP, mobile and tracking variants -> one key.

    ``https://m.news.example/amp/a/b/?utm_source=x`` and ``http://www.news.example/a/b``
    give the same key. Not for fetching (hosts and paths are rewritten).
    """
    try:
        u = urlsplit(clean_url(url))
    except FetchFailed:
        return url.strip()
    host = u.netloc
    while host.startswith(_HOST_PREFIXES) and host.count(".") >= 2:
        host = host.split(".", 1)[1]
    segs = [s for s in u.path.split("/") if s]
    if segs and segs[0].lower() == "amp":
        segs = segs[1:]
    if segs and segs[-1].lower() in ("amp", "amp.html"):
        segs = segs[:-1]
    path = "/" + "/".join(segs)
    if path.endswith(".amp"):
        path = path[:-4]
    query = sorted((k, v) for k, v in parse_qsl(u.query, keep_blank_values=True)
                   if k.lower() not in _AMP_PARAMS and not (k.lower() in ("page", "single") and v in ("1", "all")))
    return urlunsplit(("https", host, path, urlencode(query), ""))


def url_doc_id(url: str) -> str:
    """doc_id of a web document: 'web_' + 16 hex of sha256 of the normalized (canonical) URL."""
    return "web_" + hashlib.sha256(normalize_url(url).encode()).hexdigest()[:16]
