""":func:`inspect_bounded`: :func:`~sync.capture.files.inspect_file` in a child process whose address
space and time are bounded, so that a hostile file costs Cabinet a refusal, never its memory.

Why a child process: parsing a hostile file may cost far more than its size. Issue 7's object-stream
bomb (0.9 MB, 12 object streams of 74 MB) makes qpdf reserve about 200 MB of address space and run 5 s,
and passes ``inspect_file`` (it is a well-formed scan). Here the child (``python -m
sync.capture.bounded``, a fresh interpreter: the window's threads and Qt are not forked) imports
pikepdf and Pillow, then, before each file, sets ``RLIMIT_AS`` to its address space so far plus a
budget: a PDF's inspection decodes no image, so its budget is small (``Limits.pdf_memory``, 128 MiB:
the bomb fails after its first streams); an image's decodes one frame at a time
(``Limits.image_memory``, 640 MiB, over ``max_pixels`` × 4 bytes and Pillow's buffers). The parent
waits ``Limits.seconds`` at most for each verdict, then kills the child.

Why a long-lived child (:class:`InspectionWorker`): starting an interpreter and importing pikepdf costs
about 230 ms, 30 times a scanned page's inspection. One worker per :class:`Limits` serves the files one
after the other over a pipe (one JSON line each way). It is ended and a new one started lazily after a
file that timed out, crashed it or ran out of memory (its state is not to be trusted), after
:data:`FILES_PER_WORKER` files (whatever leaks stays bounded), and after a file that raised its peak
address space (``VmPeak``, which only a new process resets) more than half the smallest budget over its
size: the check below compares a file's peak with its start, and stays exact only so.

How the child's end is read: its verdict is the inspection; memory running out is
:attr:`Refusal.TOO_COMPLEX` for a PDF and :attr:`Refusal.DECOMPRESSION_BOMB` for an image, as is the
time limit (qpdf turns a failed allocation into a parse error: a "corrupt" verdict that cost over half
the budget counts as memory running out); a crash (a signal, an exit without a verdict) is
:attr:`Refusal.CORRUPT`. Only the file system's errors (the file vanished, no permission) and a child
that cannot be started raise an :class:`OSError`, as from ``inspect_file``: the file is not to blame,
the caller tries again.

The memory bound needs Linux (``/proc/self/status`` and ``RLIMIT_AS``); elsewhere only the time bound
holds.
"""

from __future__ import annotations

import atexit
import dataclasses
import errno
import json
import logging
import os
import selectors
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Self

from sync.capture.files import HEAD_BYTES, Inspection, Kind, Limits, Refusal, inspect_file, sniff

__all__ = ["FILES_PER_WORKER", "InspectionWorker", "close_inspection_workers", "inspect_bounded"]

log = logging.getLogger(__name__)

_PROJECT_ROOT = str(Path(__file__).resolve().parents[2])  # the folder holding the `sync` package
_LIMITS = Limits()
FILES_PER_WORKER = 200  # then a new child: what the libraries leak stays bounded
STARTUP_SECONDS = 30.0  # an interpreter and pikepdf loading on a busy machine


def inspect_bounded(path: Path, limits: Limits = _LIMITS) -> Inspection:
    """:func:`inspect_file` of ``path`` in a bounded child process (see the module's docstring), served
    by this process's worker for ``limits`` (started at the first call, ended at exit)."""
    path = Path(path)
    info = os.stat(path)  # raises the file system's OSError as inspect_file would
    if not stat.S_ISREG(info.st_mode) or info.st_size == 0 or info.st_size > limits.max_bytes:
        return inspect_file(path, limits)  # refused from its stat alone: never opened (a FIFO would block)
    with _workers_lock:
        worker = _workers.get(limits)
        if worker is None or worker.owner != os.getpid():  # none yet, or inherited through a fork
            worker = _workers[limits] = InspectionWorker(limits)
    return worker.inspect(path)


def close_inspection_workers() -> None:
    """End this process's workers (at exit; a later :func:`inspect_bounded` starts a new one)."""
    with _workers_lock:
        workers = [worker for worker in _workers.values() if worker.owner == os.getpid()]
        _workers.clear()
    for worker in workers:
        worker.close()


