"""What an incoming file is (by its first bytes, never its name) and whether it may become a justifying
document: :func:`inspect_file` answers an :class:`Inspection` with a :class:`Refusal` code when not.

Memory bound: the size is checked with ``stat`` before the file is opened (``Limits.max_bytes``), only
its first kilobyte is read to know its kind, and

- an image is opened by Pillow from its header; its pixel count is checked against
  ``Limits.max_pixels`` before any decoding, then its frames are decoded one at a time to prove they
  are whole: at most one frame, ``max_pixels`` × 4 bytes (160 MB at the default), is held at once.
  Pillow's own decompression-bomb limit (:data:`PIL.Image.MAX_IMAGE_PIXELS`, above ours) is a second
  net: its warning counts as a refusal.
- a PDF is opened by qpdf (pikepdf), which reads objects from the file on demand and decodes no page
  content nor image stream here; the walk for active content stops after :data:`MAX_WALKED_OBJECTS`.
  Object streams are inflated when their objects are read, so a hostile PDF may cost more than its size:
  issue 7's object-stream bomb (``tests/scan_pdf.py``, 0.9 MB, 12 streams of 74 MB) costs about 150 MB
  and 5 s here, and passes (it is a well-formed scan). The hard bound is
  :func:`sync.capture.bounded.inspect_bounded`: this inspection in a child process with ``RLIMIT_AS``
  and a time limit (``Limits.pdf_memory``, ``image_memory``, ``seconds``), which refuses it.

Codes only: the window puts each :class:`Refusal` in French words; ``detail`` is English, for the log.
"""

from __future__ import annotations

import enum
import os
import stat
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["MAX_WALKED_OBJECTS", "Inspection", "Kind", "Limits", "Refusal", "inspect_file", "sniff"]

MAX_WALKED_OBJECTS = 200_000  # PDF dictionaries, arrays and references looked at for active content
HEAD_BYTES = 1024  # PDF readers accept "%PDF-" anywhere in the first kilobyte


class Kind(enum.StrEnum):
    """The file types a scan may come in."""

    PDF = "pdf"
    JPEG = "jpeg"
    PNG = "png"
    TIFF = "tiff"


class Refusal(enum.StrEnum):
    """Why a file cannot become a justifying document: stable codes, stored as they are (quarantine
    reason files) and put in words by the window."""

    EMPTY = "empty"
    TOO_LARGE = "too-large"  # over Limits.max_bytes
    NOT_A_SCAN = "not-a-scan"  # not a regular file, or not PDF, JPEG, PNG nor TIFF by its first bytes
    CORRUPT = "corrupt"  # the parser or decoder failed: truncated, damaged, lying about its structure
    ENCRYPTED = "encrypted"  # a PDF with a password or any encryption
    ACTIVE_CONTENT = "active-content"  # a PDF with JavaScript, actions, multimedia or XFA forms
    EMBEDDED_FILES = "embedded-files"  # a PDF carrying attached files
    TOO_MANY_PAGES = "too-many-pages"  # over Limits.max_pages (PDF pages or TIFF frames)
    ABSURD_DIMENSIONS = "absurd-dimensions"  # a side no scanned sheet has (Limits.min_side, max_side)
    DECOMPRESSION_BOMB = "decompression-bomb"  # more pixels than Limits.max_pixels: tiny file, huge image
    TOO_COMPLEX = "too-complex"  # a PDF with more objects than a scan ever has (MAX_WALKED_OBJECTS)


@dataclass(frozen=True)
class Limits:
    """The bounds of an acceptable scan. A4 at 600 dpi is 4961 × 7016 pixels (35 M), under 1 MB a page
    as a JPEG scan; a feeder batch is tens of pages."""

    max_bytes: int = 100 * 1024 * 1024
    max_pages: int = 200
    max_pixels: int = 40_000_000
    min_side: int = 64  # pixels: less is no readable sheet, whatever the resolution
    max_side: int = 20_000  # pixels: an A4's long side at 1700 dpi
    # inspect_bounded's child: address space an inspection may add, and its time (wall clock)
    pdf_memory: int = 128 * 1024 * 1024  # no image is decoded: qpdf's objects only
    image_memory: int = 640 * 1024 * 1024  # one frame of max_pixels at 4 bytes, and Pillow's buffers
    seconds: float = 60.0  # a 200-frame TIFF at 600 dpi is decoded in well under this


@dataclass(frozen=True)
class Inspection:
    """What :func:`inspect_file` found. ``kind`` is None when the file is not a scan type (or was not
    opened: empty, too large); ``pages`` is 0 when refused before they were counted."""

    path: Path
    size: int
    kind: Kind | None
    pages: int = 0
    refusal: Refusal | None = None
    detail: str = ""

    @property
    def accepted(self) -> bool:
        return self.refusal is None


