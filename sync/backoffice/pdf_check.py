"""The checks of a received scan, run in a child process with bounded memory and time.

A justifying document is pages and nothing else: a readable PDF of the declared page count, each page
at least A5 (either orientation) and scanned at 200 dpi or more, with no active content (JavaScript,
actions that launch programs or send data, embedded files, multimedia, XFA forms). :func:`inspect_pdf`
answers why a file is refused (French), or None.

Parsing a hostile PDF can cost the parser far more than the file's size: a dozen compressed object
streams, each just under pypdf's per-stream limit, took about 1 GB and minutes of CPU for a file under
1 MB. So :func:`check_scan` never parses in the server's process: it forks a child (from a forkserver
that has pypdf loaded) that first sets ``RLIMIT_AS`` (address space) and ``RLIMIT_CPU`` on itself, and
waits for its verdict no longer than a wall-clock bound, killing it past that. A child over a bound is
a refusal that says which bound. POSIX only (``resource``, forkserver), like the back office's service.

This module imports nothing of the project, so that the forkserver holds the standard library and
pypdf only. As with any multiprocessing child, each child imports the server's main module unless it
is a package's ``__main__`` (``cabinet-backoffice`` and ``python -m sync.backoffice.cli`` are light):
a heavy main module makes every check slower.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

__all__ = ["A5_MM", "MIN_DPI", "NOT_A_PDF", "Inspection", "ScanCheckFailed", "ScanLimits", "check_scan",
           "inspect_pdf"]

log = logging.getLogger(__name__)

A5_MM = (148.0, 210.0)
SIZE_TOLERANCE_MM = 2.0
MIN_DPI = 200
MAX_IMAGE_SIDE = 50_000  # pixels, read from the image dictionary: never decoded
MAX_XOBJECTS_PER_PAGE = 200
MAX_WALKED_OBJECTS = 200_000  # dictionaries, arrays and references looked at for active content
NOT_A_PDF = "Le fichier n'est pas un PDF lisible."
TOO_COMPLEX = ("Le PDF a une structure anormalement complexe pour un scan : il est refusé. "
               "Envoyez le fichier tel que le scanner l'a produit.")


# --- the checks (in the child) ---------------------------------------------------------------------


def inspect_pdf(path: Path, declared_pages: int, max_pages: int) -> str | None:
    """Why the scan at ``path`` is refused (French), or None when it is acceptable.

    Never trusts the file: any parse error is "not a readable PDF"; image streams are never decoded
    (their size is read from the image dictionary), and the page count is capped before the page tree
    is walked. Run it in :func:`check_scan`'s child: only the child's limits bound its memory and time.
    A :class:`MemoryError` propagates, so that the child reports the memory bound rather than a broken
    file."""
    try:
        with open(path, "rb") as file:
            if b"%PDF-" not in file.read(1024):
                return NOT_A_PDF
        return _inspect(path, declared_pages, max_pages)
    except MemoryError:
        raise
    except Exception:  # a hostile or broken file may raise anything from the parser
        log.info("unreadable PDF %s", path.name, exc_info=True)
        return NOT_A_PDF


def _inspect(path: Path, declared_pages: int, max_pages: int) -> str | None:
    from pypdf import PdfReader

    reader = PdfReader(path, strict=False)
    if reader.is_encrypted:
        return "Le PDF est protégé par un mot de passe : envoyez le scan sans protection."
    found = active_content(reader.trailer["/Root"])
    if found:
        return (f"Le PDF contient {_and(found)} : une pièce justificative ne contient que des pages scannées. "
                f"Envoyez le scan seul, sans ce contenu.")
    count = reader.root_object["/Pages"].get_object().get("/Count")
    count = count.get_object() if count is not None else None
    if not _is_int(count) or count < 1:
        return NOT_A_PDF
    if count > max_pages:
        return f"Le PDF compte plus de {max_pages} pages : c'est le maximum accepté."
    pages = list(reader.pages)
    if len(pages) > max_pages:
        return f"Le PDF compte plus de {max_pages} pages : c'est le maximum accepté."
    if len(pages) != declared_pages:
        return (f"Le PDF compte {_pages(len(pages))} alors que {_pages(declared_pages)} "
                f"{'ont été déclarées' if declared_pages > 1 else 'a été déclarée'}.")
    for number, page in enumerate(pages, start=1):
        reason = _check_page(number, page)
        if reason:
            return reason
    return None


def _check_page(number: int, page: Any) -> str | None:
    box = page.cropbox
    unit = float(page.user_unit or 1)
    width_in = abs(float(box.width)) * unit / 72.0
    height_in = abs(float(box.height)) * unit / 72.0
    short_mm, long_mm = sorted((width_in * 25.4, height_in * 25.4))
    if short_mm < A5_MM[0] - SIZE_TOLERANCE_MM or long_mm < A5_MM[1] - SIZE_TOLERANCE_MM:
        return (f"La page {number} mesure {round(short_mm)} × {round(long_mm)} mm : "
                f"le format A5 (148 × 210 mm) au moins est exigé.")
    image = _main_image(page.get("/Resources"))
    if image is None:
        return f"La page {number} ne contient pas d'image scannée : envoyez le scan du document."
    short_px, long_px = sorted(image)
    short_in, long_in = sorted((width_in, height_in))
    dpi = min(short_px / short_in, long_px / long_in)
    if round(dpi) < MIN_DPI:
        return f"Le scan de la page {number} est à {round(dpi)} ppp : {MIN_DPI} ppp au moins sont exigés."
    return None


def _pages(count: int) -> str:
    return f"{count} page" + ("s" if count > 1 else "")


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " et " + items[-1]


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _main_image(resources: Any, depth: int = 0, seen: list[int] | None = None) -> tuple[int, int] | None:
    """(width, height) in pixels of the largest image of a page's resources (looking into form
    XObjects, two levels deep), or None. Raises ValueError on an implausible image dictionary."""
    seen = seen if seen is not None else [0]
    if resources is None:
        return None
    resources = resources.get_object()
    xobjects = resources.get("/XObject") if hasattr(resources, "get") else None
    if xobjects is None:
        return None
    xobjects = xobjects.get_object()
    best: tuple[int, int] | None = None
    for name in list(xobjects.keys()):
        seen[0] += 1
        if seen[0] > MAX_XOBJECTS_PER_PAGE:
            raise ValueError("too many XObjects on a page")
        xobject = xobjects[name].get_object()
        subtype = xobject.get("/Subtype")
        if subtype == "/Image":
            width, height = xobject.get("/Width"), xobject.get("/Height")
            width = width.get_object() if width is not None else None
            height = height.get_object() if height is not None else None
            if not (_is_int(width) and _is_int(height)) or not (0 < width <= MAX_IMAGE_SIDE
                                                                 and 0 < height <= MAX_IMAGE_SIDE):
                raise ValueError(f"implausible image size {width!r} x {height!r}")
            candidate = (int(width), int(height))
        elif subtype == "/Form" and depth < 2:
            candidate = _main_image(xobject.get("/Resources"), depth + 1, seen)
        else:
            continue
        if candidate and (best is None or candidate[0] * candidate[1] > best[0] * best[1]):
            best = candidate
    return best


# What a scan never holds, by where it shows in a dictionary: a key, or the value of /S (an action's
# type), /Subtype (an annotation's) or /Type. Each names, in French, what the refusal says was found.
_JAVASCRIPT = "du JavaScript"
_LAUNCH = "une action qui lance un programme (Launch)"
_DATA = "une action qui envoie ou importe des données"
_OTHER_FILE = "une action qui ouvre un autre fichier"
_EMBEDDED = "des fichiers joints"
_AUTOMATIC = "des actions automatiques (/AA)"
_MEDIA = "du contenu multimédia"
_XFA = "un formulaire XFA"
_FORBIDDEN_KEYS = {"/JS": _JAVASCRIPT, "/JavaScript": _JAVASCRIPT, "/AA": _AUTOMATIC, "/EmbeddedFiles": _EMBEDDED,
                   "/EF": _EMBEDDED, "/XFA": _XFA, "/RichMediaContent": _MEDIA, "/RichMediaSettings": _MEDIA}
_FORBIDDEN_ACTIONS = {"/JavaScript": _JAVASCRIPT, "/Launch": _LAUNCH, "/SubmitForm": _DATA, "/ImportData": _DATA,
                      "/GoToR": _OTHER_FILE, "/GoToE": _OTHER_FILE, "/RichMediaExecute": _MEDIA,
                      "/Rendition": _MEDIA, "/Movie": _MEDIA, "/Sound": _MEDIA}
_FORBIDDEN_SUBTYPES = {"/FileAttachment": _EMBEDDED, "/RichMedia": _MEDIA, "/Screen": _MEDIA, "/Movie": _MEDIA,
                       "/Sound": _MEDIA, "/3D": _MEDIA}
_FORBIDDEN_TYPES = {"/EmbeddedFile": _EMBEDDED, "/Filespec": _EMBEDDED}
_ORDER = (_JAVASCRIPT, _LAUNCH, _DATA, _OTHER_FILE, _EMBEDDED, _MEDIA, _XFA, _AUTOMATIC)  # of the refusal's words


def active_content(root: Any) -> list[str]:
    """What active content the document reachable from ``root`` (the catalog) holds: French names, none
    twice, in a fixed order (JavaScript first); empty for a plain scan.

    Walks every dictionary and array reachable from the catalog (names tree, open action, outlines,
    pages, annotations and their actions, forms...) rather than a list of known places, so that an
    action hidden in an outline item or a form field is found too. Streams' data are never decoded.
    Raises ValueError past :data:`MAX_WALKED_OBJECTS`."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    found: set[str] = set()
    seen: set[tuple[int, int]] = set()
    stack: list[Any] = [root]
    walked = 0
    while stack:
        node = stack.pop()
        walked += 1
        if walked > MAX_WALKED_OBJECTS:
            raise ValueError("too many objects to walk")
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key not in seen:
                seen.add(key)
                stack.append(node.get_object())
        elif isinstance(node, DictionaryObject):
            for name, value in node.items():
                for table, looked_up in ((_FORBIDDEN_KEYS, name), (_FORBIDDEN_ACTIONS, _named(name, "/S", value)),
                                         (_FORBIDDEN_SUBTYPES, _named(name, "/Subtype", value)),
                                         (_FORBIDDEN_TYPES, _named(name, "/Type", value))):
                    if looked_up in table:
                        found.add(table[looked_up])
                if name != "/Parent":
                    stack.append(value)
        elif isinstance(node, ArrayObject):
            stack.extend(node)
    return sorted(found, key=_ORDER.index)


