"""Where a refused file goes: a quarantine folder, with the reason beside it, so that the secretary sees
why and nothing she gave is lost. The file is moved, never overwritten, never deleted; a copier that
names every scan ``SCN_0001.pdf`` gets ``SCN_0001 (2).pdf``, ``SCN_0001 (3).pdf``...

The reason file ``<name>.reason.txt`` holds codes, not sentences (the window words them in French):

    reason: encrypted
    original: SCN_0001.pdf
    detail: needs a password
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from sync.capture.files import Refusal

__all__ = ["REASON_SUFFIX", "quarantine"]

REASON_SUFFIX = ".reason.txt"


def quarantine(path: Path, folder: Path, reason: Refusal, detail: str = "") -> Path:
    """Move the file at ``path`` into ``folder`` under a name no file there has, write its reason file,
    and answer the file's new path.

    The name is claimed with a hard link, which fails rather than replace a file, so two quarantines of
    the same name at once still give two files. Across file systems (a network scan folder) the file is
    copied to a temporary name in ``folder`` and fsynced first; the original is removed only once its
    copy is in place. A crash leaves the file at one of its two places, or both, never at none."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        target = _claim(folder, path.name, lambda candidate: os.link(path, candidate))
    except OSError as error:
        if error.errno not in (errno.EXDEV, errno.EPERM, errno.ENOTSUP, errno.EMLINK):
            raise
        target = _claim_copy(path, folder)
    _write_new(target.with_name(target.name + REASON_SUFFIX),
               f"reason: {reason.value}\noriginal: {path.name}\ndetail: {_one_line(detail)}\n".encode())
    _sync_folder(folder)
    path.unlink()
    _sync_folder(path.parent)
    return target


def _claim(folder: Path, name: str, place: Callable[[Path], None]) -> Path:
    """The first free name ``name``, ``stem (2).suffix``... in ``folder`` (free: neither it nor its reason
    file exist), once ``place(candidate)`` put the file there; ``place`` raises FileExistsError when
    another file took the name first."""
    stem, suffix = _split(name)
    number = 1
    while True:
        candidate = folder / (name if number == 1 else f"{stem} ({number}){suffix}")
        number += 1
        if candidate.exists() or candidate.with_name(candidate.name + REASON_SUFFIX).exists():
            continue
        try:
            place(candidate)
        except FileExistsError:
            continue
        return candidate


def _claim_copy(path: Path, folder: Path) -> Path:
    """:func:`_claim` for a file on another file system: a fsynced copy, then linked to its name."""
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".incoming-")
    try:
        with open(path, "rb") as source, os.fdopen(handle, "wb") as copy:
            shutil.copyfileobj(source, copy)
            copy.flush()
            os.fsync(copy.fileno())
        return _claim(folder, path.name, lambda candidate: os.link(temporary, candidate))
    finally:
        os.unlink(temporary)


def _write_new(path: Path, data: bytes) -> None:
    """Write ``data`` to the new file ``path`` (fsynced; FileExistsError rather than replace one)."""
    with open(path, "xb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())


def _split(name: str) -> tuple[str, str]:
    suffix = Path(name).suffix
    return (name[: -len(suffix)], suffix) if suffix else (name, "")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _sync_folder(folder: Path) -> None:
    """Make a rename or a new name in ``folder`` durable (POSIX; Windows has no directory fsync)."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
