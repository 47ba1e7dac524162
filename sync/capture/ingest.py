"""From a file to a draft of the SCOR queue: the watched scan folder's arrivals and the files the user
imports (file dialog, drag and drop) are inspected, normalised to a PDF the fund accepts and sealed as
drafts (:meth:`sync.documents.DocumentQueue.add_draft`); a refused one goes to quarantine with its reason.

Nothing lost, nothing twice, whatever the moment of a crash (``kill -9``):

- an arrival's original leaves the scan folder only after its draft is committed
  (:meth:`ScanFolder.done` after :meth:`DocumentQueue.add_draft`);
- the draft keeps the arrival's key as its ``origin_key``, in the same commit: an arrival taken again
  after a crash between the two is recognised (:meth:`DocumentQueue.has_origin`) and only archived;
- a refused file is moved to quarantine (a hard link, then the original removed: at one place or both,
  never none) and released, so a copy of it that settles again is inspected again.

An imported file stays where it is: it is the user's own, not the copier's. The same file imported
twice is kept once (its content's key is its ``origin_key`` too).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sync.capture.files import Inspection, Refusal
from sync.capture.quarantine import quarantine
from sync.capture.watch import Arrival, ScanFolder, content_key

if TYPE_CHECKING:
    from sync.documents import DocumentQueue, Normalised

__all__ = ["Ingest", "IngestReport", "Inspector", "Normaliser"]

log = logging.getLogger(__name__)

Inspector = Callable[[Path], Inspection]
Normaliser = Callable[[Path, Inspection], "Normalised"]


@dataclass
class IngestReport:
    """What one poll or import did: the drafts made (their ids), the files refused with their
    :class:`~sync.capture.files.Refusal` code (moved to quarantine when they came from the scan folder),
    the files already in the queue (their names) and those that could not be read now (name, error;
    left where they are, tried again at a later poll)."""

    added: list[str] = field(default_factory=list)
    quarantined: list[tuple[str, str]] = field(default_factory=list)
    known: list[str] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)


def _default_inspector() -> Inspector:
    from sync.capture.bounded import inspect_bounded  # a child process with memory and time limits

    return inspect_bounded


def _default_normaliser() -> Normaliser:
    from sync.capture.normalise import normalise

    return normalise


class Ingest:
    """Files to drafts: ``folder`` the watched scan folder (None: imports only), ``quarantine_dir`` where
    refused scan-folder files go. ``inspector`` and ``normaliser`` default to the capture pipeline's
    bounded inspection and normalisation. Call it from one worker thread (as :class:`ScanFolder`)."""

    def __init__(self, queue: DocumentQueue, folder: ScanFolder | None, quarantine_dir: Path, *,
                 normaliser: Normaliser | None = None, inspector: Inspector | None = None) -> None:
        self._queue, self._folder, self._quarantine = queue, folder, Path(quarantine_dir)
        self._normalise = normaliser or _default_normaliser()
        self._inspect = inspector or _default_inspector()

    def poll(self) -> IngestReport:
        """Take what settled in the scan folder since the last poll (nothing without a folder)."""
        report = IngestReport()
        if self._folder is None:
            return report
        for arrival in self._folder.poll():
            self._take(arrival, report)
        return report

    def _take(self, arrival: Arrival, report: IngestReport) -> None:
        assert self._folder is not None
        name = arrival.path.name
        if self._queue.has_origin(arrival.key):  # sealed before a crash, not archived yet
            self._archive(arrival)
            report.known.append(name)
            return
        try:
            refused = self._draft(arrival.path, arrival.key, report)
        except OSError as error:  # gone or unreadable meanwhile (a share): taken again once it settles
            self._folder.release(arrival)
            report.unreadable.append((name, str(error)))
            return
        if refused is None:
            self._archive(arrival)
            return
        try:
            quarantine(arrival.path, self._quarantine, *refused)
        except OSError as error:  # left in the scan folder: taken, and refused, again later
            log.warning("the refused scan %s could not be moved to quarantine: %s", arrival.path, error)
        self._folder.release(arrival)

    def _archive(self, arrival: Arrival) -> None:
        """The original's sealing recorded and the original archived; a failed move (a share gone) is
        finished by a later poll (:meth:`ScanFolder.done`), and the poll goes on with the next arrival."""
        assert self._folder is not None
        try:
            self._folder.done(arrival, arrival.path.name)
        except OSError as error:
            log.warning("the scan %s is sealed but not archived yet: %s", arrival.path, error)

    def import_files(self, paths: Iterable[Path]) -> IngestReport:
        """Drafts of files the user chose; they stay where they are, refused ones too (reported)."""
        report = IngestReport()
        for path in map(Path, paths):
            try:
                key = content_key(path)
                if self._queue.has_origin(key):
                    report.known.append(path.name)
                    continue
                self._draft(path, key, report)
            except OSError as error:
                report.unreadable.append((path.name, str(error)))
        return report

    def _draft(self, path: Path, key: str, report: IngestReport) -> tuple[Refusal, str] | None:
        """Inspect, normalise and seal ``path`` as a draft (None), or say why it is refused. A file the
        normaliser cannot make a PDF of (ValueError) is refused as corrupt rather than tried for ever."""
        inspection = self._inspect(path)
        refused = (inspection.refusal, inspection.detail) if inspection.refusal is not None else None
        if refused is None:
            try:
                normalised = self._normalise(path, inspection)
            except ValueError as error:
                refused = (Refusal.CORRUPT, f"not normalised: {error}")
        if refused is not None:
            report.quarantined.append((path.name, refused[0].value))
            return refused
        document = self._queue.add_draft(normalised.pdf, normalised.pages, flags=normalised.flags,
                                         source_name=path.name, origin_key=key)
        report.added.append(document.id)
        return None

    def purge_expired(self, now: datetime | None = None) -> int:
        """Purge the queue's documents past their retention (:meth:`DocumentQueue.purge_expired`) and
        their originals from the scan folder's archive; how many documents were purged."""
        discard = self._folder.discard_archived if self._folder is not None else None
        return self._queue.purge_expired(now, discard)
