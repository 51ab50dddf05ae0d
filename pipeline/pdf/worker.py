"""Run a PDF parse in a worker process under a hard wall-clock and memory budget.

pdfminer and pdfium are C and Python code we do not control: a 600-byte file can loop
forever in reference resolution, a 3 KB one can ask pdfium for 24 GB. A budget checked
*inside* the parser (between pages) cannot stop either, so each parse runs in a child
process that

* sets ``RLIMIT_AS`` on itself before it imports a parser (an allocation over the limit
  fails in the child: ``MemoryError``, or pdfium aborts — either way the child dies, not
  the run), and
* is killed (SIGKILL) when the parent's deadline passes.

The parent turns those into per-document errors — :class:`~pipeline.errors.TimedOut`
(``[E-TIMEOUT]``) and :class:`~pipeline.errors.OutOfMemory` (``[E-MEMORY]``) — starts a
fresh worker for the next document, and the run goes on. One worker is reused across
documents (a spawn costs ~0.5 s of imports) and is started lazily.

Protocol: length-prefixed pickles over the child's stdin/stdout; the child answers
``("ready",)`` once, then ``("ok", value)`` / ``("err", exception)`` per job.
"""

from __future__ import annotations

import atexit
import os
import pickle
import select
import signal
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pipeline.errors import DocumentError, OutOfMemory, ParseFailed, TimedOut

__all__ = ["DEFAULT_MEMORY_MB", "IsolatedWorker", "parse_pdf_isolated", "run_isolated"]

# 2 GiB of address space: a 300-page circular peaks under 400 MB (pdfium text pages, one
# 300-dpi rendering, a Tesseract child inherits the limit too); the hostile cases ask for 24 GB.
DEFAULT_MEMORY_MB = 2048
# Seconds a fresh worker may take to import its parsers before it counts as broken (a loaded
# two-core machine imports pdfplumber + pypdfium2 in ~1 s).
STARTUP_TIMEOUT_S = 60.0
# Extra seconds past the parser's own soft budget before the worker is killed: the soft check
# (between pages) fires first on an honest slow file and gives the better message.
GRACE_S = 2.0
_HEADER = struct.Struct("!Q")
_ROOT = str(Path(__file__).resolve().parents[2])


class _WorkerDied(Exception):
    pass


def _send(fd: int, obj: Any) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    payload = _HEADER.pack(len(data)) + data
    view = memoryview(payload)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _recv(fd: int, deadline: float | None) -> Any:
    header = _read_exact(fd, _HEADER.size, deadline)
    (size,) = _HEADER.unpack(header)
    return pickle.loads(_read_exact(fd, size, deadline))


def _read_exact(fd: int, n: int, deadline: float | None) -> bytes:
    buf = bytearray()
    while len(buf) < n:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                raise TimeoutError
        chunk = os.read(fd, min(n - len(buf), 1 << 20))
        if not chunk:
            raise _WorkerDied
        buf += chunk
    return bytes(buf)


class IsolatedWorker:
    """One child process running jobs ``(module, function, args, kwargs)`` under limits.

    ``call(...)`` returns the function's value or raises: the function's own
    :class:`DocumentError`, ``TimedOut`` after ``timeout_s`` (child killed), ``OutOfMemory``
    when the child ran out of its ``memory_mb`` (or died of a signal, which is what an
    allocation failure inside C code looks like).
    """

    def __init__(self, memory_mb: int = DEFAULT_MEMORY_MB) -> None:
        self.memory_mb = memory_mb
        self._proc: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()

    def _start(self) -> subprocess.Popen[bytes]:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (_ROOT, env.get("PYTHONPATH")) if p)
        env["MALLOC_ARENA_MAX"] = "2"  # glibc reserves 64 MB of address space per thread arena
        env.setdefault("OMP_THREAD_LIMIT", "1")
        proc = subprocess.Popen(
            [sys.executable, "-m", "pipeline.pdf.worker", str(self.memory_mb)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
            close_fds=True, start_new_session=True)
        assert proc.stdout is not None
        try:
            hello = _recv(proc.stdout.fileno(), time.monotonic() + STARTUP_TIMEOUT_S)
        except (TimeoutError, _WorkerDied, pickle.UnpicklingError) as exc:
            self._kill(proc)
            raise ParseFailed("the PDF worker process did not start",
                              hint="check that `python -m pipeline.pdf.worker` imports") from exc
        if hello != ("ready",):
            self._kill(proc)
            raise ParseFailed(f"the PDF worker could not start: {hello!r}"[:200],
                              hint="check that pdfplumber and pypdfium2 are installed")
        return proc

    def call(self, module: str, func: str, args: tuple[Any, ...], kwargs: dict[str, Any], *,
             timeout_s: float, what: str = "the document") -> Any:
        with self._lock:
            if self._proc is None or self._proc.poll() is not None:
                self._proc = self._start()
            proc = self._proc
            assert proc.stdin is not None and proc.stdout is not None
            try:
                _send(proc.stdin.fileno(), (module, func, args, kwargs))
                status, value = _recv(proc.stdout.fileno(), time.monotonic() + timeout_s)
            except TimeoutError:
                self._kill(proc)
                raise TimedOut(f"{what} took over {timeout_s:.0f} s; its worker process was killed",
                               hint="split the file, or raise the limit (--pdf-time-limit)") from None
            except (_WorkerDied, BrokenPipeError, EOFError, pickle.UnpicklingError):
                code = self._kill(proc)
                raise OutOfMemory(
                    f"{what} exhausted its worker process ({_death(code)}; memory limit {self.memory_mb} MB)",
                    hint="the file is hostile or huge; raise the limit with --pdf-memory-mb if it is genuine",
                ) from None
            if status == "ok":
                return value
            if status == "memory":
                self._kill(proc)  # a MemoryError leaves the child in an unknown state
                raise OutOfMemory(f"{what} needed more than {self.memory_mb} MB ({value})",
                                  hint="the file is hostile or huge; raise the limit with --pdf-memory-mb "
                                       "if it is genuine")
            if isinstance(value, DocumentError):
                raise value
            raise ParseFailed(f"{what} could not be parsed: {value}"[:300], hint="the file may be damaged")

    def _kill(self, proc: subprocess.Popen[bytes]) -> int | None:
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGKILL)  # the child and any Tesseract it started
            except (ProcessLookupError, PermissionError):
                proc.kill()
        try:
            code = proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            code = None
        for f in (proc.stdin, proc.stdout):
            if f is not None:
                f.close()
        if self._proc is proc:
            self._proc = None
        return code

    def close(self) -> None:
        with self._lock:
            if self._proc is not None:
                self._kill(self._proc)


