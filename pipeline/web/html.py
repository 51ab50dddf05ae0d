"""HTML page -> ``HtmlDoc``: main article text and its metadata.

The cascade (each step only fills what the previous ones left empty)::

    0. decode        BOM > HTTP charset > <meta charset> > UTF-8 > charset-normalizer
                     (latin-1 labels read as windows-1252, as browsers do)
    1. page scan     one lxml parse: JSON-LD, meta tags, <link rel>, links, PDF links,
                     AMP flag, pagination ("Halaman 1 2", ?page=2, /2, rel=next, "Read All")
    2. furniture     dropped before extraction: "Baca juga" / byline / ad / related / tag /
                     comment / pagination elements (cue lists: extractors/lexicons/
                     html_page.json and boilerplate.json); layout tables unwrapped
    3. text          trafilatura (no comments), first line dropped when it repeats the title
    4. metadata      title:     JSON-LD headline > og:title > trafilatura > <h1> > <title>
                     author:    JSON-LD author > meta author > trafilatura > visible byline
                     publisher: JSON-LD publisher > og:site_name > <title> suffix > trafilatura > host
                     published: JSON-LD datePublished > meta tags > visible dateline
                                ("Selasa, 16 April 2024 10:15 WIB") > htmldate
                     canonical: <link rel=canonical> > og:url > JSON-LD url (a homepage is ignored)

A joined multi-page article travels as its ``HtmlDoc`` (``RawDoc.page``): it is never
rendered back to HTML to be parsed again.
"""

from __future__ import annotations

import codecs
import html as html_lib
import json
import re
import warnings
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import lxml.html
from lxml import etree

with warnings.catch_warnings():
    # trafilatura's downloader imports urllib3's SOCKS support, which warns when PySocks is
    # missing; we never download with trafilatura (pipeline.web.client does), so the warning is noise.
    warnings.filterwarnings("ignore", message="SOCKS support in urllib3")
    import trafilatura

from extractors.lexicon import load_json
from pipeline.errors import ParseFailed

__all__ = ["HtmlDoc", "decode_html", "page_number", "parse_html"]

# An element holding more than this share of the page's paragraph text is the article, not furniture.
MAX_FURNITURE_SHARE = 0.3
# Furniture found by its text ("Baca juga: ...") is short; a longer element is content.
MAX_FURNITURE_CHARS = 300
# Pages of one article are numbered by small numbers; "/2024" is a year, not page 2024.
MAX_PAGE_NUMBER = 50
_EARLIEST_YEAR = 1990  # no Indonesian news site publishes earlier; older "dates" are noise
# htmldate without its "extensive search": that falls back to dateparser with every locale
# (10 s for the first page without a date, ms per page after); the Indonesian dateline is ours.
_HTMLDATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}


@dataclass
class HtmlDoc:
    """What an HTML page gives: article text, metadata and the links the crawl follows."""

    text: str
    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date (local date of the publication)
    canonical_url: str | None = None
    amp_url: str | None = None
    next_page_urls: list[str] = field(default_factory=list)  # later pages of this article, in order
    pdf_links: list[str] = field(default_factory=list)  # .pdf links inside the article text
    links: list[str] = field(default_factory=list)  # every http(s) link of the page, in order
    # -- extras ---------------------------------------------------------------------------------
    url: str | None = None
    is_amp: bool = False
    single_page_url: str | None = None  # the "Read All" / ?page=all version of a paginated article
    page: int = 1  # which page of a paginated article this is
    all_pdf_links: list[str] = field(default_factory=list)  # .pdf links anywhere on the page
    link_texts: dict[str, str] = field(default_factory=dict)  # link -> its anchor text (listing filters)
    feed_urls: list[str] = field(default_factory=list)  # <link rel=alternate type=rss/atom>
    language: str | None = None
    date_source: str | None = None  # json-ld | meta | dateline | htmldate
    pages: int = 1  # pages joined into ``text`` (set by the crawl)


# --- lexicons ---------------------------------------------------------------------------------


@cache
def _lex() -> dict[str, Any]:
    data: dict[str, Any] = load_json("html_page.json")
    return data


