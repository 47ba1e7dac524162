"""Scanning over SANE (python-sane, the ``scan`` extra): the practice's flatbed or document feeder,
page by page, so that the window shows each page as it arrives and a feeder batch can be stopped.

SANE is not thread-safe and its backends keep state per process: every call here holds one lock and
opens SANE (``sane.init``) for its own duration only, so a scanner plugged in later is found, and the
window calls it from one worker at a time. The backends differ in option values: the source is found
by words ("Automatic Document Feeder", "ADF Front", "Flatbed", "Document Table"...), the scan area is
set to the whole glass, and a device without a black and white mode scans grey and is thresholded here.

Errors are :class:`ScannerError` with a stable ``code`` the window puts in French words; python-sane
missing (the extra not installed, no libsane) is ``no-sane``.
"""

from __future__ import annotations

import ctypes
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from PIL import Image

__all__ = ["CODES", "ScanSettings", "ScannerDevice", "ScannerError", "devices", "scan"]

_LOCK = threading.Lock()

# SANE's status words (sane_strstatus) -> our codes
_STATUS_CODES = {
    "Device busy": "busy",
    "Document feeder jammed": "jammed",
    "Document feeder out of documents": "feeder-empty",
    "Scanner cover is open": "cover-open",
    "Error during device I/O": "io-error",
    "Access to resource has been denied": "access-denied",
    "Out of memory": "failed",
    "Operation was cancelled": "cancelled",
}
CODES = ("no-sane", "no-device", "busy", "jammed", "feeder-empty", "cover-open", "io-error", "access-denied",
         "no-feeder", "cancelled", "failed")
_FEEDER_WORDS = ("adf", "feeder", "automatic document")
_GLASS_WORDS = ("flatbed", "platen", "document table", "glass")