def _named(name: str, wanted: str, value: Any) -> str | None:
    """The name ``value`` holds when ``name`` is ``wanted`` (a direct name; an indirect one too)."""
    if name != wanted:
        return None
    value = value.get_object() if hasattr(value, "get_object") else value
    return str(value) if isinstance(value, str) else None


# --- the child process -----------------------------------------------------------------------------


def _child(path: str, declared_pages: int, max_pages: int, memory: int, cpu: int, answer: Connection) -> None:
    """In the child: limit this process, inspect, send ``{"reason": …}`` or ``{"exceeded": "memory"}``
    with what it cost (``peak_memory``, ``cpu_seconds``)."""
    import resource

    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    try:
        verdict: dict[str, Any] = {"reason": inspect_pdf(Path(path), declared_pages, max_pages)}
    except MemoryError:
        verdict = {"exceeded": "memory"}
    usage = resource.getrusage(resource.RUSAGE_SELF)
    answer.send({**verdict, "peak_memory": _peak_memory(), "cpu_seconds": usage.ru_utime + usage.ru_stime})
    answer.close()


def _peak_memory() -> int | None:
    """This process's peak resident memory in bytes (Linux), from its own address space."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return None


# --- the server's side -----------------------------------------------------------------------------


class ScanCheckFailed(RuntimeError):
    """The check could not run (its child failed to start or to answer): the server's fault, not the
    file's; the completion fails (500) and the client completes again later."""


