"""The capture pipeline's pure part (no Qt): what an incoming file is, whether it may become a
justifying document, and where it goes when it may not. The window (``desktop_app``) and a headless
watcher both drive it."""

from sync.capture.files import Inspection, Kind, Limits, Refusal, inspect_file
from sync.capture.quarantine import quarantine

__all__ = ["Inspection", "Kind", "Limits", "Refusal", "inspect_file", "quarantine"]
