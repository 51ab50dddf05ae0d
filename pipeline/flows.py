"""Prefect wiring only: a task per batch per stage around the functions of ``pipeline/run.py``.

Imported by the CLI alone (``edaran run --prefect``, ``edaran crawl --prefect``, ``edaran
serve``) and by ``prefect.yaml`` deployments (entrypoints ``pipeline/flows.py:run_flow`` and
``pipeline/flows.py:crawl_flow``). Flows never print: they log at INFO through Prefect's run
logger (levels are the user's: ``PREFECT_LOGGING_LEVEL`` or ``edaran --quiet/--verbose``),
publish a table artifact per run and return a :class:`RunSummary`.

1. Inputs, batching and ``doc_id`` are those of ``pipeline.run`` (``plan_inputs``,
   ``read_file``, ``batched``): local files are read by the flow itself (no task, no retry: a
   local read that fails fails the same way again); URLs and sources are fetched by one
   ``fetch`` task (one crawler, so syndicated copies across sites are still found), tagged
   ``fetch`` and ``fetch:<host group>`` for every host group it reaches, so that a Prefect tag
   concurrency limit caps fetching per host group across every flow run (docs/operations.md).
2. Parse and extract+assemble run on the task runner (threads, or Dask via
   ``prefect-dask``), at most ``IN_FLIGHT`` batches ahead so memory stays flat; the archive is
   written by the flow, one transaction per batch, in input order.
3. Retries only where they can fire: none. The fetcher already retries 429/5xx/timeouts with
   backoff (honouring Retry-After) and turns what is left into a per-document ``[E-FETCH]``
   line, so a task-level retry would never see a transient error; parsing is deterministic;
   the archive write is not retried on any error (it is one transaction: a failed batch is
   rolled back, and a second attempt fails the same way).
4. A run where every document failed, or where the archive could not be written, ends in
   state Failed (``RunFailed`` / ``StoreError``); the CLI exits 1.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import opaque

from pipeline.archive import open_archive
from pipeline.errors import EdaranError
from pipeline.export import export
from pipeline.inputs import read_file
from pipeline.models import RawDoc
from pipeline.run import (
    DocResult,
    Known,
    RunSummary,
    batched,
    extract_batch,
    host_group,
    parse_batch,
    plan_inputs,
    read_batch,
    store_batch,
)
from pipeline.settings import (
    DEFAULT_DOC_TIME_LIMIT_S,
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_TEXT_CHARS,
    Settings,
    split_target,
)

__all__ = ["CRAWL_CRON", "FETCH_TAG", "IN_FLIGHT", "RunFailed", "crawl_flow", "progress_to",
           "run_flow", "with_runner"]

CRAWL_CRON = "0 */3 * * *"  # every three hours: news about a circular breaks within hours
FETCH_TAG = "fetch"  # every fetch task; plus "fetch:<host group>" (concurrency limits per host group)
IN_FLIGHT = 2  # batches in flight: one computing while one is stored; more only adds GIL contention on threads
MAX_FAILURE_ROWS = 200  # failures listed in the run's table artifact (all of them are in documents.jsonl)

_TASK: dict[str, Any] = {"cache_policy": NO_CACHE, "persist_result": False}
_PROGRESS: Callable[[int], None] | None = None  # set by progress_to(): the CLI's progress bar


class RunFailed(EdaranError):
    """Every document of the run failed: the flow run ends Failed and the CLI exits 1."""

    code = "E-RUN"

    def __init__(self, message: str, *, hint: str | None = None, summary: RunSummary | None = None) -> None:
        super().__init__(message, hint=hint)
        self.summary = summary

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (_rebuild_run_failed, (self.message, self.hint, self.summary))


def _rebuild_run_failed(message: str, hint: str | None, summary: RunSummary | None) -> RunFailed:
    return RunFailed(message, hint=hint, summary=summary)


class progress_to:
    """``with progress_to(callback):`` flows call ``callback(n)`` as documents finish (in-process runs)."""

    def __init__(self, callback: Callable[[int], None] | None) -> None:
        self.callback = callback

    def __enter__(self) -> None:
        global _PROGRESS
        self._saved, _PROGRESS = _PROGRESS, self.callback

    def __exit__(self, *exc: object) -> None:
        global _PROGRESS
        _PROGRESS = self._saved


def _fetch_tags(urls: Iterable[str]) -> list[str]:
    return [FETCH_TAG, *sorted({f"{FETCH_TAG}:{host_group(u)}" for u in urls})]


# --- tasks ---------------------------------------------------------------------------------


@task(name="parse", **_TASK)
def parse_task(raws: list[RawDoc], known: Known, settings: Settings) -> tuple[list, list[DocResult]]:
    """Split off unchanged documents, parse the rest (no retry: parsing is deterministic)."""
    todo, done = read_batch(raws, known)
    return parse_batch(todo, settings), done


@task(name="extract+assemble", **_TASK)
def extract_task(parsed_done: tuple[list, list[DocResult]], settings: Settings) -> list[DocResult]:
    parsed, done = parsed_done
    hook = _PROGRESS
    if hook and done:
        hook(len(done))
    return done + extract_batch(parsed, settings, hook)


@task(name="fetch", tags=[FETCH_TAG], **_TASK)
def fetch_task(urls: list[str], sources: str | None, settings: Settings) -> list[RawDoc]:
    """Fetch URLs, or the sources of a sources file, of one host group, politely (the fetcher
    retries transient errors itself); feeds and sitemaps expand into their articles."""
    from pipeline.run import crawl_sources, iter_inputs

    if sources:
        return list(crawl_sources(sources, settings))
    return list(iter_inputs(urls, settings))


@task(name="store", **_TASK)
def store_task(results: list[DocResult], settings: Settings) -> None:
    """One transaction per batch; never retried (a failed write fails the flow run)."""
    with open_archive(settings.archive or settings.out_dir) as store:
        store_batch(results, store)


@task(name="export", **_TASK)
def export_task(settings: Settings) -> tuple[int, int]:
    if settings.archive is not None:  # a PostgreSQL archive is the output itself
        return (0, 0)
    with open_archive(settings.out_dir) as store:
        return export(store, settings.out_dir)


# --- the driver ------------------------------------------------------------------------------


def _known(settings: Settings, doc_ids: list[str]) -> Known:
    with open_archive(settings.archive or settings.out_dir) as store:
        return store.known_many(doc_ids)


def _wrapper():  # type: ignore[no-untyped-def]
    """``opaque`` for the in-process runner (the Dask runner does not unwrap it); identity otherwise."""
    from prefect.context import FlowRunContext
    from prefect.task_runners import ThreadPoolTaskRunner

    ctx = FlowRunContext.get()
    if ctx is not None and isinstance(ctx.task_runner, ThreadPoolTaskRunner):
        return opaque
    return lambda x: x


def _process(batches: Iterable[list[RawDoc]], settings: Settings, summary: RunSummary,
             total: int | None) -> None:
    """Submit parse+extract per batch (at most IN_FLIGHT ahead); store each in order; log per batch."""
    logger = get_run_logger()
    pending: deque = deque()
    wrap = _wrapper()
    n_batch = 0

    def drain_one() -> None:
        nonlocal n_batch
        results = pending.popleft().result()
        if _PROGRESS is not None and wrap is not opaque:  # remote workers (Dask) cannot call back: per batch
            _PROGRESS(len(results))
        store_task(wrap(results), settings)
        before = (summary.ok, summary.failed, summary.skipped, summary.reused)
        for r in results:
            summary.add(r)
        n_batch += 1
        ok, failed, skipped, reused = (a - b for a, b in zip(
            (summary.ok, summary.failed, summary.skipped, summary.reused), before, strict=True))
        logger.info("batch %d: %d documents (%d ok, %d failed, %d skipped, %d unchanged); %d/%s done",
                    n_batch, len(results), ok, failed, skipped, reused, summary.documents, total or "?")

    for batch in batches:
        # opaque(): Prefect would otherwise walk every nested object of the inputs (~3 s per 1,000 docs)
        parsed = parse_task.submit(wrap(batch), wrap(_known(settings, [r.doc_id for r in batch])), settings)
        pending.append(extract_task.submit(parsed, settings))  # type: ignore[call-overload]
        if len(pending) >= IN_FLIGHT:
            drain_one()
    while pending:
        drain_one()


def _finish(summary: RunSummary, settings: Settings, t0: float, kind: str) -> RunSummary:
    """Export, publish the table artifact, log the counts; fail the run when every document failed."""
    n_rec, n_doc = export_task(settings)
    summary.seconds = time.perf_counter() - t0
    _publish(summary, kind)
    get_run_logger().info("%s: %d documents (%d ok, %d failed, %d skipped, %d unchanged), %d records in %.1f s; "
                          "archive holds %d documents, %d records in %s", kind, summary.documents, summary.ok,
                          summary.failed, summary.skipped, summary.reused, summary.records, summary.seconds,
                          n_doc, n_rec, settings.out_dir)
    if summary.all_failed:
        raise RunFailed(f"every document failed ({summary.failed})", summary=summary,
                        hint=f"see the error of each in {settings.out_dir / 'documents.jsonl'}")
    return summary


def _publish(summary: RunSummary, kind: str) -> None:
    rows: list[dict[str, Any]] = [
        {"item": status, "count": getattr(summary, status), "code": "", "error": ""}
        for status in ("ok", "failed", "skipped", "reused")
    ]
    rows.append({"item": "records", "count": summary.records, "code": "", "error": ""})
    for doc_id, err in summary.failures[:MAX_FAILURE_ROWS]:
        code = err[1:err.index("]")] if err.startswith("[") and "]" in err else ""
        rows.append({"item": doc_id, "count": 1, "code": code, "error": err})
    more = len(summary.failures) - MAX_FAILURE_ROWS
    create_table_artifact(rows, key=f"edaran-{kind}-summary",
                          description=f"edaran {kind} into `{summary.out_dir}`: counts by status, records, "
                                      "and the failed or skipped documents with their error codes"
                                      + (f" ({more} more in documents.jsonl)" if more > 0 else ""))


def _settings(out: str, **options: Any) -> Settings:
    options = {k: v for k, v in options.items() if v is not None}
    out_dir, archive = split_target(out)
    settings = Settings(out_dir=out_dir, archive=archive, **options)
    settings.out_dir.mkdir(parents=True, exist_ok=True)
    return settings


@flow(name="edaran-run", persist_result=False)
def run_flow(inputs: list[str], out: str = "outputs", max_bytes: int = DEFAULT_MAX_BYTES, batch_size: int = 500,
             ocr: str = "auto", classifier: str | None = "default", allow_private: bool = False,
             max_pdf_pages: int = 300, pdf_time_limit: float = 120.0, user_agent: str | None = None,
             pdf_memory_mb: int = 2048, max_text_chars: int = DEFAULT_MAX_TEXT_CHARS,
             doc_time_limit: float = DEFAULT_DOC_TIME_LIMIT_S) -> RunSummary:
    """Files, folders and URLs -> records.jsonl, documents.jsonl, edaran.sqlite in ``out``
    (the options are those of ``edaran run``)."""
    t0 = time.perf_counter()
    plan = plan_inputs(inputs)
    settings = _settings(out, max_bytes=max_bytes, batch_size=batch_size, ocr=ocr, classifier=classifier,
                         allow_private=allow_private, pdf_max_pages=max_pdf_pages,
                         pdf_time_limit_s=pdf_time_limit, pdf_memory_mb=pdf_memory_mb, user_agent=user_agent,
                         max_text_chars=max_text_chars, doc_time_limit_s=doc_time_limit,
                         allowed_hosts=set(plan.urls))  # origins: scheme, host and port as named
    get_run_logger().info("%d files and %d URLs into %s", len(plan.files), len(plan.urls), settings.out_dir)
    summary = RunSummary(out_dir=settings.out_dir)
    files = (read_file(p, settings.max_bytes, doc_id) for p, doc_id in plan.files)
    _process(batched(files, settings.batch_size), settings, summary, plan.total)
    if plan.urls:
        raws = fetch_task.with_options(tags=_fetch_tags(plan.urls))(plan.urls, None, settings)
        _process(batched(raws, settings.batch_size), settings, summary, None)
    return _finish(summary, settings, t0, "run")


@flow(name="edaran-crawl", persist_result=False)
def crawl_flow(
    sources: str = "sources.toml",
    out: str = "outputs",
    max_bytes: int = DEFAULT_MAX_BYTES,
    batch_size: int = 500,
    ocr: str = "auto",
    classifier: str | None = "default",
    allow_private: bool = False,
    max_pdf_pages: int = 300,
    pdf_time_limit: float = 120.0,
    user_agent: str | None = None,
    pdf_memory_mb: int = 2048,
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS,
    doc_time_limit: float = DEFAULT_DOC_TIME_LIMIT_S,
) -> RunSummary:
    """Crawl a sources file (only new or changed pages are fetched and extracted) into ``out``
    (the options are those of ``edaran crawl``): one fetch task per host group."""
    from pipeline.web.sources import load_sources

    t0 = time.perf_counter()
    settings = _settings(out, max_bytes=max_bytes, batch_size=batch_size, ocr=ocr, classifier=classifier,
                         allow_private=allow_private, pdf_max_pages=max_pdf_pages,
                         pdf_time_limit_s=pdf_time_limit, pdf_memory_mb=pdf_memory_mb, user_agent=user_agent,
                         max_text_chars=max_text_chars, doc_time_limit_s=doc_time_limit)
    spec = load_sources(sources)
    urls = [s.url for s in spec.sources if s.enabled]
    tags = _fetch_tags(urls)
    get_run_logger().info("crawling %d sources of %s (task tags %s) into %s",
                          len(urls), sources, ", ".join(tags), settings.out_dir)
    raws = fetch_task.with_options(tags=tags)([], str(sources), settings)
    summary = RunSummary(out_dir=settings.out_dir)
    _process(batched(raws, settings.batch_size), settings, summary, None)
    return _finish(summary, settings, t0, "crawl")


def with_runner(fl, dask_address: str | None):  # type: ignore[no-untyped-def]
    """The flow on Dask (``prefect-dask``) when an address is given, else on threads."""
    if not dask_address:
        return fl
    from prefect_dask import DaskTaskRunner

    return fl.with_options(task_runner=DaskTaskRunner(address=dask_address))


def state_location() -> str:
    """Where Prefect keeps this run's state (for the CLI to say once)."""
    from prefect.settings import PREFECT_API_URL, PREFECT_HOME

    api = PREFECT_API_URL.value()
    return f"Prefect server {api}" if api else f"Prefect temporary local server, state in {PREFECT_HOME.value()}"