_MAGIC: tuple[tuple[bytes, Kind], ...] = (
    (b"\xff\xd8\xff", Kind.JPEG),
    (b"\x89PNG\r\n\x1a\n", Kind.PNG),
    (b"II*\x00", Kind.TIFF), (b"MM\x00*", Kind.TIFF),  # classic TIFF, little and big endian
    (b"II+\x00", Kind.TIFF), (b"MM\x00+", Kind.TIFF),  # BigTIFF
)


def sniff(head: bytes) -> Kind | None:
    """The scan type of a file whose first bytes are ``head``, or None."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    return Kind.PDF if b"%PDF-" in head[:HEAD_BYTES] else None


def inspect_file(path: Path, limits: Limits = Limits()) -> Inspection:
    """Decide whether the file at ``path`` may become a justifying document, without trusting it: any
    parser error is :attr:`Refusal.CORRUPT`, nothing raises but an :class:`OSError` of the file system
    (the file vanished, no permission) — the caller retries or reports it, the file is not to blame."""
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would block or never end
        return Inspection(path, 0, None, refusal=Refusal.NOT_A_SCAN, detail="not a regular file")
    if info.st_size == 0:
        return Inspection(path, 0, None, refusal=Refusal.EMPTY)
    if info.st_size > limits.max_bytes:
        return Inspection(path, info.st_size, None, refusal=Refusal.TOO_LARGE,
                          detail=f"{info.st_size} bytes, over {limits.max_bytes}")
    with open(path, "rb") as file:
        kind = sniff(file.read(HEAD_BYTES))
    if kind is None:
        return Inspection(path, info.st_size, None, refusal=Refusal.NOT_A_SCAN, detail="unknown first bytes")
    check = _inspect_pdf if kind is Kind.PDF else _inspect_image
    pages, refusal, detail = check(path, kind, limits)
    return Inspection(path, info.st_size, kind, pages, refusal, detail)


_Verdict = tuple[int, Refusal | None, str]  # pages, refusal, detail


def _blame_the_file(error: Exception) -> str:
    """The detail of a parser's error, re-raising those that are not the file's fault: the file system's
    (it vanished, no permission) and memory running out, which a refusal would hide."""
    if isinstance(error, FileNotFoundError | PermissionError | MemoryError):
        raise error
    return f"{type(error).__name__}: {error}"


# --- images ----------------------------------------------------------------------------------------

_PILLOW_FORMAT = {Kind.JPEG: "JPEG", Kind.PNG: "PNG", Kind.TIFF: "TIFF"}


def _inspect_image(path: Path, kind: Kind, limits: Limits) -> _Verdict:
    from PIL import Image

    pages = 0
    try:
        with warnings.catch_warnings():
            # Our own pixel check comes first and is lower; this is the second net (the filter is
            # process-wide, so another thread's catch_warnings may undo it for a moment: harmless).
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path, formats=[_PILLOW_FORMAT[kind]]) as image:
                while True:
                    pages += 1
                    if pages > limits.max_pages:
                        return pages - 1, Refusal.TOO_MANY_PAGES, f"more than {limits.max_pages} frames"
                    refused = _check_size(image.size, limits, f"frame {pages}")
                    if refused:
                        return pages, *refused
                    image.load()  # decodes this frame only: proves it is whole
                    try:
                        image.seek(pages)
                    except EOFError:
                        return pages, None, ""
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        return pages, Refusal.DECOMPRESSION_BOMB, str(error)
    except Exception as error:  # noqa: BLE001 (a damaged or hostile file makes Pillow raise nearly anything)
        return pages, Refusal.CORRUPT, _blame_the_file(error)


def _check_size(size: tuple[int, int], limits: Limits, what: str, small_ok: bool = False
                ) -> tuple[Refusal, str] | None:
    """Refuse an image by its declared size, before anything is decoded."""
    width, height = size
    if width * height > limits.max_pixels:
        return Refusal.DECOMPRESSION_BOMB, f"{what}: {width} × {height} pixels, over {limits.max_pixels}"
    too_small = min(width, height) < (1 if small_ok else limits.min_side)
    if too_small or max(width, height) > limits.max_side:
        return Refusal.ABSURD_DIMENSIONS, f"{what}: {width} × {height} pixels"
    return None


# --- PDF -------------------------------------------------------------------------------------------

# What a scan never holds, by where it shows in a dictionary: a key, or the value of /S (an action's
# type), /Subtype (an annotation's) or /Type. The same list as the back office's pdf_check.
_A, _E = Refusal.ACTIVE_CONTENT, Refusal.EMBEDDED_FILES
_FORBIDDEN_KEYS = {"/JS": _A, "/JavaScript": _A, "/AA": _A, "/XFA": _A, "/RichMediaContent": _A,
                   "/RichMediaSettings": _A, "/EmbeddedFiles": _E, "/EF": _E}
_FORBIDDEN_VALUES = {
    "/S": {"/JavaScript": _A, "/Launch": _A, "/SubmitForm": _A, "/ImportData": _A, "/GoToR": _A, "/GoToE": _A,
           "/RichMediaExecute": _A, "/Rendition": _A, "/Movie": _A, "/Sound": _A},
    "/Subtype": {"/FileAttachment": _E, "/RichMedia": _A, "/Screen": _A, "/Movie": _A, "/Sound": _A, "/3D": _A},
    "/Type": {"/EmbeddedFile": _E, "/Filespec": _E},
}


class _TooComplex(Exception):
    pass


def _inspect_pdf(path: Path, kind: Kind, limits: Limits) -> _Verdict:
    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            if pdf.is_encrypted:  # opened with the empty user password: an owner password still restricts it
                return 0, Refusal.ENCRYPTED, "encrypted with an empty user password"
            tree = pdf.Root.get("/Pages")
            count = tree.get("/Count") if isinstance(tree, pikepdf.Dictionary) else None
            if isinstance(count, int) and count > limits.max_pages:  # before qpdf walks a huge page tree
                return 0, Refusal.TOO_MANY_PAGES, f"/Count {count}"
            pages = len(pdf.pages)
            if pages == 0:
                return 0, Refusal.CORRUPT, "no page"
            if pages > limits.max_pages:
                return pages, Refusal.TOO_MANY_PAGES, f"{pages} pages"
            found = _walk(pdf.Root, limits)
            if found:
                return pages, *found
            # qpdf repairs what it can (a file cut short, still being written, a broken cross-reference
            # table) and says so: a scanner writes its file whole, so a repaired one is not trusted
            damage = pdf.get_warnings()
            if damage:
                return pages, Refusal.CORRUPT, f"repaired by qpdf: {str(damage[0]).rsplit(': ', 1)[-1]}"
            return pages, None, ""
    except pikepdf.PasswordError:
        return 0, Refusal.ENCRYPTED, "needs a password"
    except _TooComplex:
        return 0, Refusal.TOO_COMPLEX, f"over {MAX_WALKED_OBJECTS} objects"
    except Exception as error:  # noqa: BLE001 (qpdf says PdfError; objects of the wrong type raise others)
        return 0, Refusal.CORRUPT, _blame_the_file(error)


def _walk(root: Any, limits: Limits) -> tuple[Refusal, str] | None:
    """The first thing a scan must not hold, in every dictionary and array reachable from the catalog
    (so an action hidden in an outline item or a form field is found too), active content before
    embedded files; image sizes are checked from their dictionaries. Stream data are never decoded."""
    import pikepdf

    containers = (pikepdf.Array, pikepdf.Dictionary, pikepdf.Stream)
    found: dict[Refusal, str] = {}
    seen: set[tuple[int, int]] = set()
    stack: list[Any] = [root]
    walked = 0
    while stack:
        node = stack.pop()
        if node.is_indirect:
            if node.objgen in seen:
                continue
            seen.add(node.objgen)
        walked += 1
        if walked > MAX_WALKED_OBJECTS:
            raise _TooComplex
        if isinstance(node, pikepdf.Array):
            stack.extend(item for item in node if isinstance(item, containers))
            continue
        if not isinstance(node, (pikepdf.Dictionary, pikepdf.Stream)):
            continue
        for name, value in node.items():
            if name in _FORBIDDEN_KEYS:
                found.setdefault(_FORBIDDEN_KEYS[name], name)
            if name in _FORBIDDEN_VALUES and isinstance(value, pikepdf.Name):
                refusal = _FORBIDDEN_VALUES[name].get(str(value))
                if refusal:
                    found.setdefault(refusal, f"{name} {value}")
            if name != "/Parent" and isinstance(value, containers):
                stack.append(value)
        if node.get("/Subtype") == "/Image":
            width, height = node.get("/Width"), node.get("/Height")
            if not (isinstance(width, int) and isinstance(height, int)):
                return Refusal.CORRUPT, "image without a size"
            # small images (masks, logos) are fine in a PDF: only the upper bounds apply
            refused = _check_size((width, height), limits, f"image {node.objgen}", small_ok=True)
            if refused:
                found.setdefault(*refused)
    for refusal in (Refusal.ACTIVE_CONTENT, Refusal.EMBEDDED_FILES, Refusal.DECOMPRESSION_BOMB,
                    Refusal.ABSURD_DIMENSIONS):
        if refusal in found:
            return refusal, found[refusal]
    return None
