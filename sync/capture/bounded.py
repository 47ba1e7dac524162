""":func:`inspect_bounded`: :func:`~sync.capture.files.inspect_file` in a child process whose address
space and time are bounded, so that a hostile file costs Cabinet a refusal, never its memory.

Why a child process: parsing a hostile file may cost far more than its size. Issue 7's object-stream
bomb (0.9 MB, 12 object streams of 74 MB) makes qpdf reserve about 200 MB of address space and run 5 s,
and passes ``inspect_file`` (it is a well-formed scan). Here the child (``python -m
sync.capture.bounded``, a fresh interpreter: the window's threads and Qt are not forked) imports
pikepdf and Pillow, then sets ``RLIMIT_AS`` to its address space so far plus a budget: a PDF's
inspection decodes no image, so its budget is small (``Limits.pdf_memory``, 128 MiB: the bomb fails
after its first streams); an image's decodes one frame at a time (``Limits.image_memory``, 640 MiB,
over ``max_pixels`` × 4 bytes and Pillow's buffers). The parent waits ``Limits.seconds`` at most, then
kills it.

How the child's end is read: its verdict (one JSON line on stdout) is the inspection; memory running
out is :attr:`Refusal.TOO_COMPLEX` for a PDF and :attr:`Refusal.DECOMPRESSION_BOMB` for an image, as
is the time limit (qpdf turns a failed allocation into a parse error: a "corrupt" verdict that cost
over half the budget counts as memory running out); a crash (a signal, an exit without a verdict) is
:attr:`Refusal.CORRUPT`. Only the file system's errors (the file vanished, no permission) and a child
that cannot be started raise an :class:`OSError`, as from ``inspect_file``: the file is not to blame,
the caller tries again.

The memory bound needs Linux (``/proc/self/status`` and ``RLIMIT_AS``); elsewhere only the time bound
holds.
"""

from __future__ import annotations

import dataclasses
import errno
import json
import logging
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

from sync.capture.files import HEAD_BYTES, Inspection, Kind, Limits, Refusal, inspect_file, sniff

__all__ = ["inspect_bounded"]

log = logging.getLogger(__name__)

_PROJECT_ROOT = str(Path(__file__).resolve().parents[2])  # the folder holding the `sync` package
_LIMITS = Limits()


def inspect_bounded(path: Path, limits: Limits = _LIMITS) -> Inspection:
    """:func:`inspect_file` of ``path`` in a bounded child process (see the module's docstring)."""
    path = Path(path)
    info = os.stat(path)  # raises the file system's OSError as inspect_file would
    if not stat.S_ISREG(info.st_mode) or info.st_size == 0 or info.st_size > limits.max_bytes:
        return inspect_file(path, limits)  # refused from its stat alone: never opened (a FIFO would block)
    with open(path, "rb") as file:
        kind = sniff(file.read(HEAD_BYTES))
    size = info.st_size
    arguments = json.dumps({"path": os.fsdecode(path), "limits": dataclasses.asdict(limits)})
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [_PROJECT_ROOT, *filter(None, [os.environ.get("PYTHONPATH")])])}
    try:
        done = subprocess.run([sys.executable, "-m", __name__, arguments], capture_output=True, check=False,
                              timeout=limits.seconds, env=environment, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:  # run() has killed the child
        log.warning("inspection of %s killed after %g s", path.name, limits.seconds)
        return _over(path, size, kind, f"over {limits.seconds:g} s")
    verdict = _verdict(done.stdout)
    if verdict is None:
        return _ended_without_verdict(path, size, kind, done)
    if "os_error" in verdict:
        number, text = verdict["os_error"]
        raise OSError(number, text, os.fsdecode(path))
    if "memory" in verdict:
        return _over(path, size, kind, f"over {verdict['memory']} bytes of memory")
    return Inspection(path, verdict["size"], Kind(verdict["kind"]) if verdict["kind"] else None, verdict["pages"],
                      Refusal(verdict["refusal"]) if verdict["refusal"] else None, verdict["detail"])


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


def _child(arguments: str) -> dict[str, Any]:
    try:
        import resource
    except ImportError:  # Windows: the time limit only
        resource = None  # type: ignore[assignment]

    import pikepdf  # noqa: F401 (loaded before the limit: the libraries' mappings are not the file's cost)
    from PIL import Image  # noqa: F401

    request = json.loads(arguments)
    path, limits = Path(request["path"]), Limits(**request["limits"])
    with open(path, "rb") as file:
        kind = sniff(file.read(HEAD_BYTES))
    budget = limits.pdf_memory if kind is Kind.PDF else limits.image_memory
    start = _address_space() if resource else 0  # 0 where /proc is not there: no memory limit
    if resource:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if start:
        resource.setrlimit(resource.RLIMIT_AS, (start + budget, start + budget))
    try:
        found = inspect_file(path, limits)
    except MemoryError:
        return {"memory": budget}
    except OSError as error:
        return {"os_error": [error.errno or errno.EIO, error.strerror or str(error)]}
    # qpdf swallows a failed allocation and answers a parse error ("unable to find /Root dictionary"):
    # a damaged file that took over half the budget is over the bound, not merely damaged
    if found.refusal is Refusal.CORRUPT and start and _address_space("VmPeak") - start > budget // 2:
        return {"memory": budget}
    return {"size": found.size, "kind": found.kind and found.kind.value, "pages": found.pages,
            "refusal": found.refusal and found.refusal.value, "detail": found.detail}


if __name__ == "__main__":
    print(json.dumps(_child(sys.argv[1])), flush=True)
