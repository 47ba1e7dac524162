"""The capture pipeline in front of the SCOR queue, without Qt: the watched scan folder, what an
incoming file is, whether it may become a justifying document, and where it goes when it may not. The
window (``desktop_app``) and a headless watcher both drive it."""

from sync.capture.files import Inspection, Kind, Limits, Refusal, inspect_file
from sync.capture.ingest import Ingest, IngestReport
from sync.capture.quarantine import quarantine
from sync.capture.watch import Arrival, JournalError, ScanFolder

__all__ = ["Arrival", "Ingest", "IngestReport", "Inspection", "JournalError", "Kind", "Limits", "Refusal", "ScanFolder",
           "inspect_file", "quarantine"]
