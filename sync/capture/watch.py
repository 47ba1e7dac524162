"""The watched scan folder: practice copiers scan to a (network) folder; each new file is taken once it
has stopped growing, and its original is moved to an archive folder only after the caller sealed it.

Why it is built this way:

- **Polling**, not change events: SMB and NFS shares send none, so :meth:`ScanFolder.poll` lists the
  folder each time it is called (the caller's timer, a worker thread or the Qt window's).
- **Settled files only**: a copier writes a scan for seconds; a file is taken once its size and mtime
  stayed the same for ``settle_seconds`` across polls (files already there at start too: they may be
  mid-copy as well).
- **Never twice, never lost**: copiers often name every scan ``SCN_0001.pdf``, so a file is known by
  its content (SHA-256 and size), not its name. The journal records a file only when the caller says it
  is sealed (:meth:`ScanFolder.done`): a crash before that takes the file again on the next start
  (nothing lost), a crash after it finishes the archiving on the next start (nothing taken twice). The
  journal is a small JSON file written atomically (temporary name, fsync, rename, directory fsync).
  The one window left is the caller's, between its own commit of the sealed document and
  :meth:`ScanFolder.done`: the caller keeps :attr:`Arrival.key` with the document, in the same commit,
  and passes an arrival whose key it already holds straight to :meth:`ScanFolder.done`.
- **The archive never overwrites**: a name already there gets `` (2)``, `` (3)``… and the file is put
  there by a hard link (which refuses an existing name), or a copy fsynced before the original goes.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypedDict

from sync.vault import TEMPORARY, fsync_directory, write_private

__all__ = ["Arrival", "JournalError", "ScanFolder", "content_key", "file_key", "ignored_name"]

log = logging.getLogger(__name__)

_JOURNAL_VERSION = 1
_HASH_BLOCK = 1024 * 1024  # bytes read at a time: a scan is never held whole in memory to be hashed
_IGNORED_SUFFIXES = (".part", ".tmp", ".crdownload", ".partial")
_IGNORED_NAMES = ("thumbs.db", "desktop.ini", ".ds_store")  # what Windows and macOS leave in a shared folder


class JournalError(Exception):
    """The journal cannot be read: starting afresh would take every archived scan's copy again, so
    the folder is not watched until someone looks (the message names the file)."""


class _Entry(TypedDict):
    name: str  # the file's name in the scan folder when it was taken
    state: Literal["sealed", "archived"]
    target: str | None  # its name in the archive (None: the original was gone or replaced)


@dataclass(frozen=True)
class Arrival:
    """A settled file of the scan folder, to be sealed by the caller and then passed to :meth:`ScanFolder.done`."""

    path: Path
    sha256: str
    size: int

    @property
    def key(self) -> str:
        """What the journal knows the file by: its content, not its name."""
        return file_key(self.sha256, self.size)


def file_key(sha256: str, size: int) -> str:
    return f"{sha256}:{size}"


def ignored_name(name: str) -> bool:
    """Hidden files, partial downloads, editors' or copiers' temporary names and the system files of a
    shared folder: never scans."""
    lowered = name.lower()
    return (name.startswith((".", "~")) or lowered.endswith(_IGNORED_SUFFIXES) or lowered in _IGNORED_NAMES
            or TEMPORARY in name)


def _hash(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as handle:
        while block := handle.read(_HASH_BLOCK):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


_Signature = tuple[int, int, int]  # size, mtime_ns, inode: a rewritten or replaced file changes it


class ScanFolder:
    """Watch ``folder`` by polling; archive taken originals into ``archive``; remember them in
    ``journal_path``. One instance per folder and process; not thread-safe (call it from one worker)."""

    def __init__(self, folder: Path, archive: Path, journal_path: Path, *, settle_seconds: float = 3.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._folder, self._archive, self._journal_path = Path(folder), Path(archive), Path(journal_path)
        self._settle, self._clock = settle_seconds, clock
        self._since: dict[str, tuple[_Signature, float]] = {}  # name -> signature, first seen with it
        self._decided: dict[str, _Signature] = {}  # name -> signature already taken or skipped this run
        self._taken: dict[str, Arrival] = {}  # key -> arrival returned by poll, not done yet
        self._archive.mkdir(mode=0o700, parents=True, exist_ok=True)  # originals in clear: owner only when made here
        self._journal = self._load()
        self._unfinished = True  # sealed entries may wait for their archiving (a crash, a share away)
        self._resume()

    # -- the journal -------------------------------------------------------------------------------

    def _load(self) -> dict[str, _Entry]:
        try:
            data = json.loads(self._journal_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            raise JournalError(f"the scan folder's journal {self._journal_path} cannot be read: {error}") from error
        if not isinstance(data, dict) or data.get("version") != _JOURNAL_VERSION or not isinstance(data.get("files"), dict):
            raise JournalError(f"the scan folder's journal {self._journal_path} is not one this version reads")
        return data["files"]

    def _save(self) -> None:
        payload = {"version": _JOURNAL_VERSION, "files": self._journal}
        write_private(self._journal_path, json.dumps(payload, indent=1, sort_keys=True).encode())

    def _resume(self) -> None:
        """Finish the archiving a crash or an error interrupted: a file sealed but still in the scan
        folder. Not while the folder is away (a share not mounted yet): its originals would look gone."""
        if not self._unfinished or not self._folder.is_dir():
            return
        for key, entry in list(self._journal.items()):
            if entry["state"] == "sealed":
                self._archive_entry(key, entry)
        self._unfinished = False

    # -- polling -----------------------------------------------------------------------------------

    def _candidates(self) -> Iterator[tuple[str, _Signature]]:
        with os.scandir(self._folder) as entries:
            listed = list(entries)
        for entry in listed:
            if ignored_name(entry.name):
                continue
            try:
                if not entry.is_file(follow_symlinks=False):
                    continue  # sub-folders, links, devices
                stat = entry.stat(follow_symlinks=False)
            except OSError:
                continue  # gone between the listing and the stat
            yield entry.name, (stat.st_size, stat.st_mtime_ns, stat.st_ino)

    def poll(self) -> list[Arrival]:
        """The files that stopped growing since the last polls and were never taken, each returned once
        (until :meth:`done`, or until this object is dropped: a new one takes them again)."""
        now, present, arrivals = self._clock(), set(), []
        try:
            candidates = list(self._candidates())
        except OSError as error:  # a share gone away: nothing arrives, what was seen is kept for the next poll
            log.warning("the scan folder %s cannot be listed: %s", self._folder, error)
            return []
        self._resume()
        for name, signature in candidates:
            present.add(name)
            if self._decided.get(name) == signature:
                continue
            seen = self._since.get(name)
            if seen is None or seen[0] != signature:
                self._since[name] = (signature, now)  # new or still growing: wait for it to settle
                continue
            if now - seen[1] < self._settle:
                continue
            arrival = self._arrival(name, signature)
            if arrival is not None:
                self._decided[name] = signature
                if arrival.key not in self._journal and arrival.key not in self._taken:
                    self._taken[arrival.key] = arrival
                    arrivals.append(arrival)
        for name in set(self._since) - present:
            del self._since[name]
        for name in set(self._decided) - present:
            del self._decided[name]
        return arrivals

    def _arrival(self, name: str, signature: _Signature) -> Arrival | None:
        path = self._folder / name
        try:
            sha256, size = _hash(path)
            stat = path.stat()
        except OSError as error:
            log.warning("the scan %s cannot be read yet: %s", path, error)
            return None
        if (stat.st_size, stat.st_mtime_ns, stat.st_ino) != signature or size != signature[0]:
            self._since.pop(name, None)  # it changed while it was read: let it settle again
            return None
        return Arrival(path, sha256, size)

    def release(self, arrival: Arrival) -> None:
        """The caller did not seal ``arrival`` (an error, or it went to quarantine): its content may be
        taken again, once a file with it settles in the folder."""
        self._taken.pop(arrival.key, None)
        self._decided.pop(arrival.path.name, None)
        self._since.pop(arrival.path.name, None)

    # -- after sealing -----------------------------------------------------------------------------

    def done(self, arrival: Arrival, archived_name: str) -> Path | None:
        """The caller sealed ``arrival``: record it, then move the original to the archive under
        ``archived_name`` (or a free variant of it). Returns where it went; None when the original was
        removed or replaced in the meantime (the replacement is a new arrival)."""
        if Path(archived_name).name != archived_name or ignored_name(archived_name):
            raise ValueError(f"not a plain file name for the archive: {archived_name!r}")
        known = self._journal.get(arrival.key)
        if known is not None and known["state"] == "archived":  # said twice: the first word stands
            return self._archive / known["target"] if known["target"] else None
        entry: _Entry = {"name": arrival.path.name, "state": "sealed", "target": self._free_name(archived_name)}
        self._journal[arrival.key] = entry
        self._save()  # from now on this content is never taken again, even if the move below is cut
        self._taken.pop(arrival.key, None)
        unfinished, self._unfinished = self._unfinished, True  # an error in the move is retried at the next poll
        placed = self._archive_entry(arrival.key, entry)
        self._unfinished = unfinished
        return placed

    def _archive_entry(self, key: str, entry: _Entry) -> Path | None:
        source = self._folder / entry["name"]
        target = self._archive / entry["target"] if entry["target"] else None
        if target is not None and target.exists() and _key_of(target) == key:
            pass  # a crash after the archive copy, before the original went
        elif _key_of(source) == key and target is not None:
            target = self._place(source, target)
        else:
            log.warning("the sealed scan %s left the scan folder before it was archived", source)
            target = None
        if target is not None and _key_of(source) == key:
            source.unlink()
            fsync_directory(self._folder)
        entry.update(state="archived", target=target.name if target is not None else None)
        self._save()
        return target

    def discard_archived(self, key: str) -> None:
        """Delete the archived original of the content ``key`` (its document's retention is over). The
        journal keeps the key, so that content is never taken again; said twice, or after a crash
        between the removal and the journal's save, nothing more happens. A file that took the name
        since, with another content, is left alone."""
        entry = self._journal.get(key)
        if entry is None or entry["state"] != "archived" or not entry["target"]:
            return
        target = self._archive / entry["target"]
        if _key_of(target) == key:
            target.unlink()
            fsync_directory(self._archive)
        entry["target"] = None
        self._save()

    def _free_name(self, name: str) -> str:
        stem, suffix, number = Path(name).stem, Path(name).suffix, 1
        while (self._archive / name).exists():
            number += 1
            name = f"{stem} ({number}){suffix}"
        return name

    def _place(self, source: Path, target: Path) -> Path:
        """Put a durable copy of ``source`` in the archive at ``target`` or a free variant of it, never
        over an existing file: a hard link when both are on one file system, else a copy fsynced first
        (then linked, or renamed where the archive has no hard links)."""
        try:
            placed = self._link(source, target)
        except OSError:  # another file system (the scan folder on a share) or no hard links there
            staged = self._archive / f".{target.name}{TEMPORARY}copy"
            try:
                with source.open("rb") as reading, staged.open("wb") as writing:
                    shutil.copyfileobj(reading, writing, _HASH_BLOCK)
                    writing.flush()
                    os.fsync(writing.fileno())
                try:
                    placed = self._link(staged, target)
                except OSError:
                    placed = self._archive / self._free_name(target.name)
                    os.rename(staged, placed)
            finally:
                staged.unlink(missing_ok=True)
        fsync_directory(self._archive)
        return placed

    def _link(self, source: Path, target: Path) -> Path:
        """Hard-link ``source`` at ``target`` or the next free name: a link never replaces a file."""
        while True:
            try:
                os.link(source, target)
                return target
            except FileExistsError:
                target = self._archive / self._free_name(target.name)

def content_key(path: Path) -> str:
    """The journal key of ``path``'s content (OSError when it cannot be read): an imported file's too."""
    return file_key(*_hash(path))


def _key_of(path: Path) -> str | None:
    """The journal key of ``path``'s content, None when it is missing or unreadable."""
    try:
        return content_key(path)
    except OSError:
        return None