def _death(code: int | None) -> str:
    if code is None:
        return "did not exit"
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit status {code}"


_WORKERS: dict[int, IsolatedWorker] = {}
_WORKERS_LOCK = threading.Lock()


def _worker(memory_mb: int) -> IsolatedWorker:
    with _WORKERS_LOCK:
        w = _WORKERS.get(memory_mb)
        if w is None:
            w = _WORKERS[memory_mb] = IsolatedWorker(memory_mb)
        return w


@atexit.register
def _close_all() -> None:
    for w in list(_WORKERS.values()):
        w.close()


def run_isolated(func: Callable[..., Any], *args: Any, timeout_s: float, memory_mb: int = DEFAULT_MEMORY_MB,
                 what: str = "the document", **kwargs: Any) -> Any:
    """``func(*args, **kwargs)`` in the shared worker process under the given limits.

    ``func`` must be a module-level function (it is imported by name in the child).
    """
    return _worker(memory_mb).call(func.__module__, func.__qualname__, args, kwargs,
                                   timeout_s=timeout_s, what=what)


def parse_pdf_isolated(data: bytes, *, time_limit_s: float, memory_mb: int = DEFAULT_MEMORY_MB,
                       **options: Any) -> Any:
    """:func:`pipeline.pdf.parser.parse_pdf` in a worker process: hard time and memory limits.

    Where the platform has no ``resource`` module (Windows), the parse runs in process.
    """
    from pipeline.pdf import parser

    options.setdefault("tesseract_cmd", os.environ.get("EDARAN_TESSERACT", "tesseract"))
    if not _HAS_RESOURCE:
        return parser.parse_pdf(data, time_limit_s=time_limit_s, **options)
    return run_isolated(parser.parse_pdf, data, time_limit_s=time_limit_s, timeout_s=time_limit_s + GRACE_S,
                        memory_mb=memory_mb, what="the PDF", **options)


try:
    import resource

    _HAS_RESOURCE = True
except ImportError:  # pragma: no cover - Windows
    _HAS_RESOURCE = False


# --- the child ---------------------------------------------------------------------------------


def _child(memory_mb: int) -> None:  # pragma: no cover - runs in the worker process
    import importlib

    limit = memory_mb * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)  # a parent already limited (a test harness, a container) caps us too
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    out_fd, in_fd = sys.stdout.fileno(), sys.stdin.fileno()
    sys.stdout = sys.stderr  # a stray print() must not corrupt the protocol
    try:
        import pdfplumber  # noqa: F401  (imports once, before the first job's clock)
        import pypdfium2  # noqa: F401

        import pipeline.pdf.parser  # noqa: F401
    except Exception as exc:
        _send(out_fd, ("import-error", repr(exc)))
        return
    _send(out_fd, ("ready",))
    while True:
        try:
            module, func, args, kwargs = _recv(in_fd, None)
        except _WorkerDied:
            return
        try:
            fn: Any = importlib.import_module(module)
            for part in func.split("."):
                fn = getattr(fn, part)
            reply: tuple[str, Any] = ("ok", fn(*args, **kwargs))
        except MemoryError as exc:
            reply = ("memory", str(exc) or "MemoryError")
        except DocumentError as exc:
            reply = ("err", exc)
        except Exception as exc:  # any other failure is data for the parent, never a dead worker
            reply = ("err", f"{type(exc).__name__}: {exc}")
        try:
            _send(out_fd, reply)
        except MemoryError:
            _send(out_fd, ("memory", "the result did not fit"))
        del reply, args, kwargs


if __name__ == "__main__":  # pragma: no cover
    _child(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_MEMORY_MB)
