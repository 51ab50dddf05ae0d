"""The ``edaran`` command: thin wrappers that parse arguments and call the pipeline.

Exit codes: 0 when the run finished (failed or skipped documents are data: a
``documents.jsonl`` line each); 1 when every document failed or the archive could not be
written (the Prefect flow run is then Failed too); 2 for a bad argument (a path that does
not exist, a URL that cannot be parsed, a bad sources file or option), before any work.
"""

from __future__ import annotations

import functools
import inspect
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import ProgressColumn, Task
from rich.table import Table
from rich.text import Text

from pipeline.errors import ConfigError, EdaranError, StoreError
from pipeline.settings import (
    DEFAULT_DOC_TIME_LIMIT_S,
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_TEXT_CHARS,
    Settings,
    split_target,
)

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Indonesian work-arrangement circulars and news -> evidence-backed policy records.",
                  epilog="Example: edaran run corpus --out outputs   (then: edaran COMMAND --help)")
console = Console(stderr=True)
out = Console()

__all__ = ["app", "main", "print_summary"]

_QUIET = False


def print_summary(summary) -> None:  # type: ignore[no-untyped-def]
    """The run's summary table (documents ok/failed/skipped, records, seconds)."""
    if _QUIET:
        return
    t = Table(title=f"edaran run -> {summary.out_dir}")
    for col in ("ok", "failed", "skipped", "unchanged", "records", "seconds"):
        t.add_column(col, justify="right")
    t.add_row(str(summary.ok), str(summary.failed), str(summary.skipped), str(summary.reused),
              str(summary.records), f"{summary.seconds:.2f}")
    out.print(t)
    for doc_id, err in summary.failures[:20]:
        out.print(f"  [yellow]{doc_id}[/]: {err}", markup=True, highlight=False)
    if len(summary.failures) > 20:
        out.print(f"  ... and {len(summary.failures) - 20} more in documents.jsonl")


# --- the root: --version, --quiet, --verbose ---------------------------------------------------


def _show_version(value: bool) -> None:
    if value:
        from pipeline.settings import version

        out.print(f"edaran {version()}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_show_version, is_eager=True,
                                          help="print the version and exit")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="errors only: no progress, no table")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="debug logs (pipeline and Prefect)")] = False,
) -> None:
    """Indonesian work-arrangement circulars and news -> evidence-backed policy records."""
    global _QUIET
    _QUIET = quiet
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    # the temporary server's first start migrates a new database: 14 s here, more on a busy
    # machine; Prefect's 20 s default then fails the whole run
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    if quiet or verbose:  # the user's choice; without a flag Prefect's own setting stands
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING" if quiet else "DEBUG")
    from rich.logging import RichHandler

    level = logging.ERROR if quiet else logging.DEBUG if verbose else logging.WARNING
    handler = RichHandler(console=console, show_path=False, show_time=False)
    logging.basicConfig(level=level, format="%(name)s: %(message)s", handlers=[handler])


# --- options shared by run, crawl and serve ----------------------------------------------------


