"""SCOR reception's rules, without SQL: a declared document, the refusals of its upload, and the bounds on
unfinished uploads. The store that keeps documents' rows and bytes is the engine's
(:mod:`sqlite.documents`); what it does and promises is told there.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .errors import DomainError

__all__ = [
    "COMPLETED",
    "NO_AWAITING_INVOICE",
    "UNFINISHED",
    "AlreadyCompleted",
    "BatchNotAcknowledged",
    "Document",
    "DocumentError",
    "IdConflict",
    "OffsetMismatch",
    "SizeMismatch",
    "TooManyUnfinished",
    "UnknownDocument",
    "UploadIncomplete",
    "UploadLimits",
    "admit_chunk",
]

COMPLETED = ("accepted", "rejected")
UNFINISHED = ("declared", "uploading")

#: why a document is rejected at completion when its invoice is not one of the practice's degraded
#: invoices waiting for a document (unknown, another patient's NIR, or already justified)
NO_AWAITING_INVOICE = "Aucune facture dégradée en attente ne correspond à ce lot et ce numéro."


# --- errors ----------------------------------------------------------------------------------------


class DocumentError(DomainError):
    """A refusal of the document store, with a French explanation and, for an upload, the offset to
    resume from."""

    def __init__(self, detail: str, offset: int | None = None) -> None:
        super().__init__(detail)
        self.offset = offset


class UnknownDocument(DocumentError):
    def __init__(self) -> None:
        super().__init__("Aucun document de votre cabinet ne porte cet identifiant.")


class IdConflict(DocumentError):
    def __init__(self) -> None:
        super().__init__("Un document portant cet identifiant a déjà été déclaré avec un autre contenu ou "
                         "pour une autre facture : envoyez ce document sous un nouvel identifiant.")


class AlreadyCompleted(DocumentError):
    def __init__(self) -> None:
        super().__init__("L'envoi de ce document est déjà terminé : son contenu ne peut plus changer.")


class OffsetMismatch(DocumentError):
    def __init__(self, offset: int) -> None:
        super().__init__(f"L'envoi doit reprendre à l'octet {offset} : renvoyez la suite à partir de là.",
                         offset)


class BatchNotAcknowledged(DocumentError):
    """The invoice's batch has no positive ARL yet (or was refused): its document cannot be taken now."""

    def __init__(self, batch: str, arl: str, reason: str | None) -> None:
        if arl == "negative":
            detail = (f"Le lot {batch} a été refusé par la caisse (ARL négatif)"
                      + (f" : {reason.rstrip('.')}." if reason else ".")
                      + " Renvoyez d'abord le lot, puis sa pièce justificative.")
        else:
            detail = (f"Le lot {batch} n'a pas encore été reçu par la caisse (ARL en attente) : "
                      f"la pièce justificative pourra être envoyée dès son accusé de réception.")
        super().__init__(detail)
        self.batch, self.arl = batch, arl


class UploadIncomplete(DocumentError):
    def __init__(self, offset: int, size: int) -> None:
        super().__init__(f"Le document n'est pas entièrement reçu ({offset} octets sur {size}) : "
                         f"terminez l'envoi avant de le valider.", offset)


class SizeMismatch(DocumentError):
    def __init__(self, size: int) -> None:
        super().__init__(f"La taille totale indiquée ne correspond pas à celle déclarée ({size} octets).")


class TooManyUnfinished(DocumentError):
    def __init__(self, limits: UploadLimits) -> None:
        super().__init__(
            f"Votre cabinet a trop d'envois commencés et non terminés (au plus {limits.max_unfinished} documents "
            f"et {limits.max_unfinished_bytes // (1024 * 1024)} Mo) : terminez-les d'abord. Un envoi laissé "
            f"sans suite est effacé après {limits.expiry_seconds / 3600:g} heures.")


@dataclass(frozen=True)
class UploadLimits:
    """Bounds on unfinished uploads (BackofficeConfig ``upload_expiry``, ``unfinished_uploads``,
    ``unfinished_bytes``)."""

    expiry_seconds: float = 48 * 3600.0  # idle this long (no declaration, no chunk), an upload is purged
    max_unfinished: int = 100  # per practice
    max_unfinished_bytes: int = 512 * 1024 * 1024  # declared sizes, per practice

    def __post_init__(self) -> None:
        if self.expiry_seconds <= 0 or self.max_unfinished < 1 or self.max_unfinished_bytes < 1:
            raise ValueError("upload limits must be positive")

    def check_room(self, unfinished: int, held: int, size: int) -> None:
        """A practice holding ``unfinished`` uploads of ``held`` declared bytes may start one of ``size``
        bytes; :class:`TooManyUnfinished` otherwise."""
        if unfinished >= self.max_unfinished or held + size > self.max_unfinished_bytes:
            raise TooManyUnfinished(self)


# --- a document ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    row_id: int
    id: str
    practice_id: int
    professional_id: int  # who declared it
    sha256: str
    size: int
    pages: int
    invoice_batch: str
    invoice_number: str
    invoice_nir: str
    invoice_date: str
    status: str
    reason: str | None
    received: int
    declared_at: float
    received_at: float | None
    ack_id: str | None
    seq: int

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Document:
        """From the engine's row of the ``documents`` table (``id`` is the row's, ``client_id`` the client's)."""
        return cls(row["id"], row["client_id"], row["practice_id"], row["professional_id"], row["sha256"],
                   row["size"], row["pages"],
                   row["invoice_batch"], row["invoice_number"], row["invoice_nir"], row["invoice_date"],
                   row["status"], row["reason"], row["received"], row["declared_at"], row["received_at"],
                   row["ack_id"], row["seq"])

    @property
    def completed(self) -> bool:
        return self.status in COMPLETED


def admit_chunk(document: Document, offset: int, start: int, end: int, total: int) -> bool:
    """Whether the chunk ``start..end`` (inclusive) of ``total`` bytes is the next one of ``document``,
    which holds ``offset`` bytes: False for a chunk already held (sent again: nothing to do); a refusal
    for a completed document, a total other than its size, or a chunk that does not start at the offset."""
    if document.completed:
        raise AlreadyCompleted()
    if total != document.size or end >= total:
        raise SizeMismatch(document.size)
    if end < offset:
        return False
    if start != offset:
        raise OffsetMismatch(offset)
    return True