@dataclass(frozen=True)
class ScanLimits:
    """What one inspection may cost (BackofficeConfig ``scan_*``; ``cabinet-backoffice serve --scan-*``)."""

    memory_bytes: int = 256 * 1024 * 1024  # the child's address space (Python and pypdf take ~70 MB)
    cpu_seconds: int = 10
    wall_seconds: float = 30.0  # past this the child is killed, whatever it is doing
    at_once: int = 2  # inspections running together; more completions wait their turn

    def __post_init__(self) -> None:
        if self.memory_bytes < 64 * 1024 * 1024 or self.cpu_seconds < 1 or self.wall_seconds <= 0 or self.at_once < 1:
            raise ValueError("scan limits: at least 64 MB, 1 CPU second, some wall time and one inspection at once")


@dataclass(frozen=True)
class Inspection:
    """The verdict and what the child cost (for the log and the tests)."""

    reason: str | None  # French, or None when the scan is accepted
    peak_memory: int | None  # bytes: the child's peak resident memory, as it reported it (None: killed)
    cpu_seconds: float | None  # as the child reported it (None: killed)
    wall_seconds: float


def memory_refusal(limits: ScanLimits) -> str:
    return (f"L'analyse du PDF demande plus de {limits.memory_bytes // (1024 * 1024)} Mo de mémoire, bien plus "
            f"qu'un scan : il est refusé. Envoyez le fichier tel que le scanner l'a produit.")