class Ocr(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


OutOpt = Annotated[str, typer.Option("--out", help="output folder (records.jsonl, documents.jsonl, edaran.sqlite), "
                                     "or a postgresql:// URL of a shared archive (no JSONL export)")]
MaxBytesOpt = Annotated[int, typer.Option("--max-bytes", min=1, help="skip inputs larger than this many bytes")]
BatchOpt = Annotated[int, typer.Option("--batch-size", min=1, help="documents per batch (a Prefect task each)")]
OcrOpt = Annotated[Ocr, typer.Option("--ocr", case_sensitive=False, help="OCR of PDF pages with no usable text layer")]
ClassifierOpt = Annotated[str, typer.Option("--classifier", help="'default' (bundled textcat), a model folder, "
                                            "'transformers:DIR', or 'none'")]
PrivateOpt = Annotated[bool, typer.Option("--allow-private", help="let links found in pages reach private addresses")]
PagesOpt = Annotated[int, typer.Option("--max-pdf-pages", min=1, help="PDFs with more pages fail with [E-PARSE]")]
PdfTimeOpt = Annotated[float, typer.Option("--pdf-time-limit", min=0.1,
                                           help="seconds per PDF before its worker process is killed ([E-TIMEOUT])")]
PdfMemOpt = Annotated[int, typer.Option("--pdf-memory-mb", min=64,
                                        help="address space of the PDF worker process ([E-MEMORY] past it)")]
TextCharsOpt = Annotated[int, typer.Option("--max-text-chars", min=1,
                                           help="skip documents whose cleaned text is longer ([E-SIZE])")]
DocTimeOpt = Annotated[float, typer.Option("--doc-time-limit", min=0,
                                           help="seconds of extraction per document before [E-TIMEOUT]; 0: none")]
AgentOpt = Annotated[str | None, typer.Option("--user-agent", envvar="EDARAN_USER_AGENT", show_default=False,
                                              help="User-Agent of every request; put your contact in it "
                                                   "(default: edaran/VERSION (+project URL))")]


# The options run, crawl and serve share, declared once: (parameter, type with its flag, default).
_PIPELINE_OPTIONS: list[tuple[str, Any, Any]] = [
    ("max_bytes", MaxBytesOpt, DEFAULT_MAX_BYTES),
    ("batch_size", BatchOpt, 500),
    ("ocr", OcrOpt, Ocr.auto),
    ("classifier", ClassifierOpt, "default"),
    ("allow_private", PrivateOpt, False),
    ("max_pdf_pages", PagesOpt, 300),
    ("pdf_time_limit", PdfTimeOpt, 120.0),
    ("pdf_memory_mb", PdfMemOpt, 2048),
    ("max_text_chars", TextCharsOpt, DEFAULT_MAX_TEXT_CHARS),
    ("doc_time_limit", DocTimeOpt, DEFAULT_DOC_TIME_LIMIT_S),
    ("user_agent", AgentOpt, None),
]


def _shared_options(options: list[tuple[str, Any, Any]]) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Give a command options that several commands share, declared once as (parameter, type
    with its flag, default): typer reads them from the signature, the command gets their values
    as ``opts``, a dict."""

    def decorate(fn: Callable[..., None]) -> Callable[..., None]:
        sig = inspect.signature(fn, eval_str=True)  # the annotations as objects: typer reads their flags
        own = [p for p in sig.parameters.values() if p.name != "opts"]
        shared = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=kind, default=default)
                  for name, kind, default in options]

        @functools.wraps(fn)
        def command(**kwargs: Any) -> None:
            opts = {name: kwargs.pop(name) for name, _, _ in options}
            fn(**kwargs, opts=opts)

        command.__signature__ = sig.replace(parameters=own + shared)  # type: ignore[attr-defined]
        command.__annotations__ = {**fn.__annotations__, **{name: kind for name, kind, _ in options}}
        del command.__annotations__["opts"]
        return command

    return decorate


_pipeline_options = _shared_options(_PIPELINE_OPTIONS)


def _options(out_dir: str, opts: dict[str, Any]) -> dict[str, Any]:
    """The options as the flows take them (JSON-able: they are deployment parameters too)."""
    classifier = opts["classifier"]
    return {**opts, "out": str(out_dir), "ocr": opts["ocr"].value,
            "classifier": None if classifier.lower() in {"none", "off", ""} else classifier}


def _settings(opts: dict[str, Any], **extra: Any) -> Settings:
    out_dir, archive = split_target(opts["out"])
    s = Settings(out_dir=out_dir, archive=archive, max_bytes=opts["max_bytes"], batch_size=opts["batch_size"],
                 ocr=opts["ocr"], classifier=opts["classifier"], allow_private=opts["allow_private"],
                 pdf_max_pages=opts["max_pdf_pages"], pdf_time_limit_s=opts["pdf_time_limit"],
                 pdf_memory_mb=opts["pdf_memory_mb"], max_text_chars=opts["max_text_chars"],
                 doc_time_limit_s=opts["doc_time_limit"] or None, **extra)
    if opts["user_agent"]:
        s.user_agent = opts["user_agent"]
    return s


def _fail(exc: EdaranError, code: int) -> typer.Exit:
    console.print(f"[red]error[/] {exc}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


def _execute(fn: Callable[[], Any]) -> None:
    """Run, print the summary, map failures to exit codes (module docstring)."""
    from pipeline.run import RunSummary

    try:
        summary: RunSummary = fn()
    except StoreError as exc:
        raise _fail(exc, 1) from exc
    except EdaranError as exc:
        run_failed = getattr(exc, "summary", None)
        if run_failed is not None:  # pipeline.flows.RunFailed: every document failed
            print_summary(run_failed)
            raise _fail(exc, 1) from exc
        raise _fail(exc, 2) from exc
    print_summary(summary)
    if summary.all_failed:
        raise _fail(EdaranError(f"every document failed ({summary.failed})",
                                hint=f"see the error of each in {Path(summary.out_dir or '.') / 'documents.jsonl'}"), 1)


class _Rate(ProgressColumn):
    """Progress column: documents per second."""

    def render(self, task: Task) -> Text:
        return Text(f"{task.speed:.1f} docs/s" if task.speed else "", style="progress.data.speed")


@contextmanager
def _progress(total: int | None, every: int, plain: bool = True) -> Iterator[Callable[[int], None] | None]:
    """A progress callback: a rich bar (done/total, rate, ETA) on a terminal, advancing per
    document; otherwise one plain line per ``every`` documents (none when ``plain`` is False:
    the Prefect flow logs one line per batch itself)."""
    if _QUIET:
        yield None
        return
    if console.is_terminal:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        with Progress(TextColumn("documents"), BarColumn(), MofNCompleteColumn(), _Rate(), TimeElapsedColumn(),
                      TextColumn("ETA"), TimeRemainingColumn(), console=console, transient=True) as bar:
            task = bar.add_task("run", total=total)
            yield lambda n: bar.advance(task, n)
        return
    if not plain:
        yield None
        return
    import time

    t0 = time.perf_counter()
    state = {"done": 0, "shown": 0}

    def line() -> None:
        rate = state["done"] / max(time.perf_counter() - t0, 1e-9)
        console.print(f"edaran: {state['done']:,}/{f'{total:,}' if total is not None else '?'} documents, "
                      f"{rate:.1f}/s", highlight=False, soft_wrap=True)
        state["shown"] = state["done"]

    def advance(n: int) -> None:
        state["done"] += n
        if state["done"] - state["shown"] >= every:
            line()

    yield advance
    if state["done"] != state["shown"]:
        line()


def _flow_call(fl, **params: Any) -> Any:  # type: ignore[no-untyped-def]
    """Call a flow in this process; say once where Prefect keeps its state."""
    from pipeline.flows import state_location

    if not _QUIET:
        console.print(state_location(), highlight=False)
    return fl(**params)


# --- run, crawl, serve (operations) ---------------------------------------------------------


@app.command(epilog="Example: edaran run corpus/seeds https://example.org/rss.xml --out outputs --ocr never")
@_pipeline_options
def run(
    paths: Annotated[list[str], typer.Argument(help="files, folders (.txt/.html/.pdf + .meta.json sidecars) "
                                                    "or http(s) URLs (articles, RSS/Atom feeds, sitemaps)")],
    out_dir: OutOpt = "outputs",
    prefect: Annotated[bool, typer.Option("--prefect/--no-prefect", help="run as the Prefect flow edaran-run")] = False,
    dask_address: Annotated[str | None, typer.Option(help="with --prefect: Dask scheduler for the tasks")] = None,
    opts: dict[str, Any] | None = None,
) -> None:
    """Process documents into records.jsonl, documents.jsonl and edaran.sqlite in --out."""
    from pipeline.run import plan_inputs

    opts = _options(out_dir, opts or {})
    batch_size = opts["batch_size"]
    try:
        plan = plan_inputs(paths)  # a missing path or a bad URL: exit 2 before any work
    except ConfigError as exc:
        raise _fail(exc, 2) from exc
    _check_out(out_dir)
    if prefect or dask_address:
        from pipeline.flows import progress_to, run_flow, with_runner

        def via_prefect():  # type: ignore[no-untyped-def]
            with _progress(plan.total, batch_size, plain=False) as cb, progress_to(cb):
                return _flow_call(with_runner(run_flow, dask_address), inputs=paths, **opts)

        _execute(via_prefect)
        return
    from pipeline.run import run as run_pipeline

    settings = _settings(opts, allowed_hosts=set(plan.urls))  # origins: scheme, host and port as named

    def plain():  # type: ignore[no-untyped-def]
        with _progress(plan.total, batch_size) as cb:
            return run_pipeline(plan, settings, progress=cb)

    _execute(plain)


SourcesOpt = Annotated[Path, typer.Option("--sources", help="sources file (TOML): feeds, sitemaps, listing pages")]


def _check_sources(sources: Path) -> None:
    from pipeline.web.sources import load_sources

    try:
        load_sources(sources)
    except ConfigError as exc:
        raise _fail(exc, 2) from exc


def _check_out(out_dir: str) -> None:
    """--out a file, read-only, records.jsonl a folder, a foreign archive: exit 2 before any work."""
    from pipeline.preflight import check_out_dir

    try:
        check_out_dir(out_dir)
    except ConfigError as exc:
        raise _fail(exc, 2) from exc


@app.command(epilog="Example: edaran crawl --sources sources.toml --out outputs --user-agent "
                    "'edaran (+https://example.org; me@example.org)'")
@_pipeline_options
def crawl(
    sources: SourcesOpt = Path("sources.toml"),
    out_dir: OutOpt = "outputs",
    prefect: Annotated[
        bool, typer.Option("--prefect/--no-prefect", help="run as the Prefect flow edaran-crawl")
    ] = False,
    opts: dict[str, Any] | None = None,
) -> None:
    """Fetch the new or changed pages of a sources file and extract them into --out."""
    opts = _options(out_dir, opts or {})
    batch_size = opts["batch_size"]
    _check_sources(sources)
    _check_out(out_dir)
    if prefect:
        from pipeline.flows import crawl_flow, progress_to

        def via_prefect():  # type: ignore[no-untyped-def]
            with _progress(None, batch_size, plain=False) as cb, progress_to(cb):
                return _flow_call(crawl_flow, sources=str(sources), **opts)

        _execute(via_prefect)
        return
    from pipeline.run import crawl_sources, run_raws

    settings = _settings(opts)

    def plain():  # type: ignore[no-untyped-def]
        with _progress(None, batch_size) as cb:
            return run_raws(crawl_sources(sources, settings), settings, progress=cb)

    _execute(plain)


@app.command(epilog="Example: edaran serve --sources sources.toml --out /srv/edaran --state /var/lib/edaran")
@_pipeline_options
def serve(
    sources: SourcesOpt = Path("sources.toml"),
    out_dir: OutOpt = "outputs",
    cron: Annotated[str, typer.Option(help="schedule of the crawl (cron, UTC)")] = "0 */3 * * *",
    interval: Annotated[float | None, typer.Option(min=1, show_default=False,
                                                  help="seconds between crawls, instead of --cron")] = None,
    state: Annotated[Path | None, typer.Option(show_default=False,
                                               help="folder of the local Prefect server's database and log, when "
                                                    "PREFECT_API_URL is unset (default ~/.local/state/edaran)")] = None,
    opts: dict[str, Any] | None = None,
) -> None:
    """Serve the crawl deployment (edaran-crawl/crawl-news) on its schedule until Ctrl-C.

    Uses the Prefect server of PREFECT_API_URL, or starts a local one as a child process
    (database under --state). See docs/operations.md."""
    from pipeline.serve import default_state_dir
    from pipeline.serve import serve as serve_crawl

    try:
        from prefect.client.schemas.schedules import CronSchedule

        CronSchedule(cron=cron)
    except ValueError as exc:
        raise _fail(ConfigError(f"--cron {cron!r} is not a cron expression",
                                hint="five fields, e.g. --cron '0 */3 * * *'"), 2) from exc
    _check_sources(sources)
    opts = _options(out_dir if "://" in out_dir else str(Path(out_dir).resolve()), opts or {})
    try:
        serve_crawl({"sources": str(sources.resolve()), **opts}, cron=cron, interval=interval,
                    state=(state or default_state_dir()).resolve())
    except EdaranError as exc:
        raise _fail(exc, 2) from exc


# --- evaluation, schema, training ----------------------------------------------------------------


@app.command(epilog="Example: edaran evaluate --gold annotations/seeds --run outputs --detail")
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
        console.print(f"[red]error[/] {exc}", soft_wrap=True, markup=True, highlight=False)
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


@app.command(epilog="Example: edaran schema --check")
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


@app.command(epilog="Example: edaran codebook --out docs/codebook.md --check")
def codebook(
    out_file: Annotated[Path | None, typer.Option("--out", show_default=False,
                                                  help="write the markdown here (default: print it)")] = None,
    check: Annotated[bool, typer.Option(help="with --out: fail if the file differs from the lexicons")] = False,
) -> None:
    """The codebook (authorities, instrument ids, modes, quota scopes, exemption, reason and error
    codes), generated from the bundled lexicons."""
    from pipeline.codebook import render

    text = render()
    if out_file is None:
        print(text, end="")
        return
    current = out_file.read_text(encoding="utf-8") if out_file.exists() else None
    if check:
        if current != text:
            console.print(f"[red]{out_file} is out of date[/]: run `edaran codebook --out {out_file}`")
            raise typer.Exit(1)
        out.print(f"{out_file} up to date")
        return
    out_file.write_text(text, encoding="utf-8")
    out.print(f"wrote {out_file}")


train_app = typer.Typer(no_args_is_help=True,
                        help="Train the policy-paragraph classifier (docs/classifier.md), the name tagger and "
                             "the confidence calibration (docs/accuracy.md).",
                        epilog="Example: edaran train textcat --out models/policy-textcat")
app.add_typer(train_app, name="train")

AnnotationsOpt = Annotated[list[Path] | None, typer.Option("--annotations", show_default=False,
                                                           help="annotation folder (repeatable; default annotations/)")]
CorpusOpt = Annotated[
    list[Path] | None,
    typer.Option("--corpus", show_default=False, help="corpus folder with the texts (repeatable; default corpus/)"),
]
TrainOutOpt = Annotated[Path, typer.Option("--out", help="model folder to write")]
SeedOpt = Annotated[int, typer.Option(help="random seed (training is deterministic for a seed)")]
HoldoutOpt = Annotated[str | None, typer.Option(help="corpus left out and evaluated: dev or seeds")]


# The training inputs both classifier trainers take, declared once.
_training_options = _shared_options([
    ("annotations", AnnotationsOpt, None),
    ("corpus", CorpusOpt, None),
    ("seed", SeedOpt, 0),
    ("holdout", HoldoutOpt, None),
])


def _train_inputs(opts: dict[str, Any]) -> tuple[list[Path], list[Path]]:
    from pipeline.ml.train import DEFAULT_ANNOTATIONS, DEFAULT_CORPORA

    corpora = opts["corpus"] or [c for c in DEFAULT_CORPORA if c.is_dir()]
    return list(opts["annotations"] or DEFAULT_ANNOTATIONS), list(corpora)


def _print_metrics(metrics: dict[str, Any]) -> None:
    import json

    metrics.pop("losses", None)
    print(json.dumps(metrics, indent=1, sort_keys=True))


@train_app.command("textcat", epilog="Example: edaran train textcat --out models/policy-textcat --holdout dev")
@_training_options
def train_textcat_cmd(
    out_dir: TrainOutOpt,
    epochs: Annotated[int | None, typer.Option(min=1, show_default=False, help="training epochs (default 12)")] = None,
    no_eval: Annotated[bool, typer.Option("--no-eval", help="skip the cross-evaluation folds")] = False,
    opts: dict[str, Any] | None = None,
) -> None:
    """Train the bundled spaCy textcat (bag of words, a few seconds) from annotations/paragraphs.jsonl."""
    from pipeline.ml.train import TEXTCAT_EPOCHS, train_textcat

    opts = opts or {}
    ann, corpora = _train_inputs(opts)
    _print_metrics(train_textcat(ann, corpora, out_dir, opts["seed"], epochs=epochs or TEXTCAT_EPOCHS,
                                 evaluate=not no_eval, holdout=opts["holdout"]))


@train_app.command(
    "transformer", epilog="Example: edaran train transformer indobenchmark/indobert-base-p1 --out models/indobert"
)
@_training_options
def train_transformer_cmd(
    base: Annotated[str, typer.Argument(help="base checkpoint: a local folder or a model name")],
    out_dir: TrainOutOpt,
    epochs: Annotated[int, typer.Option(min=1)] = 3,
    lr: Annotated[float, typer.Option(help="learning rate")] = 3e-5,
    batch_size: Annotated[int, typer.Option(min=1)] = 16,
    max_length: Annotated[int, typer.Option(min=8, help="tokens per paragraph")] = 256,
    opts: dict[str, Any] | None = None,
) -> None:
    """Fine-tune a transformers checkpoint as the classifier (needs the ml extra: torch and transformers)."""
    from pipeline.ml.train import train_transformer

    opts = opts or {}
    ann, corpora = _train_inputs(opts)
    try:
        metrics = train_transformer(base, ann, corpora, out_dir, epochs, seed=opts["seed"], learning_rate=lr,
                                    batch_size=batch_size, max_length=max_length, holdout=opts["holdout"])
    except EdaranError as exc:
        raise _fail(exc, 2) from exc
    _print_metrics(metrics)


_EXTRA_ARGS = {"allow_extra_args": True, "ignore_unknown_options": True}


@train_app.command("names", context_settings=_EXTRA_ARGS, epilog="Example: edaran train names")
def train_names_cmd(ctx: typer.Context) -> None:
    """Train the name-boundary tagger (models/names/; see docs/accuracy.md). Options are passed
    to `python -m pipeline.ml.names`."""
    from pipeline.ml.train import main as train_main

    raise typer.Exit(train_main(["names", *ctx.args]))


@train_app.command("calibration", context_settings=_EXTRA_ARGS, epilog="Example: edaran train calibration")
def train_calibration_cmd(ctx: typer.Context) -> None:
    """Fit the confidence calibration (models/calibration.json; see docs/accuracy.md). Options are
    passed to `python -m pipeline.ml.calibrate`."""
    from pipeline.ml.train import main as train_main

    raise typer.Exit(train_main(["calibration", *ctx.args]))


# --- archive: policies for researchers (pipeline/archive, docs/archive.md) --------------------


@app.command(epilog="Example: edaran query --archive outputs --authority region:32 --date 2024-04-16 --format json")
def query(
    archive: Annotated[
        str, typer.Option(help="output folder of a run, a .sqlite file or a postgresql:// URL")
    ] = "outputs",
    authority: Annotated[
        str | None, typer.Option(help="region:32 (with its kabupaten/kota), region:32.73, central:kemenpanrb or a name")
    ] = None,
    date: Annotated[str | None, typer.Option("--date", help="in force on this day (YYYY-MM-DD)")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="in force on some day from this one")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="... up to this one")] = None,
    mode: Annotated[str | None, typer.Option(help="WFO | WFH | WFA | WFF")] = None,
    exemption: Annotated[str | None, typer.Option(help="exemption category, e.g. health")] = None,
    instrument: Annotated[
        str | None, typer.Option(help="policies that are, cite or follow it: SE:MENPANRB:1/2024")
    ] = None,
    text: Annotated[str | None, typer.Option(help="words that all occur in a source's text")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table | json | csv")] = "table",
) -> None:
    """Policies in an archive: filter by authority, day, period, mode, exemption, instrument, text."""
    from pipeline.archive.query import run_query

    try:
        print(run_query(archive, fmt, authority=authority, date=date, date_from=date_from, date_to=date_to,
                        mode=mode, exemption=exemption, instrument=instrument, text=text))
    except EdaranError as exc:
        raise _fail(exc, 2) from exc


@app.command(epilog="Example: edaran browse --archive outputs --port 8001")
def browse(
    archive: Annotated[str, typer.Option(help="output folder of a run (SQLite archive)")] = "outputs",
    port: Annotated[int, typer.Option(help="local port for Datasette")] = 8001,
) -> None:
    """Browse the archive in Datasette: facets, full-text search, canned research queries."""
    from pipeline.archive.browse import browse as serve

    try:
        raise typer.Exit(serve(archive, port))
    except EdaranError as exc:
        raise _fail(exc, 2) from exc


# --- end archive ---------------------------------------------------------------------------


# --- policy engine: export (OPA bundle + open data + stringency), ask, plot (pipeline/engine/) ---


def _engine_fail(exc: EdaranError) -> typer.Exit:
    """One line on stderr, exit code 2."""
    return _fail(exc, 2)


@app.command(epilog="Example: edaran export --archive outputs --to release/ --force")
def export(
    archive: Annotated[str, typer.Option(help="archive folder, postgresql:// URL, or a policies JSON file")],
    to: Annotated[Path, typer.Option("--to", help="output folder (must be empty unless --force)")],
    force: Annotated[bool, typer.Option(help="write into a non-empty folder, replacing a previous export")] = False,
) -> None:
    """OPA bundle (TO/opa), open data (CSV, Parquet, datapackage.json) and stringency.csv from the archive."""
    from pipeline.engine.export import export as export_all

    try:
        summary = export_all(archive, to, force=force)
    except EdaranError as exc:
        raise _engine_fail(exc) from exc
    tables = ", ".join(f"{k} {v}" for k, v in summary["tables"].items())
    out.print(f"exported revision {summary['revision']} to {summary['out']}: {summary['rules']} rules; {tables}; "
              f"{summary['seconds']:.2f} s")


@app.command(epilog="Example: edaran ask --archive outputs --authority region:32.73 --date 2024-04-16 "
                    "--unit health --format json")
def ask(
    archive: Annotated[str, typer.Option(help="archive folder, postgresql:// URL, or a policies JSON file")],
    authority: Annotated[str, typer.Option(help="region:<Kemendagri code> or central:<slug>")],
    date: Annotated[str, typer.Option(help="the day, YYYY-MM-DD")],
    unit: Annotated[str, typer.Option(help="quota scope or exemption code: admin_support, health, ...")],
    format: Annotated[str, typer.Option("--format", help="text | json")] = "text",
) -> None:
    """May staff of UNIT in AUTHORITY work from home on DATE? The bundle's decision, with evidence."""
    import json as _json

    from pipeline.engine.ask import ask as ask_question
    from pipeline.engine.ask import render_text

    if format not in ("text", "json"):
        raise _engine_fail(EdaranError(f"unknown format {format!r}", hint="--format text or --format json"))
    try:
        decision = ask_question(archive, authority, date, unit)
    except EdaranError as exc:
        raise _engine_fail(exc) from exc
    print(_json.dumps(decision, ensure_ascii=False, indent=1) if format == "json" else render_text(decision))


@app.command(epilog="Example: edaran plot --archive outputs --authority region:31 --out timeline.png")
def plot(
    archive: Annotated[str, typer.Option(help="archive folder, postgresql:// URL, or a policies JSON file")],
    authority: Annotated[str, typer.Option(help="region:<Kemendagri code> or central:<slug>")],
    out_png: Annotated[Path, typer.Option("--out", help="PNG file to write")] = Path("timeline.png"),
) -> None:
    """Draw one authority's stringency timeline (GOV and TOTAL) with its policies as bands."""
    from pipeline.engine.plot import plot_timeline

    try:
        path = plot_timeline(archive, authority, out_png)
    except EdaranError as exc:
        raise _engine_fail(exc) from exc
    out.print(f"wrote {path}")


# --- end policy engine ---


def main() -> None:
    app()


if __name__ == "__main__":
    main()
