"""The whole path, without Prefect: inputs -> parse -> extract+assemble -> store -> export.

Each stage is a ``<stage>_batch`` function over a list of documents (what a Prefect task
wraps in ``flows.py``) built on a ``<stage>_one`` function (what tests call). A document
whose bytes and sidecar hash to what the archive already holds, under the same pipeline
version, is not processed again: re-running into the same folder does no repeated work.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

from pipeline.archive import Archive, open_archive
from pipeline.assemble import assemble
from pipeline.errors import ConfigError, DocumentError, EdaranError, ExtractorError
from pipeline.export import export
from pipeline.extract import check_size, extract_one, time_limit
from pipeline.inputs import assign_ids, read_file
from pipeline.models import DocumentLine, ParsedDoc, RawDoc, Record
from pipeline.parse import parse_one
from pipeline.preflight import check_out_dir
from pipeline.settings import Settings

__all__ = [
    "DocResult",
    "InputPlan",
    "RunSummary",
    "batched",
    "crawl_sources",
    "extract_batch",
    "host_group",
    "iter_inputs",
    "parse_batch",
    "pipeline_version",
    "plan_inputs",
    "process_one",
    "read_batch",
    "run",
    "run_raws",
    "store_batch",
]

_VERSION_SOURCES = ("extractors", "pipeline/assemble", "pipeline/clean.py", "pipeline/parse.py",
                    "pipeline/extract.py", "pipeline/models.py", "pipeline/pdf", "pipeline/web/html.py",
                    "pipeline/ml/classify.py", "pipeline/ml/names.py", "pipeline/ml/calibrate.py", "models",
                    "pipeline/archive/attach.py")


@cache
def pipeline_version() -> str:
    """Hash of the extraction code, lexicons and bundled models: a change re-processes documents."""
    from pipeline.ml.classify import DEFAULT_MODEL_DIR

    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for name in _VERSION_SOURCES:
        # models/ is the edaran_models package in a wheel (pyproject.toml): hash it where it is
        p = DEFAULT_MODEL_DIR.parent if name == "models" else root / name
        files = sorted(f for f in p.rglob("*") if f.is_file() and "__pycache__" not in f.parts) \
            if p.is_dir() else [p] if p.exists() else []
        for f in files:
            h.update((f"models/{f.relative_to(p)}" if name == "models" else str(f.relative_to(root))).encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:16]


@dataclass
class DocResult:
    line: DocumentLine
    records: list[Record] = field(default_factory=list)
    text: str | None = None
    reused: bool = False  # unchanged since the last run: nothing was done


@dataclass
class RunSummary:
    ok: int = 0
    failed: int = 0
    skipped: int = 0
    reused: int = 0
    records: int = 0
    seconds: float = 0.0
    out_dir: Path | None = None
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def documents(self) -> int:
        return self.ok + self.failed + self.skipped

    @property
    def all_failed(self) -> bool:
        """Every document failed (none ok, skipped ones aside): the run as a whole failed."""
        return self.failed > 0 and self.ok == 0

    def add(self, r: DocResult) -> None:
        setattr(self, r.line.status, getattr(self, r.line.status) + 1)
        self.reused += r.reused
        self.records += len(r.records) if not r.reused else r.line.records
        if r.line.status != "ok":
            self.failures.append((r.line.doc_id, r.line.error or ""))


def _sha(raw: RawDoc) -> str:
    h = hashlib.sha256(raw.sha256.encode() if raw.sha256 else raw.data)
    if raw.meta:
        h.update(json.dumps(raw.meta, sort_keys=True, default=str).encode())
    return h.hexdigest()


def _failed(raw: RawDoc, exc: EdaranError, stage: str, sha: str | None = None) -> DocResult:
    # only DocumentError carries a documents.jsonl status; any other EdaranError reaching here is a failure
    status: Literal["failed", "skipped"] = exc.status if isinstance(exc, DocumentError) else "failed"
    return DocResult(DocumentLine(doc_id=raw.doc_id, status=status, source=raw.source, url=raw.url,
                                  urls=raw.urls, sha256=sha, error=str(exc), stage=stage,
                                  fetched_at=raw.fetched_at, http_status=raw.http_status))


# --- inputs ------------------------------------------------------------------------------


@dataclass
class InputPlan:
    """The inputs of a run, checked before any work: local files (folders walked, sorted) and URLs."""

    files: list[tuple[Path, str]]  # (path, doc_id): doc ids unique per source path (pipeline.inputs.assign_ids)
    urls: list[str]

    @property
    def total(self) -> int | None:
        """Documents to expect: known for files; URLs (feeds, sitemaps) expand as they are fetched."""
        return None if self.urls else len(self.files)


def plan_inputs(inputs: Iterable[str | Path]) -> InputPlan:
    """Split and check the inputs; raises ConfigError for a path that does not exist or a URL
    that cannot be parsed (a bad argument: nothing has been done yet)."""
    from urllib.parse import urlsplit

    urls: list[str] = []
    paths: list[str | Path] = []
    for item in map(str, inputs):
        if "://" in item:
            try:
                parts = urlsplit(item)
                ok = parts.scheme in ("http", "https") and bool(parts.hostname)
                parts.port  # noqa: B018 -- raises ValueError on a bad port
            except ValueError:
                ok = False
            if not ok:
                raise ConfigError(f"cannot parse the URL {item!r}", hint="give a full http(s)://host/path URL")
            urls.append(item)
        elif not Path(item).exists():
            raise ConfigError(f"{item} does not exist", hint="check the path on the command line")
        else:
            paths.append(Path(item))
    return InputPlan(assign_ids(paths), urls)


def iter_inputs(inputs: Iterable[str] | InputPlan, settings: Settings) -> Iterator[RawDoc]:
    """Files, folders and http(s) URLs -> RawDocs (URLs fetched politely, feeds expanded)."""
    plan = inputs if isinstance(inputs, InputPlan) else plan_inputs(inputs)
    for path, doc_id in plan.files:
        yield read_file(path, settings.max_bytes, doc_id)
    if plan.urls:
        from pipeline.web.client import Fetcher
        from pipeline.web.crawler import expand

        settings.out_dir.mkdir(parents=True, exist_ok=True)
        with Fetcher(_fetch_settings(settings)) as fetcher:
            yield from expand(plan.urls, fetcher)


def batched(items: Iterable[RawDoc], size: int) -> Iterator[list[RawDoc]]:
    batch: list[RawDoc] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# --- stages --------------------------------------------------------------------------------


Known = dict[str, tuple[str | None, str | None, str]]  # doc_id -> (sha256, version, line JSON)


def read_batch(raws: list[RawDoc], known: Known) -> tuple[list[RawDoc], list[DocResult]]:
    """Split a batch into documents to process and documents the archive holds unchanged
    (same content hash under the same pipeline version); ``known`` is ``Archive.known_many``."""
    todo: list[RawDoc] = []
    done: list[DocResult] = []
    version = pipeline_version()
    for raw in raws:
        if raw.error is None:
            sha = _sha(raw)
            raw.meta["_sha256"] = sha
            hit = known.get(raw.doc_id)
            if hit is not None and hit[:2] == (sha, version):
                done.append(DocResult(DocumentLine.model_validate_json(hit[2]), reused=True))
                continue
        todo.append(raw)
    return todo, done


def parse_batch(raws: list[RawDoc], settings: Settings) -> list[ParsedDoc | DocResult]:
    out: list[ParsedDoc | DocResult] = []
    for raw in raws:
        try:
            out.append(parse_one(raw, settings))
        except DocumentError as exc:
            stage = "fetch" if raw.error is not None else "parse"
            out.append(_failed(raw, exc, stage, raw.meta.get("_sha256")))
    return out


@cache
def _classifier(spec: str | None) -> Callable[[list[str]], list[float]] | None:
    if not spec:
        return None
    try:
        from pipeline.ml.classify import load_classifier
    except ImportError as exc:  # never run silently without the classifier: results would change
        raise ConfigError(f"the policy classifier cannot be loaded: {exc}",
                          hint="reinstall edaran (pip install -e .), or run without it: --classifier none") from exc
    clf = load_classifier(spec)
    return clf.score if clf is not None else None


def extract_batch(items: list[ParsedDoc | DocResult], settings: Settings,
                  progress: Callable[[int], None] | None = None) -> list[DocResult]:
    """Extract and assemble each parsed document; ``progress(1)`` after each one."""
    # the classifier loads (~2 s) only when there is something to extract
    score = _classifier(settings.classifier) if any(isinstance(i, ParsedDoc) for i in items) else None
    out: list[DocResult] = []
    for item in items:
        if isinstance(item, DocResult):
            out.append(item)
        else:
            out.append(_extract_one_budgeted(item, settings, score))
        if progress:
            progress(1)
    return out


def _extract_one_budgeted(item: ParsedDoc, settings: Settings, score) -> DocResult:  # type: ignore[no-untyped-def]
    """Extract and assemble one document within its budget (--max-text-chars, --doc-time-limit)."""
    try:
        check_size(item, settings.max_text_chars)
        with time_limit(settings.doc_time_limit_s) as deadline:
            ctx, spans = extract_one(item, deadline)
            sha = item.raw.meta.get("_sha256") or _sha(item.raw)
            try:
                records, line = assemble(item, ctx, spans, score, sha256=sha)
            except EdaranError:
                raise
            except Exception as exc:  # a bug in the assembler: this document fails, the run goes on
                raise ExtractorError(f"assembling the records crashed: {type(exc).__name__}: {exc}",
                                     hint="please report this document with the error") from exc
        return DocResult(line, records, item.text)
    except DocumentError as exc:
        return _failed(item.raw, exc, "extract", item.raw.meta.get("_sha256"))


def store_batch(results: list[DocResult], store: Archive) -> None:
    version = pipeline_version()
    store.write_batch((r.line, r.records, r.text, version) for r in results if not r.reused)


def process_one(raw: RawDoc, settings: Settings | None = None) -> DocResult:
    """One document through parse, extract and assemble (no archive): for tests and notebooks."""
    settings = settings or Settings()
    return extract_batch(parse_batch([raw], settings), settings)[0]


def run(inputs: Iterable[str] | InputPlan, settings: Settings,
        progress: Callable[[int], None] | None = None) -> RunSummary:
    """Process every input (files, folders, URLs) into ``settings.out_dir``; returns the counts.
    A missing path or a malformed URL raises ConfigError before anything is read;
    ``progress(n)`` is called as documents finish (per document)."""
    return run_raws(iter_inputs(inputs, settings), settings, progress)


def run_raws(raws: Iterable[RawDoc], settings: Settings,
             progress: Callable[[int], None] | None = None) -> RunSummary:
    """Process RawDocs (from files, a crawl or snapshots) batch by batch; export at the end."""
    t0 = time.perf_counter()
    summary = RunSummary(out_dir=settings.out_dir)
    if settings.archive is None:
        check_out_dir(settings.out_dir)  # ConfigError before any work: --out a file, read-only, foreign archive
    with open_archive(settings.archive or settings.out_dir) as store:
        for batch in batched(raws, settings.batch_size):
            todo, done = read_batch(batch, store.known_many([r.doc_id for r in batch]))
            if progress and done:
                progress(len(done))
            results = extract_batch(parse_batch(todo, settings), settings, progress)
            store_batch(results, store)
            for r in done + results:
                summary.add(r)
        if settings.archive is None:  # a PostgreSQL archive is the output itself
            export(store, settings.out_dir)
    summary.seconds = time.perf_counter() - t0
    return summary


def crawl_sources(sources_path: str | Path, settings: Settings) -> Iterator[RawDoc]:
    """RawDocs of every new or changed page of a sources file (feeds, sitemaps, listings)."""
    from pipeline.web.client import Fetcher
    from pipeline.web.crawler import crawl, load_sources

    sources = load_sources(sources_path)
    with Fetcher(_fetch_settings(settings, sources.allowed_hosts)) as fetcher:
        yield from crawl(sources, fetcher)


def host_group(url: str) -> str:
    """The host a fetch is counted under (concurrency limits): the URL's host without
    ``www.``, ``m.`` or ``amp.``."""
    from pipeline.web.urls import host_of

    host = host_of(url)
    for prefix in ("www.", "m.", "amp."):
        if host.startswith(prefix):
            return host[len(prefix):]
    return host


def _fetch_settings(settings: Settings, hosts: set[str] | None = None):  # type: ignore[no-untyped-def]
    from pipeline.web.client import FetchSettings

    return FetchSettings(max_bytes=settings.max_bytes, allow_private=settings.allow_private,
                         allowed_hosts=set(settings.allowed_hosts) | set(hosts or ()),
                         snapshot_dir=settings.out_dir / "snapshots", user_agent=settings.user_agent,
                         state_path=settings.out_dir / "crawl.sqlite")
