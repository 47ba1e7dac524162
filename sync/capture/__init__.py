"""The capture pipeline in front of the SCOR queue, without Qt: the watched scan folder, what an
incoming file is, whether it may become a justifying document, and where it goes when it may not; the
fund's PDF made from what was scanned or imported, its pages' quality, the page edits, the scanner.
The window (``desktop_app``) and a headless watcher both drive it.

Names are loaded on first use (PEP 562): the bounded inspection's child and the window's start import
only the modules they use. Except ``normalise`` and ``quarantine``, functions named as their modules:
imported here, once, so that the package's name is the function whoever imports the module first."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # what the type checkers see; at run time __getattr__ loads them
    from sync.capture.bounded import inspect_bounded
    from sync.capture.files import Inspection, Kind, Limits, Refusal, inspect_file
    from sync.capture.ingest import Ingest, IngestReport
    from sync.capture.pages import Batch, PageRef
    from sync.capture.pdf_pages import assemble, page_images, thumbnail
    from sync.capture.quality import Flag, PageFlags, check_page
    from sync.capture.scanner import ScannerDevice, ScannerError, ScanSettings, devices, scan
    from sync.capture.watch import Arrival, JournalError, ScanFolder

from sync.capture.normalise import Normalised, normalise, normalise_images
from sync.capture.quarantine import quarantine

_EXPORTS = {
    "sync.capture.files": ("Inspection", "Kind", "Limits", "Refusal", "inspect_file"),
    "sync.capture.bounded": ("inspect_bounded",),
    "sync.capture.watch": ("Arrival", "JournalError", "ScanFolder"),
    "sync.capture.ingest": ("Ingest", "IngestReport"),
    "sync.capture.quality": ("Flag", "PageFlags", "check_page"),
    "sync.capture.pages": ("Batch", "PageRef"),
    "sync.capture.pdf_pages": ("assemble", "page_images", "thumbnail"),
    "sync.capture.scanner": ("ScanSettings", "ScannerDevice", "ScannerError", "devices", "scan"),
}
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}

__all__ = ["Arrival", "Batch", "Flag", "Ingest", "IngestReport", "Inspection", "JournalError", "Kind", "Limits", "Normalised", "PageFlags",
           "PageRef", "Refusal", "ScanFolder", "ScanSettings", "ScannerDevice", "ScannerError", "assemble",
           "check_page", "devices", "inspect_bounded", "inspect_file", "normalise", "normalise_images",
           "page_images", "quarantine", "scan", "thumbnail"]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    loaded = importlib.import_module(module)
    for exported in _EXPORTS[module]:
        globals()[exported] = getattr(loaded, exported)
    return globals()[name]


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
