"""The ``edaran`` command: thin wrappers that parse arguments and call the pipeline."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from pipeline.errors import EdaranError
from pipeline.settings import DEFAULT_MAX_BYTES, Settings

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Indonesian work-arrangement circulars and news -> evidence-backed policy records.")
console = Console(stderr=True)
out = Console()

__all__ = ["app", "main", "print_summary"]


def print_summary(summary) -> None:  # type: ignore[no-untyped-def]
    """The run's summary table (documents ok/failed/skipped, records, seconds)."""
    t = Table(title=f"edaran run -> {summary.out_dir}")
    for col in ("ok", "failed", "skipped", "unchanged", "records", "seconds"):
        t.add_column(col, justify="right")
    t.add_row(str(summary.ok), str(summary.failed), str(summary.skipped), str(summary.reused),
              str(summary.records), f"{summary.seconds:.2f}")
    out.print(t)
    for doc_id, err in summary.failures[:20]:
        out.print(f"  [yellow]{doc_id}[/]: {err}")
    if len(summary.failures) > 20:
        out.print(f"  ... and {len(summary.failures) - 20} more in documents.jsonl")


@app.command()
def run(
    paths: Annotated[list[str], typer.Argument(help="files, folders (.txt/.html/.pdf + .meta.json sidecars) or http(s) URLs")],
    out_dir: Annotated[Path, typer.Option("--out", help="output folder")] = Path("outputs"),
    max_bytes: Annotated[int, typer.Option(help="skip inputs larger than this")] = DEFAULT_MAX_BYTES,
    batch_size: Annotated[int, typer.Option(help="documents per batch (a Prefect task each)")] = 500,
    ocr: Annotated[str, typer.Option(help="PDF OCR: auto | never | always")] = "auto",
    classifier: Annotated[str, typer.Option(help="'default' (bundled textcat), a model path, or 'none'")] = "default",
    allow_private: Annotated[bool, typer.Option(help="let links found in pages reach private addresses")] = False,
    prefect: Annotated[bool, typer.Option("--prefect/--no-prefect", help="run as a Prefect flow")] = False,
    dask_address: Annotated[str | None, typer.Option(help="with --prefect: Dask scheduler for the tasks")] = None,
) -> None:
    """Process documents into records.jsonl, documents.jsonl and edaran.sqlite in --out."""
    settings = Settings(out_dir=out_dir, max_bytes=max_bytes, batch_size=batch_size, ocr=ocr,
                        classifier=None if classifier == "none" else classifier, allow_private=allow_private,
                        allowed_hosts={_host(p) for p in paths if p.startswith(("http://", "https://"))})
    try:
        if prefect or dask_address:
            from flows import main_flow, state_location, with_runner

            console.print(state_location())
            summary = with_runner(main_flow, dask_address)(paths, settings)
        else:
            from pipeline.run import run as run_pipeline

            summary = _with_progress(lambda cb: run_pipeline(paths, settings, progress=cb))
    except EdaranError as exc:
        console.print(f"[red]error[/] {exc}")
        raise typer.Exit(2) from exc
    print_summary(summary)


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).hostname or ""


def _with_progress(fn):  # type: ignore[no-untyped-def]
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    if not sys.stderr.isatty():
        return fn(None)
    with Progress(TextColumn("documents"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=True) as bar:
        task = bar.add_task("run", total=None)
        return fn(lambda n: bar.advance(task, n))


@app.command()
def crawl(
    sources: Annotated[Path, typer.Option(help="sources file (TOML): feeds, sitemaps, listing pages")] = Path("sources.toml"),
    out_dir: Annotated[Path, typer.Option("--out", help="output folder (archive, snapshots, crawl state)")] = Path("outputs"),
    allow_private: Annotated[bool, typer.Option(help="let links found in pages reach private addresses")] = False,
    classifier: Annotated[str, typer.Option(help="'default', a model path, or 'none'")] = "default",
    prefect: Annotated[bool, typer.Option("--prefect/--no-prefect", help="run as the Prefect crawl flow")] = False,
) -> None:
    """Fetch new or changed pages of a sources file and extract them into --out."""
    settings = Settings(out_dir=out_dir, allow_private=allow_private,
                        classifier=None if classifier == "none" else classifier)
    try:
        if prefect:
            from flows import crawl_flow

            summary = crawl_flow(str(sources), str(out_dir))
        else:
            from pipeline.run import crawl_sources, run_raws

            summary = _with_progress(lambda cb: run_raws(crawl_sources(sources, settings), settings, progress=cb))
    except EdaranError as exc:
        console.print(f"[red]error[/] {exc}")
        raise typer.Exit(2) from exc
    print_summary(summary)


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Option(help="folder of gold <doc_id>.json files")],
    run_dir: Annotated[Path, typer.Option("--run", help="output folder of a run")],
    detail: Annotated[bool, typer.Option(help="list every miss and extra per document")] = False,
    calibration: Annotated[bool, typer.Option(help="also print the confidence calibration table (accuracy)")] = False,
) -> None:
    """Score a run against gold annotations (per-field P/R/F1, headline F1)."""
    from pipeline.evaluate import FIELDS, HEADLINE
    from pipeline.evaluate import evaluate as score_run

    try:
        score = score_run(gold, run_dir)
    except FileNotFoundError as exc:
        console.print(f"[red]error[/] {exc}")
        raise typer.Exit(2) from exc
    if detail:
        for doc_id, fields in score.detail.items():
            out.print(f"[bold]{doc_id}[/]")
            for fname, d in fields.items():
                for m in d["miss"]:
                    out.print(f"  {fname:13} miss  {m}")
                for e in d["extra"]:
                    out.print(f"  {fname:13} extra {e}")
    t = Table(title=f"{run_dir} vs {gold}")
    for col in ("field", "P", "R", "F1", "tp", "fp", "fn"):
        t.add_column(col, justify="right" if col != "field" else "left")
    for fname in FIELDS:
        s = score.fields[fname]
        mark = "*" if fname in HEADLINE else ""
        t.add_row(fname + mark, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.tp), str(s.fp), str(s.fn))
    out.print(t)
    out.print("* headline fields")
    if calibration:  # accuracy: confidence calibration (pipeline/ml/calibrate.py)
        from pipeline.ml.calibrate import print_calibration

        print_calibration(gold, run_dir, out)
    print(f"headline F1 {score.headline:.3f}")


@app.command()
def schema(
    check: Annotated[bool, typer.Option(help="fail if schema/ differs from the models")] = False,
) -> None:
    """Write (or --check) schema/record.schema.json and schema/document.schema.json."""
    from pipeline.schema import write_schemas

    changed = write_schemas(check=check)
    if check and changed:
        console.print(f"[red]schema out of date[/]: {', '.join(changed)}; run `edaran schema`")
        raise typer.Exit(1)
    out.print("schema up to date" if not changed else f"wrote {', '.join(changed)}")


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def train(ctx: typer.Context) -> None:
    """Train the policy-paragraph classifier: `edaran train textcat --out DIR` or
    `edaran train transformer BASE --out DIR` (see docs/classifier.md); the name tagger:
    `edaran train names`; the confidence calibration: `edaran train calibration`
    (see docs/accuracy.md)."""
    from pipeline.ml.train import main as train_main

    raise typer.Exit(train_main(list(ctx.args)))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