@cache
def _boilerplate() -> tuple[tuple[str, ...], frozenset[str]]:
    """(line prefixes, exact lines) shared with clean.py, plus the byline labels."""
    try:
        data = load_json("boilerplate.json")
    except (OSError, ValueError):
        data = {}
    prefixes = [p.lower() for p in data.get("line_prefixes", [])]
    prefixes += [f"{label}:" for label in _lex()["byline_labels"]]
    prefixes += ["simak video", "tonton video", "scroll to continue"]
    exact = frozenset(x.lower() for x in data.get("exact_lines", []))
    return tuple(sorted(set(prefixes), key=len, reverse=True)), exact


@cache
def _months() -> dict[str, int]:
    try:
        cal = load_json("dates_calendar.json")
        months = dict(cal.get("months", {}))
        months.update(cal.get("month_abbreviations", {}))
        if months:
            return {k.lower(): int(v) for k, v in months.items()}
    except (OSError, ValueError):
        pass
    return {}


@cache
def _dateline_re() -> re.Pattern[str]:
    names = "|".join(sorted(map(re.escape, _months()), key=len, reverse=True)) or "[A-Za-z]{3,9}"
    zones = "|".join(_lex()["timezones"])
    return re.compile(
        rf"(?<!\d)(?P<d>\d{{1,2}})\s*(?:(?P<mon>{names})\.?|/(?P<m>\d{{1,2}})/)\s*(?P<y>(?:19|20)\d\d)(?!\d)"
        rf"(?:[\s,|\-]*(?:pukul|jam)?\s*(?P<H>\d{{1,2}})[:.](?P<M>\d{{2}})(?:[:.]\d{{2}})?)?"
        rf"\s*(?P<tz>{zones})?\b", re.I)


def _token_re(tokens: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?:^|[\s_\-])(?:" + "|".join(map(re.escape, tokens)) + r")(?=$|[\s_\-\d])", re.I)


@cache
def _boilerplate_token_re() -> re.Pattern[str]:
    return _token_re(_lex()["boilerplate_tokens"])


@cache
def _date_token_re() -> re.Pattern[str]:
    return _token_re(_lex()["date_tokens"])


@cache
def _author_token_re() -> re.Pattern[str]:
    return _token_re(_lex()["author_tokens"])


@cache
def _author_label_re() -> re.Pattern[str]:
    labels = "|".join(map(re.escape, _lex()["author_labels"]))
    name = r"[A-Z][\w.'’\-]*(?:[ \t]+(?:[A-Z][\w.'’\-]*|bin|binti|van|de|al))*"
    # "Penulis: Rina" anywhere in a short element; "Oleh Rina" only at its start ("dibuka oleh Wali Kota" is no byline)
    return re.compile(rf"(?:(?:^|[\s|(])(?i:{labels})\s*:|^(?i:{labels}))[ \t]*(?P<name>{name})")


# --- decoding ---------------------------------------------------------------------------------

_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)
_XML_DECL_RE = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.\-]+)""", re.I)
# WHATWG encoding standard: these labels mean windows-1252 in browsers.
_AS_CP1252 = frozenset({"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "ascii", "us-ascii", "cp819",
                        "iso_8859-1", "windows-1252", "cp1252", "x-cp1252"})


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in _AS_CP1252:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_html(data: bytes, headers: dict[str, str] | None = None) -> str:
    """Bytes of a page -> str, the way a browser picks the encoding (plus a detector)."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                     (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(enc, "replace")
    ctype = next((v for k, v in (headers or {}).items() if k.lower() == "content-type"), "")
    m = re.search(r"charset\s*=\s*([\w.:\-\"']+)", ctype, re.I)
    declared = _codec(m.group(1)) if m else None
    if declared is None:
        head = data[:4096]
        mm = _META_CHARSET_RE.search(head) or _XML_DECL_RE.search(head)
        declared = _codec(mm.group(1).decode("ascii", "replace")) if mm else None
    if declared == "utf-8" or declared is None:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            if declared == "utf-8":  # mostly UTF-8 with a stray byte: keep the declaration
                return data.decode("utf-8", "replace")
    if declared is not None:
        return data.decode(declared, "replace")
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    return data.decode(_codec(best.encoding) or "cp1252" if best else "cp1252", "replace")


# --- entry point ------------------------------------------------------------------------------


