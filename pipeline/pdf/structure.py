"""A PDF's object graph checked before any parser touches it: reference cycles, form recursion.

Two shapes of a few hundred bytes defeat the parsers (issue 14):

* a reference chain that comes back to itself (``6 0 obj 6 0 R endobj`` used as a page's
  resources): pdfminer's ``resolve1`` follows it forever;
* form XObjects that draw each other — itself (infinite recursion) or the previous one ten
  times, seven deep (10^7 draws: pdfium builds a 24 GB text page).

:func:`check_structure` walks the page tree, each page's resources (fonts, XObjects, graphics
states ... two levels down) and the content streams' ``Do`` operators with its own resolver,
which counts hops, and raises :class:`~pipeline.errors.ParseFailed` for either shape. It is a
first line: the worker process's hard limits (``pipeline.pdf.worker``) still bound whatever it
does not foresee.
"""

from __future__ import annotations

import io
import re
from typing import Any

from pipeline.errors import ParseFailed

__all__ = ["MAX_FORM_DRAWS", "check_structure"]

# Form XObject invocations on one page once nested forms are expanded. A real circular draws a
# letterhead logo or a signature stamp: a handful. 10^7 is the hostile case.
MAX_FORM_DRAWS = 10_000
# Pages walked at most (the parsers stop at Settings.pdf_max_pages anyway).
MAX_PAGES = 2_000
# ``6 0 R`` -> ``7 0 R`` -> ... longer than this is treated as a cycle.
MAX_REF_CHAIN = 64
_DO_RE = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s*Do\b")
_HINT = "the file is damaged or hostile; re-export it from the original (print to PDF)"


class _Walker:
    def __init__(self, doc: Any) -> None:
        from pdfminer.pdftypes import PDFObjRef, PDFStream

        self.doc = doc
        self._ref = PDFObjRef
        self._stream = PDFStream
        self.form_draws: dict[int, int] = {}
        self.pages_seen: set[int] = set()
        self.n_pages = 0
        self.walked: set[int] = set()

    # -- references ------------------------------------------------------------------------

    def resolve(self, obj: Any) -> tuple[Any, int | None]:
        """(object, object number of the last reference followed) with cycles refused."""
        chain: list[int] = []
        while isinstance(obj, self._ref):
            objid = int(obj.objid)
            if objid in chain or len(chain) >= MAX_REF_CHAIN:
                path = " -> ".join(str(n) for n in [*chain, objid])
                raise ParseFailed(f"PDF object {objid} refers to itself through references ({path})", hint=_HINT)
            chain.append(objid)
            try:
                obj = self.doc.getobj(objid)
            except Exception:  # a missing object: the parsers treat it as null
                return None, objid
        return obj, (chain[-1] if chain else None)

    def walk(self, obj: Any, depth: int) -> None:
        """Resolve every reference reachable within ``depth`` levels (dicts, arrays, stream dicts)."""
        obj, objid = self.resolve(obj)
        if objid is not None:
            if objid in self.walked:
                return
            self.walked.add(objid)
        if depth <= 0:
            return
        if isinstance(obj, self._stream):
            obj = obj.attrs
        if isinstance(obj, dict):
            for key, value in obj.items():
                if key not in ("Parent", "P"):  # back links up the tree
                    self.walk(value, depth - 1)
        elif isinstance(obj, list):
            for value in obj[:10_000]:
                self.walk(value, depth - 1)

    # -- pages -------------------------------------------------------------------------------

    def page_tree(self, node: Any, inherited: Any, depth: int = 0) -> None:
        obj, objid = self.resolve(node)
        if objid is not None:
            if objid in self.pages_seen:
                raise ParseFailed(f"PDF page tree loops back to object {objid}", hint=_HINT)
            self.pages_seen.add(objid)
        if not isinstance(obj, dict) or depth > 64 or self.n_pages >= MAX_PAGES:
            return
        resources = obj.get("Resources", inherited)
        kids, _ = self.resolve(obj.get("Kids"))
        if isinstance(kids, list):
            for kid in kids:
                self.page_tree(kid, resources, depth + 1)
            return
        self.n_pages += 1
        self.page(obj, resources)

    def page(self, page: dict[str, Any], resources: Any) -> None:
        res = self.resources(resources)
        draws = 0
        for content in self.streams(page.get("Contents")):
            draws += self.draws_in(content, res, stack=[])
            if draws > MAX_FORM_DRAWS:
                break
        if draws > MAX_FORM_DRAWS:
            raise ParseFailed(f"PDF page {self.n_pages} draws nested form XObjects over {MAX_FORM_DRAWS:,} times "
                              "(forms drawing forms)", hint=_HINT)

    def resources(self, resources: Any) -> dict[str, Any]:
        res, _ = self.resolve(resources)
        if not isinstance(res, dict):
            return {}
        self.walk(res, 3)  # fonts, XObjects, graphics states and what they refer to
        return res

    def streams(self, contents: Any) -> list[Any]:
        obj, _ = self.resolve(contents)
        if isinstance(obj, self._stream):
            return [obj]
        if isinstance(obj, list):
            out = []
            for item in obj[:1_000]:
                s, _ = self.resolve(item)
                if isinstance(s, self._stream):
                    out.append(s)
            return out
        return []

    # -- forms -----------------------------------------------------------------------------------

    def draws_in(self, stream: Any, res: dict[str, Any], stack: list[int]) -> int:
        """Form invocations ``stream`` makes, nested forms expanded."""
        try:
            data = stream.get_data()
        except Exception:  # an undecodable stream draws nothing we can count
            return 0
        names = _DO_RE.findall(data or b"")
        if not names:
            return 0
        xobjects, _ = self.resolve(res.get("XObject"))
        if not isinstance(xobjects, dict):
            return 0
        total = 0
        for raw_name in names:
            name = raw_name.decode("latin-1")
            ref = xobjects.get(name)
            if ref is None:
                continue
            total += 1 + self.form(ref, res, stack)
            if total > MAX_FORM_DRAWS:
                break
        return total

    def form(self, ref: Any, parent_res: dict[str, Any], stack: list[int]) -> int:
        obj, objid = self.resolve(ref)
        if not isinstance(obj, self._stream) or _name(obj.attrs.get("Subtype")) != "Form":
            return 0
        if objid is not None:
            if objid in stack:
                path = " -> ".join(str(n) for n in [*stack, objid])
                raise ParseFailed(f"PDF form XObject {objid} draws itself ({path})", hint=_HINT)
            if objid in self.form_draws:
                return self.form_draws[objid]
        res = self.resources(obj.attrs.get("Resources")) or parent_res
        n = self.draws_in(obj, res, [*stack, objid] if objid is not None else stack)
        if objid is not None:
            self.form_draws[objid] = n
        return n


def _name(value: Any) -> str:
    return str(getattr(value, "name", value) or "")


def check_structure(data: bytes) -> None:
    """Raise ParseFailed for a reference cycle, a looping page tree, a form that draws itself,
    or a page whose nested forms expand to more than MAX_FORM_DRAWS draws. Files pdfminer cannot
    open at all are left to the parsers (they say why: encrypted, truncated ...)."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    try:
        doc = PDFDocument(PDFParser(io.BytesIO(data)))
        catalog = doc.catalog
    except ParseFailed:
        raise
    except Exception:
        return
    walker = _Walker(doc)
    walker.page_tree(catalog.get("Pages"), None)
