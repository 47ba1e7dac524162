"""The bytes of SCOR documents on disk, whatever engine keeps their rows: partial uploads named by the
row's id, accepted documents by their content.

::

    <root>/partial/<row id>.part     bytes received so far (named by our row id, never the client's)
    <root>/objects/<ab>/<sha256>     accepted documents, by content: identical bytes are stored once

Every write is durable when it returns (the file and, for a new name, its directory fsynced), so an
engine may record it afterwards: the record never claims bytes that are not on disk.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import shutil
from pathlib import Path

__all__ = ["DocumentFiles"]

_PARTIAL = re.compile(r"(\d+)\.part")


class DocumentFiles:
    def __init__(self, root: Path) -> None:
        self.partial_dir, self.objects_dir = Path(root) / "partial", Path(root) / "objects"
        self.partial_dir.mkdir(parents=True, exist_ok=True)
        self.objects_dir.mkdir(parents=True, exist_ok=True)

    def partial_path(self, row_id: int) -> Path:
        return self.partial_dir / f"{row_id}.part"

    def object_path(self, sha256: str) -> Path:
        return self.objects_dir / sha256[:2] / sha256

    def held(self, row_id: int) -> int:
        """Bytes of the partial upload on disk (0 when there is no file)."""
        try:
            return self.partial_path(row_id).stat().st_size
        except FileNotFoundError:
            return 0

    def truncate(self, row_id: int, size: int) -> None:
        with open(self.partial_path(row_id), "r+b") as file:
            file.truncate(size)
            file.flush()
            os.fsync(file.fileno())

    def write(self, row_id: int, offset: int, body: bytes) -> None:
        """Write ``body`` at ``offset`` of the partial upload, durably."""
        path = self.partial_path(row_id)
        created = not path.exists()
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
        try:
            os.lseek(fd, offset, os.SEEK_SET)
            view = memoryview(body)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        if created:
            _fsync_directory(self.partial_dir)

    def sha256(self, row_id: int) -> str:
        digest = hashlib.sha256()
        with open(self.partial_path(row_id), "rb") as file:
            for block in iter(lambda: file.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()

    def keep(self, row_id: int, sha256: str) -> None:
        """Make ``objects/<sha256>`` hold the bytes of the partial upload (already verified), unless it does."""
        source, target = self.partial_path(row_id), self.object_path(sha256)
        if target.exists():
            return
        target.parent.mkdir(exist_ok=True)
        try:
            os.link(source, target)  # atomic; the source was fsynced when written
        except FileExistsError:
            pass
        except OSError:  # no hard links here: copy to a temporary name, fsync, rename
            temporary = target.with_name(f"{sha256}.{secrets.token_hex(4)}.tmp")
            with open(source, "rb") as src, open(temporary, "wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
                dst.flush()
                os.fsync(dst.fileno())
            os.replace(temporary, target)
        _fsync_directory(target.parent)

    def discard(self, row_id: int) -> None:
        self.partial_path(row_id).unlink(missing_ok=True)

    def partial_row_ids(self) -> list[int]:
        """The row ids of the partial uploads on disk; any other file there (never ours) is removed."""
        ids = []
        for path in self.partial_dir.iterdir():
            match = _PARTIAL.fullmatch(path.name)
            if match:
                ids.append(int(match[1]))
            else:
                path.unlink(missing_ok=True)
        return ids

    def remove_temporaries(self) -> None:
        """Copies into ``objects/`` a crash interrupted."""
        for path in self.objects_dir.glob("*/*.tmp"):
            path.unlink(missing_ok=True)


def _fsync_directory(directory: Path) -> None:
    """Make a new or renamed directory entry durable (not possible, nor needed, on Windows)."""
    if os.name == "nt":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