def parse_html(data: bytes, url: str | None, headers: dict[str, str] | None = None) -> HtmlDoc:
    """Parse one HTML page; raises ParseFailed when it is not HTML at all."""
    text = decode_html(data, headers) if isinstance(data, (bytes, bytearray)) else str(data)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # lxml refuses str input with an encoding declaration
    if not text.strip():
        return HtmlDoc(text="", url=url)
    parser = lxml.html.HTMLParser()
    try:
        tree = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ParseFailed(f"not parseable as HTML: {exc}", hint="check that the page is HTML") from exc
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        # libxml2 stops at 256 levels (no huge_tree on purpose): what is deeper is lost, and the
        # page would otherwise fail as "[E-EMPTY] no article text", which says the wrong thing
        raise ParseFailed("the page nests its elements over 255 levels deep; the HTML parser stops there",
                          hint="a real article is rarely 40 levels deep: the page is broken or hostile")
    return _parse_tree(tree, url)


def _parse_tree(tree: lxml.html.HtmlElement, url: str | None) -> HtmlDoc:
    base = url
    for b in tree.xpath("//base[@href]"):
        base = urljoin(url or "", b.get("href"))
        break
    ld = _json_ld(tree)
    meta = _meta_tags(tree)
    rels = _link_rels(tree, base)
    canonical = _canonical(rels.get("canonical") or meta.get("og:url") or ld.get("url"), url)
    base = base or canonical
    doc = HtmlDoc(text="", url=url, canonical_url=canonical, amp_url=rels.get("amphtml"))
    root_attrs = tree.attrib
    doc.is_amp = "amp" in root_attrs or "\u26a1" in root_attrs
    doc.language = (root_attrs.get("lang") or meta.get("og:locale") or "").split("-")[0].split("_")[0].lower() or None
    doc.feed_urls = rels.get("_feeds", [])
    pdf_contexts = _scan_links(tree, base, doc, rels.get("next"))
    h1 = _first_text(tree, "//h1")
    page_title = _first_text(tree, "//title")
    byline_author, dateline = _scan_body(tree)  # also drops the furniture, in place

    # trafilatura copies the tree it is given: the page scan above saw the original
    result = trafilatura.bare_extraction(tree, url=url, with_metadata=True, include_comments=False,
                                         include_tables=True, include_images=False, include_links=False,
                                         deduplicate=False, date_extraction_params=_HTMLDATE_PARAMS)
    t_title = t_author = t_date = t_site = None
    body = ""
    if result is not None and not isinstance(result, dict):  # a Document (as_dict=False)
        body = result.text or ""
        t_title, t_author, t_date, t_site = result.title, result.author, result.date, result.sitename

    # 4. metadata cascade
    doc.title = _clean(ld.get("headline") or meta.get("og:title") or meta.get("twitter:title")
                       or t_title or h1 or page_title)
    doc.author = _clean(ld.get("author") or _meta_author(meta) or t_author or byline_author)
    doc.publisher = _clean(ld.get("publisher") or meta.get("og:site_name") or meta.get("application-name")
                           or _title_suffix(page_title, doc.title) or _site_name(t_site, url)
                           or _host(canonical or url))
    published, source = _iso_date(ld.get("datePublished")), "json-ld"
    if not published:
        published, source = _meta_date(meta), "meta"
    if not published and dateline:
        published, source = dateline, "dateline"
    if not published:
        published, source = _iso_date(t_date), "htmldate"
    doc.published, doc.date_source = published, (source if published else None)
    doc.text = _tidy_text(body, doc.title)
    doc.pdf_links = _pdfs_in_text(pdf_contexts, doc.text)
    return doc


# --- step 1: page scan ---------------------------------------------------------------------------

_ARTICLE_TYPES = ("newsarticle", "article", "reportagenewsarticle", "blogposting", "webpage", "analysisnewsarticle",
                  "opinionnewsarticle", "backgroundnewsarticle", "report", "governmentpermit")