class InspectionWorker:
    """A long-lived bounded child answering :func:`inspect_file` for one :class:`Limits`. Thread-safe:
    a lock serialises the inspections (one child, one file at a time). Use it as a context manager or
    :meth:`close` it; a child ended by a bound or a crash is replaced at the next file."""

    def __init__(self, limits: Limits = _LIMITS) -> None:
        self.limits = limits
        self.owner = os.getpid()
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._served = 0
        self._stdout = b""
        self._stderr = b""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    def pid(self) -> int | None:
        """The child's process id, None when none runs."""
        with self._lock:
            return self._process.pid if self._process and self._process.poll() is None else None

    def inspect(self, path: Path) -> Inspection:
        """The bounded inspection of ``path`` (a regular file, not empty, within ``max_bytes``)."""
        path = Path(path)
        size = os.stat(path).st_size
        with open(path, "rb") as file:
            kind = sniff(file.read(HEAD_BYTES))
        request = (json.dumps({"path": os.fsdecode(path)}) + "\n").encode()
        with self._lock:
            process = self._send(request)
            line = self._read_line(process, time.monotonic() + self.limits.seconds)
            if line is None:
                self._end(process)
                log.warning("inspection of %s killed after %g s", path.name, self.limits.seconds)
                return _over(path, size, kind, f"over {self.limits.seconds:g} s")
            verdict = _verdict(line)
            if verdict is None:
                code = self._end(process)
                return _ended_without_verdict(path, size, kind,
                                              subprocess.CompletedProcess(process.args, code, b"", self._stderr))
            self._served += 1
            if verdict.get("retire") or "memory" in verdict or self._served >= FILES_PER_WORKER:
                self._end(process)
        if "os_error" in verdict:
            number, text = verdict["os_error"]
            raise OSError(number, text, os.fsdecode(path))
        if "memory" in verdict:
            return _over(path, size, kind, f"over {verdict['memory']} bytes of memory")
        return Inspection(path, verdict["size"], Kind(verdict["kind"]) if verdict["kind"] else None, verdict["pages"],
                          Refusal(verdict["refusal"]) if verdict["refusal"] else None, verdict["detail"])

    def close(self) -> None:
        """End the child: its input closed, it leaves its loop; killed if it does not within 2 s."""
        with self._lock:
            process, self._process = self._process, None
            if process is None:
                return
            try:
                process.stdin.close()  # type: ignore[union-attr]
                process.wait(timeout=2)
            except (OSError, subprocess.TimeoutExpired):
                process.kill()
                process.wait()
            finally:
                _close_pipes(process)

    # --- under the lock ---

    def _send(self, request: bytes) -> subprocess.Popen[bytes]:
        """Write the request to a running child, starting one if none runs (or it ended while idle)."""
        for attempt in range(2):
            process = self._process
            if process is None or process.poll() is not None:
                if process is not None:
                    self._end(process)
                process = self._start()
            self._stderr = b""
            try:
                process.stdin.write(request)  # type: ignore[union-attr]
                process.stdin.flush()  # type: ignore[union-attr]
                return process
            except BrokenPipeError:  # it died between poll() and the write: not this file's doing
                self._end(process)
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def _start(self) -> subprocess.Popen[bytes]:
        environment = {**os.environ, "PYTHONPATH": os.pathsep.join(
            [_PROJECT_ROOT, *filter(None, [os.environ.get("PYTHONPATH")])])}
        process = subprocess.Popen([sys.executable, "-m", __name__, json.dumps(dataclasses.asdict(self.limits))],
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   env=environment)
        self._process, self._served, self._stdout, self._stderr = process, 0, b"", b""
        ready = self._read_line(process, time.monotonic() + STARTUP_SECONDS)
        if ready is None or _verdict(ready) != {"ready": True}:
            self._end(process)
            last = (self._stderr.decode(errors="replace").strip().splitlines() or [""])[-1]
            raise OSError(errno.ECHILD, f"the inspection worker did not start: {last}")
        return process

    def _read_line(self, process: subprocess.Popen[bytes], deadline: float) -> bytes | None:
        """The child's next line on stdout, b"" if it ended first, None past ``deadline``; its stderr is
        drained meanwhile (a full pipe would block it) and its last bytes kept."""
        with selectors.DefaultSelector() as selector:
            for stream in (process.stdout, process.stderr):
                selector.register(stream, selectors.EVENT_READ)  # type: ignore[arg-type]
            while b"\n" not in self._stdout:
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                events = selector.select(left)
                for key, _ in events:
                    chunk = os.read(key.fd, 65536)
                    if key.fileobj is process.stderr:
                        self._stderr = (self._stderr + chunk)[-4096:]
                        if not chunk:
                            selector.unregister(key.fileobj)
                    elif chunk:
                        self._stdout += chunk
                    else:  # stdout closed: the child has ended
                        return b""
        line, _, self._stdout = self._stdout.partition(b"\n")
        return line

    def _end(self, process: subprocess.Popen[bytes]) -> int:
        """Kill and reap the child (no zombie left), its pipes closed; its exit code."""
        if process.poll() is None:
            process.kill()
        code = process.wait()
        self._stderr = (self._stderr + self._drain(process))[-4096:]
        _close_pipes(process)
        if self._process is process:
            self._process = None
        return code

    @staticmethod
    def _drain(process: subprocess.Popen[bytes]) -> bytes:
        try:
            return process.stderr.read()[-4096:] if process.stderr else b""  # type: ignore[union-attr]
        except (OSError, ValueError):
            return b""