class ScannerError(Exception):
    """A scan that cannot be made or went wrong; ``code`` is one of :data:`CODES`, ``detail`` English."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code, self.detail = code, detail


@dataclass(frozen=True)
class ScannerDevice:
    """A scanner SANE sees: ``name`` opens it, the others are shown."""

    name: str
    vendor: str
    model: str
    kind: str  # SANE's type: "flatbed scanner", "sheetfed scanner", "multi-function peripheral"...


@dataclass(frozen=True)
class ScanSettings:
    device: str
    resolution: int = 300
    mode: Literal["Gray", "Lineart", "Color"] = "Gray"
    source: Literal["Flatbed", "ADF"] = "Flatbed"


def devices() -> list[ScannerDevice]:
    """The scanners SANE finds now (network ones too: may take seconds, call it from a worker)."""
    sane = _sane()
    with _LOCK:
        _init(sane)
        try:
            found = sane.get_devices()
        except sane._sane.error as error:
            raise _error(error) from error
        finally:
            sane.exit()
    return [ScannerDevice(*(str(field) for field in entry[:4])) for entry in found]


def scan(settings: ScanSettings, on_page: Callable[[int, Image.Image], None], cancelled: Callable[[], bool]) -> int:
    """Scan with ``settings``; each page is given to ``on_page(number from 1, image)`` as soon as it is
    read (grey "L", black and white "1" or colour "RGB", ``info["dpi"]``: the resolution the device
    used, the nearest it offers at least as fine as the one asked); ``cancelled`` is asked
    before each page: a feeder batch stops there. Answers the number of pages scanned (the flatbed
    scans one; the feeder until it is empty: an empty feeder at the first page is ``feeder-empty``)."""
    sane = _sane()
    with _LOCK:
        _init(sane)
        try:
            try:
                device = sane.open(settings.device)
            except sane._sane.error as error:
                raise ScannerError("no-device", f"{settings.device}: {error}") from error
            try:
                threshold = _configure(device, settings)
                try:  # what the device set (a backend may round the resolution asked)
                    dpi = round(float(device.resolution))
                except (AttributeError, TypeError, ValueError):
                    dpi = settings.resolution
                return _pages(sane, device, settings.source == "ADF", dpi, threshold, on_page, cancelled)
            finally:
                device.close()
        finally:
            sane.exit()


def _pages(sane: Any, device: Any, feeder: bool, dpi: int, threshold: bool,
           on_page: Callable[[int, Image.Image], None], cancelled: Callable[[], bool]) -> int:
    count = 0
    try:
        while not cancelled():
            try:
                device.start()
                try:
                    image = device.snap(no_cancel=feeder)
                finally:
                    _ignore_sigpipe()
            except sane._sane.error as error:
                code = _error(error)
                if code.code == "feeder-empty" and count:
                    break  # the batch's end
                raise code from error
            except RuntimeError as error:  # python-sane: "Scanner returned no data"
                raise ScannerError("io-error", str(error)) from error
            count += 1
            if threshold:
                image = image.convert("L").point(lambda value: 255 if value > 150 else 0).convert(
                    "1", dither=Image.Dither.NONE)
            image.info["dpi"] = (dpi, dpi)
            on_page(count, image)
            if not feeder:
                break
    finally:
        device.cancel()  # ends the feeder's batch (a no-op after a flatbed page)
        _ignore_sigpipe()
    return count


def _ignore_sigpipe() -> None:
    """Ignore SIGPIPE again, as Python does from its start. SANE's reader threads (``sanei_thread``,
    used by the ``test`` backend and many drivers) set it back to the default when a page is read, which
    would kill Cabinet at its next write to a closed socket (an upload cut by the server). Through libc:
    Python's ``signal.signal`` works from the main thread only, and scans run on a worker."""
    if hasattr(signal, "SIGPIPE"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.signal.argtypes, libc.signal.restype = (ctypes.c_int, ctypes.c_void_p), ctypes.c_void_p
        libc.signal(signal.SIGPIPE, int(signal.SIG_IGN))


def _configure(device: Any, settings: ScanSettings) -> bool:
    """Set the device's options from ``settings``; answers whether pages are to be thresholded here
    (no black and white mode on the device)."""
    options = {name: device[name] for name in device.optlist}
    threshold = False
    mode = options.get("mode")
    if mode is not None and isinstance(mode.constraint, list):
        wanted = settings.mode
        if wanted == "Lineart" and "Lineart" not in mode.constraint:
            wanted, threshold = "Gray", True
        _set(device, "mode", _pick(mode.constraint, (wanted.lower(),)) or wanted)
    resolution = options.get("resolution")
    offered = resolution.constraint if resolution is not None else None
    if isinstance(offered, list) and offered:  # e.g. [75, 150, 300, 600]: the first at least as fine
        _set(device, "resolution", min((value for value in offered if value >= settings.resolution),
                                       default=max(offered)))
    else:
        _set(device, "resolution", settings.resolution)
    source = options.get("source")
    words = _FEEDER_WORDS if settings.source == "ADF" else _GLASS_WORDS
    if source is not None and isinstance(source.constraint, list):
        chosen = _pick(source.constraint, words)
        if chosen is None and settings.source == "ADF":
            raise ScannerError("no-feeder", f"sources: {source.constraint}")
        if chosen is not None:
            _set(device, "source", chosen)
    elif settings.source == "ADF":
        raise ScannerError("no-feeder", "no source option")
    for corner in ("br_x", "br_y"):  # the whole glass: a backend's default area may be smaller
        option = options.get(corner.replace("_", "-")) or options.get(corner)
        if option is not None and isinstance(option.constraint, tuple):
            _set(device, corner, option.constraint[1])
    return threshold


def _pick(values: list[Any], words: tuple[str, ...]) -> str | None:
    """The first of ``values`` that contains one of ``words`` (ignoring case)."""
    for value in values:
        if isinstance(value, str) and any(word in value.lower() for word in words):
            return value
    return None


def _set(device: Any, option: str, value: Any) -> None:
    try:
        setattr(device, option, value)
    except AttributeError:
        pass  # inactive or read-only on this device: its default applies
    except Exception as error:  # _sane.error: a value the backend refuses
        raise ScannerError("failed", f"{option} = {value!r}: {error}") from error


def _error(error: Exception) -> ScannerError:
    return ScannerError(_STATUS_CODES.get(str(error), "failed"), str(error))


def _init(sane: Any) -> None:
    try:
        sane.init()
    except sane._sane.error as error:
        raise ScannerError("no-sane", f"sane_init: {error}") from error


def _sane() -> Any:
    try:
        import sane
    except ImportError as error:  # python-sane not installed, or libsane missing
        raise ScannerError("no-sane", str(error)) from error
    return sane