def time_refusal(limits: ScanLimits) -> str:
    seconds = min(limits.cpu_seconds, limits.wall_seconds)
    return (f"L'analyse du PDF dépasse {seconds:g} secondes, bien plus qu'un scan : il est refusé. "
            f"Envoyez le fichier tel que le scanner l'a produit.")


def check_scan(path: Path, declared_pages: int, max_pages: int, limits: ScanLimits) -> Inspection:
    """Inspect ``path`` in a bounded child process (see the module's docstring). The caller keeps
    the number of inspections running at once to ``limits.at_once``."""
    receiver, sender = _CONTEXT.Pipe(duplex=False)
    child = _CONTEXT.Process(target=_child, name="scan-check", daemon=True,
                             args=(str(path), declared_pages, max_pages, limits.memory_bytes, limits.cpu_seconds,
                                   sender))
    started = time.monotonic()
    with receiver:
        child.start()
        sender.close()
        answered = receiver.poll(limits.wall_seconds)
        try:
            verdict = receiver.recv() if answered else None
        except (EOFError, OSError):  # the child died without answering
            verdict = None
    child.join(0 if not answered else limits.wall_seconds)  # it has answered: it is ending
    if child.is_alive():
        child.kill()
        child.join()
    wall = time.monotonic() - started
    reason = _verdict(verdict, child.exitcode, not answered, limits, path)
    verdict = verdict if isinstance(verdict, dict) else {}
    return Inspection(reason, verdict.get("peak_memory"), verdict.get("cpu_seconds"), wall)


def _verdict(verdict: Any, exitcode: int | None, timed_out: bool, limits: ScanLimits, path: Path) -> str | None:
    """The reason from what the child said and how it ended."""
    if timed_out:
        log.warning("scan %s: inspection killed after %g s of wall-clock time", path.name, limits.wall_seconds)
        return time_refusal(limits)
    if exitcode in (-signal.SIGXCPU, -signal.SIGKILL):
        log.warning("scan %s: inspection stopped at its CPU limit (%d s)", path.name, limits.cpu_seconds)
        return time_refusal(limits)
    if not isinstance(verdict, dict) and exitcode is not None and exitcode < 0:
        # killed by another signal (an allocation failing in C, under RLIMIT_AS): most likely memory
        log.warning("scan %s: inspection ended by signal %d", path.name, -exitcode)
        return memory_refusal(limits)
    if not isinstance(verdict, dict):
        raise ScanCheckFailed(f"the scan check's child ended with exit code {exitcode} and no verdict")
    if verdict.get("exceeded") == "memory":
        log.warning("scan %s: inspection over its memory limit (%d bytes)", path.name, limits.memory_bytes)
        return memory_refusal(limits)
    reason = verdict.get("reason")
    return reason if isinstance(reason, str) or reason is None else NOT_A_PDF


# The children are forked from a small server process that has imported pypdf and this module once, so
# an inspection starts in milliseconds rather than the ~0.5 s of a fresh Python importing pypdf, and
# never shares the back office's memory (its sessions, its database connections).
_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["pypdf", __name__])