def _close_pipes(process: subprocess.Popen[bytes]) -> None:
    for stream in (process.stdin, process.stdout, process.stderr):
        if stream is not None:
            try:
                stream.close()
            except OSError:
                pass


_workers: dict[Limits, InspectionWorker] = {}
_workers_lock = threading.Lock()
atexit.register(close_inspection_workers)


def _verdict(stdout: bytes) -> dict[str, Any] | None:
    lines = stdout.splitlines()
    try:
        verdict = json.loads(lines[-1]) if lines else None
    except ValueError:
        return None
    return verdict if isinstance(verdict, dict) else None


def _over(path: Path, size: int, kind: Kind | None, detail: str) -> Inspection:
    """A file whose inspection went past a bound: a PDF too complex, an image too large once decoded."""
    refusal = Refusal.DECOMPRESSION_BOMB if kind in (Kind.JPEG, Kind.PNG, Kind.TIFF) else Refusal.TOO_COMPLEX
    return Inspection(path, size, kind, refusal=refusal, detail=detail)


def _ended_without_verdict(path: Path, size: int, kind: Kind | None, done: subprocess.CompletedProcess) -> Inspection:
    code = done.returncode
    last = (done.stderr.decode(errors="replace").strip().splitlines() or [""])[-1]
    log.warning("inspection of %s ended with code %s and no verdict: %s", path.name, code, last)
    if code in (-signal.SIGKILL, -signal.SIGABRT):  # a C++ allocation failing under RLIMIT_AS aborts
        return _over(path, size, kind, f"inspection ended by signal {-code}")
    return Inspection(path, size, kind, refusal=Refusal.CORRUPT,
                      detail=f"inspection ended with code {code}: {last}"[:500])


# --- the child -------------------------------------------------------------------------------------


def _address_space(field: str = "VmSize") -> int:
    """This process's virtual memory size (``VmPeak``: its peak) in bytes (Linux), or 0 where /proc is
    not there."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _serve(arguments: str) -> None:
    """The child's loop: a verdict line for each path line, until its input ends or it retires."""
    try:
        import resource
    except ImportError:  # Windows: the time limit only
        resource = None  # type: ignore[assignment]

    import pikepdf  # noqa: F401 (loaded before the limit: the libraries' mappings are not the file's cost)
    from PIL import Image  # noqa: F401

    limits = Limits(**json.loads(arguments))
    answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # a library printing on stdout cannot garble the verdicts
    if resource:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    _answer(answers, {"ready": True})
    for line in sys.stdin:
        verdict = _inspect_one(Path(json.loads(line)["path"]), limits, resource)
        peak, size = _address_space("VmPeak"), _address_space()
        if "memory" in verdict or peak - size > min(limits.pdf_memory, limits.image_memory) // 2:
            verdict["retire"] = True
        _answer(answers, verdict)
        if verdict.get("retire"):
            return


def _answer(answers: Any, verdict: dict[str, Any]) -> None:
    answers.write(json.dumps(verdict) + "\n")
    answers.flush()


def _inspect_one(path: Path, limits: Limits, resource: Any) -> dict[str, Any]:
    """One file's verdict, its address space bounded from here by its kind's budget."""
    try:
        with open(path, "rb") as file:
            kind = sniff(file.read(HEAD_BYTES))
    except OSError as error:
        return {"os_error": [error.errno or errno.EIO, error.strerror or str(error)]}
    budget = limits.pdf_memory if kind is Kind.PDF else limits.image_memory
    start = _address_space() if resource else 0  # 0 where /proc is not there: no memory limit
    if start:
        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        soft = start + budget if hard == resource.RLIM_INFINITY else min(start + budget, hard)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    try:
        found = inspect_file(path, limits)
    except MemoryError:
        return {"memory": budget}
    except OSError as error:
        return {"os_error": [error.errno or errno.EIO, error.strerror or str(error)]}
    # qpdf swallows a failed allocation and answers a parse error ("unable to find /Root dictionary"):
    # a damaged file that took over half the budget is over the bound, not merely damaged (exact while
    # the worker's earlier peak is within half a budget of its size: see the module's docstring)
    if found.refusal is Refusal.CORRUPT and start and _address_space("VmPeak") - start > budget // 2:
        return {"memory": budget}
    return {"size": found.size, "kind": found.kind and found.kind.value, "pages": found.pages,
            "refusal": found.refusal and found.refusal.value, "detail": found.detail}


if __name__ == "__main__":
    _serve(sys.argv[1])
