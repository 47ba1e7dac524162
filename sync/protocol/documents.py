"""Wire models of SCOR reception (``/v1/documents``).

The shapes of the declaration and of the per-document answer ``{"id", "status", "reason"}`` are fixed
by the back-office issue ("Wire details fixed here"): other clients depend on them. The NIR's key is
checked by the back office (``sync.backoffice.ids.check_nir``), not here, so that the refusal carries
its French explanation.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["DOCUMENT_ID_PATTERN", "MAX_DOCUMENT_SIZE", "MAX_DOCUMENT_PAGES", "DocumentStatus",
           "InvoiceRef", "DocumentDeclaration", "DocumentState", "DocumentInfo", "DocumentsPage", "Arl",
           "AwaitingInvoice", "AwaitingInvoicesPage"]

DOCUMENT_ID_PATTERN = r"^[A-Za-z0-9._-]{1,64}$"
MAX_DOCUMENT_SIZE = 20 * 1024 * 1024  # bytes (20 MiB)
MAX_DOCUMENT_PAGES = 50

DocumentStatus = Literal["declared", "uploading", "accepted", "rejected"]
Arl = Literal["pending", "positive", "negative"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class InvoiceRef(_Model):
    """The invoice a justifying document (pièce justificative) belongs to."""

    batch: str = Field(pattern=r"^[0-9]{3}$", description="Numéro de lot, 3 digits.")
    number: str = Field(pattern=r"^[0-9]{9}$", description="Numéro de facture, 9 digits.")
    nir: str = Field(min_length=15, max_length=40,
                     description="The patient's NIR: 13 characters (2A/2B for Corsica) and a 2-digit key; "
                                 "spaces allowed.")
    date: dt.date = Field(description="Date of care, ISO 8601.")


class DocumentDeclaration(_Model):
    """The body of ``POST /v1/documents``."""

    id: str = Field(pattern=DOCUMENT_ID_PATTERN,
                    description="Chosen by the client, unique: 1 to 64 of A-Z a-z 0-9 . _ -")
    sha256: str = Field(pattern=r"^[0-9a-fA-F]{64}$", description="SHA-256 of the whole file, hexadecimal.")
    size: int = Field(strict=True, ge=1, le=MAX_DOCUMENT_SIZE, description="Bytes.")
    pages: int = Field(strict=True, ge=1, le=MAX_DOCUMENT_PAGES)
    invoice: InvoiceRef


class DocumentState(_Model):
    """What ``POST /v1/documents``, ``POST /v1/documents/{id}/complete`` and ``GET /v1/documents/{id}``
    answer."""

    id: str
    status: DocumentStatus
    reason: str | None = Field(description="Why the document was rejected, in plain French; null otherwise.")


class DocumentInfo(_Model):
    """One document in ``GET /v1/documents``: its state, what was declared, and the acknowledgement of
    reception (``ack_id``, ``received_at``) once it is accepted or rejected."""

    id: str
    status: DocumentStatus
    reason: str | None
    seq: int = Field(description="Change sequence number: bumped at each change of status.")
    sha256: str
    size: int
    pages: int
    invoice: InvoiceRef
    declared_at: dt.datetime
    received_at: dt.datetime | None = Field(description="When the upload was completed and checked.")
    ack_id: str | None = Field(description="The back office's acknowledgement of reception.")


class DocumentsPage(_Model):
    items: list[DocumentInfo]
    next_cursor: str | None = Field(
        description="Pass it as ``cursor`` to get what changed since. Kept when ``has_more`` is false.")
    has_more: bool


class AwaitingInvoice(_Model):
    """One item of ``GET /v1/documents/awaiting``: a degraded invoice (made without a carte Vitale) that
    waits for its justifying document, with its batch's logical acknowledgement (ARL). It comes again
    with a new ``seq`` when its batch's ARL changes, and with ``justified: true`` once a document
    justifying it is accepted (it then leaves the list of those awaiting)."""

    id: int
    seq: int = Field(description="Change sequence number: bumped when justified or when the batch's ARL changes.")
    batch: str = Field(pattern=r"^[0-9]{3}$", description="Numéro de lot, 3 digits.")
    number: str = Field(pattern=r"^[0-9]{9}$", description="Numéro de facture, 9 digits.")
    nir: str = Field(description="The patient's NIR, 15 characters.")
    patient_name: str = Field(description="« NOM Prénom ».")
    care_date: dt.date
    amount_cents: int
    arl: Arl = Field(description="The batch's ARL: pending (not received yet), positive, negative (refused).")
    arl_at: dt.datetime | None = Field(description="When the ARL was given; null while pending.")
    arl_reason: str | None = Field(description="Why the batch was refused, in plain French; null otherwise.")
    justified: bool = Field(description="True once a document justifying it was accepted.")


class AwaitingInvoicesPage(_Model):
    items: list[AwaitingInvoice]
    next_cursor: str | None = Field(
        description="Pass it as ``cursor`` to get what changed since. Kept when ``has_more`` is false.")
    has_more: bool