def _json_ld(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """headline, datePublished, author, publisher, url of the page's article object."""
    best: dict[str, Any] | None = None
    best_rank = len(_ARTICLE_TYPES) + 1
    for script in tree.xpath("//script[@type='application/ld+json']"):
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            try:  # trailing commas, control characters: common in the wild
                data = json.loads(re.sub(r",\s*([}\]])", r"\1", raw.replace("\n", " ")), strict=False)
            except ValueError:
                continue
        for obj in _ld_objects(data):
            types = obj.get("@type")
            types = [types] if isinstance(types, str) else types if isinstance(types, list) else []
            for t in types:
                t = str(t).lower()
                if t in _ARTICLE_TYPES and _ARTICLE_TYPES.index(t) < best_rank:
                    best, best_rank = obj, _ARTICLE_TYPES.index(t)
    if best is None:
        return {}
    out: dict[str, str] = {}
    for key in ("headline", "name", "datePublished", "dateCreated", "uploadDate"):
        if isinstance(best.get(key), str) and best[key].strip():
            out.setdefault("headline" if key in ("headline", "name") else "datePublished", best[key].strip())
    names = _ld_names(best.get("author")) or _ld_names(best.get("creator"))
    if names:
        out["author"] = ", ".join(names)
    pub = _ld_names(best.get("publisher"))
    if pub:
        out["publisher"] = pub[0]
    page = best.get("mainEntityOfPage")
    page_url = page.get("@id") or page.get("url") if isinstance(page, dict) else page
    for cand in (best.get("url"), page_url):
        if isinstance(cand, str) and cand.startswith("http"):
            out["url"] = cand
            break
    return out


def _ld_objects(data: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    stack = [data]
    while stack and len(out) < 200:
        item = stack.pop(0)
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            out.append(item)
            if "@graph" in item:
                stack.append(item["@graph"])
    return out


def _ld_names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names = []
    for it in items:
        name = it.get("name") if isinstance(it, dict) else it if isinstance(it, str) else None
        if isinstance(name, str) and name.strip() and not name.strip().startswith("http"):
            names.append(" ".join(name.split()))
    return list(dict.fromkeys(names))


def _meta_tags(tree: lxml.html.HtmlElement) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in tree.xpath("//meta[@content]"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip().lower()
        value = (m.get("content") or "").strip()
        if key and value:
            out.setdefault(key, value)
    return out


def _link_rels(tree: lxml.html.HtmlElement, base: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {"_feeds": []}
    for link in tree.xpath("//link[@rel and @href]"):
        rels = (link.get("rel") or "").lower().split()
        href = _absolute(link.get("href"), base)
        if not href:
            continue
        for rel in rels:
            if rel == "alternate" and "rss" in (link.get("type") or "") or "atom" in (link.get("type") or ""):
                out["_feeds"].append(href)
            elif rel in ("canonical", "amphtml", "next"):
                out.setdefault(rel, href)
    return out


def _absolute(href: str | None, base: str | None) -> str | None:
    href = (href or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:", "whatsapp:")):
        return None
    if href.startswith(("http://", "https://")):
        url = href
    elif href.startswith("/") and not href.startswith("//") and base and base.startswith(("http://", "https://")):
        url = base[: base.index("/", base.index("//") + 2)] + href if base.count("/") >= 3 else base + href
    else:
        try:
            url = urljoin(base or "", href)
        except ValueError:
            return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path or "/", parts.query, ""))


def _canonical(cand: str | None, url: str | None) -> str | None:
    """A declared canonical URL, unless it points at a site's home page (a common CMS bug)."""
    cand = _absolute(cand, url)
    if not cand:
        return None
    if urlsplit(cand).path in ("", "/") and url and urlsplit(url).path not in ("", "/"):
        return None
    return cand


def _first_text(tree: lxml.html.HtmlElement, xpath: str) -> str | None:
    for el in tree.xpath(xpath):
        t = " ".join(el.text_content().split())
        if t:
            return t
    return None


def _lower_set(values: list[str]) -> set[str]:
    return {v.lower() for v in values}


@cache
def _page_param_set() -> frozenset[str]:
    return frozenset(_lower_set(_lex()["page_params"]))


def page_number(url: str) -> tuple[str, int | str | None]:
    """(URL of the article's first page, page number) — ``?page=2``, ``/2``, ``?page=all``.

    The first element is the URL without the page marker, so all pages of one article
    share it; the number is ``None`` when the URL names no page, ``"all"`` for read-all.
    """
    try:
        u = urlsplit(url)
    except ValueError:
        return url, None
    n: int | str | None = None
    query = []
    read_all = {k.lower(): _lower_set(v) for k, v in _lex()["read_all_params"].items()}
    for k, v in parse_qsl(u.query, keep_blank_values=True):
        kl, vl = k.lower(), v.lower()
        if kl in _page_param_set() and v.isdigit() and 0 < int(v) <= MAX_PAGE_NUMBER:
            n = int(v)
        elif kl in read_all and vl in read_all[kl]:
            n = "all"
        else:
            query.append((k, v))
    path = u.path
    if n is None:
        # "/d-7200001/slug/2": a small number after a slug (a segment with a hyphen); "/berita/12" is
        # article 12, not page 12 of "/berita"
        m = re.search(r"/([^/]*-[^/]*)/(\d{1,2})/?$", path)
        if m and 0 < int(m.group(2)) <= MAX_PAGE_NUMBER:
            n, path = int(m.group(2)), path[: m.start(2) - 1]
    path = path.rstrip("/") or "/"
    return urlunsplit((u.scheme.lower(), u.netloc.lower(), path, urlencode(query), "")), n


def _scan_links(tree: lxml.html.HtmlElement, base: str | None, doc: HtmlDoc,
                rel_next: str | None) -> list[tuple[str, str, str]]:
    """links, PDF links, pagination and read-all links of a page; PDF links with their context."""
    pdf_contexts: list[tuple[str, str, str]] = []
    my_base, my_n = page_number(base) if base else (None, None)
    doc.page = my_n if isinstance(my_n, int) else 1
    # pages of one article live under its URL: only links starting like it are page candidates
    my_prefix = re.sub(r"[?#].*$", "", my_base).rstrip("/") if my_base else None
    read_all_texts = _lower_set(_lex()["read_all_texts"])
    pages: dict[int, str] = {}
    links: dict[str, str] = {}
    for a in tree.iter("a"):
        href = _absolute(a.get("href"), base)
        if not href:
            continue
        label = " ".join(a.text_content().split())
        if href not in links or (not links[href] and label):
            links[href] = label
        path = urlsplit(href).path.lower()
        if path.endswith(".pdf"):
            doc.all_pdf_links.append(href)
            pdf_contexts.append((href, _block_text(a), _norm(label)))
        if my_prefix is None or not href.startswith(my_prefix):
            continue
        link_base, n = page_number(href)
        if link_base != my_base:
            continue
        if n == "all" or label.lower() in read_all_texts:
            doc.single_page_url = doc.single_page_url or href
        elif isinstance(n, int) and n > doc.page:
            pages.setdefault(n, href)
    if rel_next and my_base is not None:
        link_base, n = page_number(rel_next)
        if link_base == my_base and isinstance(n, int) and n > doc.page:
            pages.setdefault(n, rel_next)
    doc.links = list(links)
    doc.link_texts = links
    doc.all_pdf_links = list(dict.fromkeys(doc.all_pdf_links))
    doc.next_page_urls = [pages[n] for n in sorted(pages)]
    return pdf_contexts


# --- step 2: furniture ----------------------------------------------------------------------------

_CHECK_TAGS = frozenset({"p", "div", "span", "strong", "b", "em", "i", "li", "ul", "ol", "table", "section", "aside",
                         "h2", "h3", "h4", "h5", "h6", "blockquote", "figure", "figcaption", "center", "font", "a",
                         "small", "td", "header", "footer", "nav", "article"})
_BLOCKS_IN_TABLE = ("p", "div", "h1", "h2", "h3", "h4", "table", "ul", "ol", "article", "section")
_BYLINE_TAGS = frozenset({"p", "span", "div", "small", "li", "td"})


def _short_text(el: Any, limit: int) -> str | None:
    """Whitespace-normalised text of ``el`` (text nodes joined by a space), None when over ``limit``."""
    parts, n = [], 0
    for t in el.itertext():
        parts.append(t)
        n += len(t)
        if n > limit:
            return None
    return " ".join(" ".join(parts).split())


def _scan_body(tree: lxml.html.HtmlElement) -> tuple[str | None, str | None]:
    """One pass over the body: (byline author, visible dateline); furniture dropped in place.

    lxml.html element access costs a Python call per element, so the byline, the dateline
    and the furniture are all found in the same walk.
    """
    body = tree.find("body")
    if body is None:
        return None, None
    total = sum(len(" ".join(p.text_content().split())) for p in body.iter("p")) or 1
    prefixes, exact = _boilerplate()
    furniture_re, date_re, author_re = _boilerplate_token_re(), _date_token_re(), _author_token_re()
    label_re = _author_label_re()
    drop: list[Any] = []
    authors: list[str] = []
    labelled: str | None = None
    dateline: str | None = None
    for t in tree.iter("time"):
        dateline = _iso_date(t.get("datetime")) or _parse_dateline(" ".join(t.text_content().split()))
        if dateline:
            break
    for el in body.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        cls, ident = el.get("class"), el.get("id")
        marker = f"{cls or ''} {ident or ''}" if cls or ident else ""
        text = _short_text(el, MAX_FURNITURE_CHARS)
        if marker and text:
            if dateline is None and len(text) <= 160 and date_re.search(marker):
                dateline = _parse_dateline(text)
            if len(text) <= 160 and author_re.search(marker):
                authors.append(text)
        if labelled is None and text and len(text) <= 200 and tag in _BYLINE_TAGS:
            m = label_re.search(text)
            if m:
                labelled = _strip_name(m.group("name"))
        if tag not in _CHECK_TAGS:
            continue
        # (elements inside a dropped one are checked too: dropping them again is harmless)
        if marker and tag != "article" and furniture_re.search(marker):
            share = sum(len(" ".join(p.text_content().split())) for p in el.iter("p")) / total
            if share <= MAX_FURNITURE_SHARE:
                drop.append(el)
                continue
        if not text:
            continue
        low = text.lower()
        if low in exact or (low.startswith(prefixes) and tag != "a"):
            drop.append(el)
        elif _is_pagination_text(low) and tag != "a" and el.find(".//a") is not None:
            drop.append(el)
    author = labelled or _author_from(authors, label_re)
    if dateline is None:  # last resort: the first weekday-led date in the start of the visible text
        head = " ".join(" ".join(t.split()) for t in body.itertext() if t.strip())[:1500]
        m = re.search(r"(?:Senin|Selasa|Rabu|Kamis|Jum'?at|Sabtu|Minggu)\s*,?\s*", head)
        dateline = _parse_dateline(head[m.start():m.start() + 80]) if m else None
    for el in drop:
        if el.getparent() is not None:
            el.drop_tree()
    for table in list(body.iter("table")):
        if any(table.find(f".//{t}") is not None for t in _BLOCKS_IN_TABLE):  # a layout table: unwrap
            for cell in [table, *table.iter("tbody", "thead", "tfoot", "tr", "td", "th")]:
                cell.tag = "div"
                for attr in ("width", "bgcolor", "align", "valign", "colspan", "rowspan"):
                    cell.attrib.pop(attr, None)
    return author, dateline


def _author_from(candidates: list[str], label_re: re.Pattern[str]) -> str | None:
    for text in candidates:
        m = label_re.search(text)
        if m:
            return _strip_name(m.group("name"))
    for text in candidates:  # "Rina Wulandari - detikNews"
        name = re.split(r"\s+[-|–]\s+|,", text)[0].strip()
        if 2 <= len(name.split()) <= 5 and all(w[:1].isupper() for w in name.split()):
            return name
    return None


@cache
def _pagination_re() -> re.Pattern[str]:
    words = "|".join(map(re.escape, sorted(_lex()["next_texts"], key=len, reverse=True)))
    return re.compile(rf"^(?:halaman|hal\.?|page)?\s*[:\s]*(?:(?:\d{{1,2}}|{words}|sebelumnya|prev(?:ious)?|"
                      rf"[«»‹›<>|]|first|last|pertama|terakhir)[\s.,]*)+$", re.I)


def _is_pagination_text(low: str) -> bool:
    return bool(low) and len(low) < 120 and bool(_pagination_re().match(low)) and any(c.isdigit() for c in low)


# --- step 3: text ---------------------------------------------------------------------------------


def _tidy_text(body: str, title: str | None) -> str:
    lines = [" ".join(line.split()) for line in body.splitlines()]
    lines = [line for line in lines if line]
    if lines and title and _norm(lines[0]) == _norm(title):
        lines = lines[1:]
    return "\n".join(lines)


def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", s).strip().lower()


def _block_text(a: Any) -> str:
    """Normalised text of the paragraph (or list item, cell...) around a link."""
    block = a
    while block is not None and block.tag not in ("p", "li", "div", "td", "blockquote", "section", "article"):
        block = block.getparent()
    return _norm((block if block is not None else a).text_content())[:120]


def _pdfs_in_text(contexts: list[tuple[str, str, str]], text: str) -> list[str]:
    """PDF links whose paragraph made it into the article text (not sidebars or footers)."""
    if not contexts or not text:
        return []
    haystack = _norm(text)
    found: list[str] = []
    for href, context, anchor in contexts:
        if href in found:
            continue
        if (context and context[:60] in haystack) or (len(anchor) > 12 and anchor in haystack):
            found.append(href)
    return found


# --- step 4: metadata -----------------------------------------------------------------------------

_META_DATE_KEYS = ("article:published_time", "og:published_time", "article:published", "datepublished",
                   "publishdate", "publish-date", "publish_date", "pubdate", "content_publisheddate",
                   "dtk:publishdate", "date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.created",
                   "sailthru.date", "parsely-pub-date", "cxenseparse:recs:publishtime", "article.published",
                   "published_time", "publication_date", "datecreated")


def _meta_date(meta: dict[str, str]) -> str | None:
    for key in _META_DATE_KEYS:
        if key in meta:
            d = _iso_date(meta[key])
            if d:
                return d
    return None


def _meta_author(meta: dict[str, str]) -> str | None:
    for key in ("author", "article:author", "dtk:author", "content_author", "byl", "parsely-author",
                "dc.creator", "twitter:creator"):
        value = meta.get(key, "").strip()
        if value and not value.startswith(("http", "@")):
            return value
    return None


_ISO_RE = re.compile(r"(?<!\d)((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_DMY_RE = re.compile(r"(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.]((?:19|20)\d\d)(?!\d)")


def _iso_date(value: Any) -> str | None:
    """A date string in any common form -> 'YYYY-MM-DD' (the date as written, no timezone shift)."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    m = _ISO_RE.search(value)
    if m:
        return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _DMY_RE.search(value)
    if m:
        return _valid(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    found = _parse_dateline(value)
    return found


def _valid(y: int, m: int, d: int) -> str | None:
    try:
        day = date(y, m, d)
    except ValueError:
        return None
    if day.year < _EARLIEST_YEAR or day > date.today() + timedelta(days=1):
        return None
    return day.isoformat()


def _parse_dateline(text: str) -> str | None:
    """'Selasa, 16 April 2024 10:15 WIB' / '16 Apr 2024' / '16/04/2024, 10:15 WIB' -> '2024-04-16'."""
    for m in _dateline_re().finditer(text):
        month = int(m.group("m")) if m.group("m") else _months().get((m.group("mon") or "").lower().rstrip("."))
        if not month:
            continue
        iso = _valid(int(m.group("y")), month, int(m.group("d")))
        if iso:
            return iso
    return None


def _strip_name(name: str) -> str:
    name = re.split(r"\s+(?:Editor|Redaktur|Penyunting|Fotografer|COPYRIGHT|Copyright|Sumber)\b", name)[0]
    return name.strip(" .,-|")


def _title_suffix(page_title: str | None, title: str | None) -> str | None:
    """'Headline - ANTARA News' -> 'ANTARA News' when the headline is known."""
    if not page_title or not title:
        return None
    pt, t = page_title.strip(), title.strip()
    if pt.lower().startswith(t.lower()) and len(pt) > len(t):
        rest = pt[len(t):].strip()
        m = re.match(r"^[|\-–—:·•]+\s*(.+)$", rest)
        if m and len(m.group(1)) <= 60:
            return m.group(1).strip()
    return None


def _site_name(site: str | None, url: str | None) -> str | None:
    """trafilatura's site name unless it is only the host name it was given."""
    if not site:
        return None
    host = _host(url)
    return None if host and site.lower().removeprefix("www.") == host else site


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(html_lib.unescape(value).split())
    return value or None
