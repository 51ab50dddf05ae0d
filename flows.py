"""Prefect wiring only: a task per batch per stage around the functions of ``pipeline/``.

    python flows.py                      # the default flow over the bundled corpus/ -> outputs/
    python flows.py serve                # register the scheduled crawl deployment and serve it

With no Prefect server configured, Prefect starts its temporary local server once for the
run; its state lives in ``$PREFECT_HOME`` (printed at start). Retries are for transient
errors only (network, timeouts, 429/5xx). Work already done is skipped by the archive,
which is keyed by each document's content hash and the pipeline version, so a re-run over
unchanged inputs extracts nothing (see README "Why not Prefect's result cache").
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

from prefect import flow, task  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402

from pipeline.errors import TransientError  # noqa: E402
from pipeline.export import export  # noqa: E402
from pipeline.inputs import discover, read_file  # noqa: E402
from pipeline.run import (  # noqa: E402
    DocResult,
    RunSummary,
    extract_batch,
    parse_batch,
    read_batch,
    store_batch,
)
from pipeline.settings import Settings  # noqa: E402
from pipeline.store import Store  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parent / "corpus"
DEFAULT_OUT = Path("outputs")
CRAWL_CRON = "0 */3 * * *"  # every three hours: news about a circular breaks within hours


def is_transient(task, task_run, state) -> bool:  # type: ignore[no-untyped-def]
    """Retry only network hiccups and timeouts, never a bad document or a bug."""
    try:
        state.result()
    except (TransientError, TimeoutError, ConnectionError):
        return True
    except Exception:
        return False
    return False


_TASK = dict(cache_policy=NO_CACHE, persist_result=False)


@task(name="read+parse", retries=2, retry_delay_seconds=[2, 10], retry_condition_fn=is_transient, **_TASK)
def parse_task(paths: list[str], settings: Settings) -> tuple[list, list[DocResult]]:
    with Store(settings.out_dir) as store:
        todo, done = read_batch([read_file(Path(p), settings.max_bytes) for p in paths], store)
    return parse_batch(todo, settings), done


@task(name="fetch+parse", retries=3, retry_delay_seconds=[2, 5, 15], retry_condition_fn=is_transient, **_TASK)
def fetch_task(urls: list[str], settings: Settings) -> tuple[list, list[DocResult]]:
    from pipeline.run import iter_inputs

    with Store(settings.out_dir) as store:
        todo, done = read_batch(list(iter_inputs(urls, settings)), store)
    return parse_batch(todo, settings), done


@task(name="extract+assemble", **_TASK)
def extract_task(parsed: list, settings: Settings) -> list[DocResult]:
    return extract_batch(parsed, settings)


@task(name="store", retries=2, retry_delay_seconds=[1, 5], **_TASK)
def store_task(results: list[DocResult], settings: Settings) -> None:
    with Store(settings.out_dir) as store:
        store_batch(results, store)


@task(name="export", **_TASK)
def export_task(settings: Settings) -> None:
    with Store(settings.out_dir) as store:
        export(store, settings.out_dir)


@flow(name="edaran-run", log_prints=True)
def main_flow(paths: list[str] | None = None, settings: Settings | None = None) -> RunSummary:
    """Files, folders and URLs -> records.jsonl, documents.jsonl, edaran.sqlite."""
    settings = settings or Settings(out_dir=DEFAULT_OUT)
    paths = [str(p) for p in (paths or [DEFAULT_CORPUS])]
    t0 = time.perf_counter()
    summary = RunSummary(out_dir=settings.out_dir)
    urls = [p for p in paths if p.startswith(("http://", "https://"))]
    files = [str(f) for f in discover([p for p in paths if p not in urls])]
    batches = [files[i:i + settings.batch_size] for i in range(0, len(files), settings.batch_size)]
    for batch in batches:
        parsed, done = parse_task(batch, settings)
        results = extract_task(parsed, settings)
        store_task(results, settings)
        for r in done + results:
            summary.add(r)
    if urls:
        parsed, done = fetch_task(urls, settings)
        results = extract_task(parsed, settings)
        store_task(results, settings)
        for r in done + results:
            summary.add(r)
    export_task(settings)
    summary.seconds = time.perf_counter() - t0
    return summary


@flow(name="edaran-crawl", log_prints=True)
def crawl_flow(sources: str = "sources.toml", out_dir: str = "outputs") -> RunSummary:
    """Crawl the sources file: only new or changed pages are fetched and extracted."""
    from pipeline.crawl import crawl_into

    settings = Settings(out_dir=Path(out_dir))
    return crawl_into(Path(sources), settings,
                      parse=lambda docs: parse_batch(docs, settings),
                      extract=extract_task, store=store_task)


def _state_location() -> str:
    from prefect.settings import PREFECT_API_URL, PREFECT_HOME

    api = PREFECT_API_URL.value()
    return f"Prefect server {api}" if api else f"Prefect temporary local server, state in {PREFECT_HOME.value()}"


if __name__ == "__main__":
    from pipeline.cli import print_summary

    if len(sys.argv) > 1 and sys.argv[1] == "serve":
        crawl_flow.serve(name="crawl-news", cron=CRAWL_CRON)
    else:
        print(_state_location(), file=sys.stderr)
        print_summary(main_flow([str(a) for a in sys.argv[1:]] or None))
