"""Wire models of the data routes (payments, rejects, ALD renewals, patient situation).

Amounts are integer cents; dates ISO 8601. A birth date is text because, as on the carte Vitale,
its day or month may be ``00`` when unknown.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

__all__ = ["PaymentKind", "Payment", "PaymentsPage", "RejectStatus", "Reject", "RejectsPage",
           "AldRenewal", "AldRenewals", "Rights", "TreatingDoctor", "PatientSituation"]

PaymentKind = Literal["tiers_payant", "mt_ald", "on_call", "teletransmission_help", "lump_sum"]
RejectStatus = Literal["open", "corrected"]
BirthDate = str  # YYYY-MM-DD, day or month possibly 00


class Payment(BaseModel):
    id: int
    seq: int = Field(description="Change sequence number: a sync cursor moves past it.")
    professional: str = Field(description="National identifier of the professional paid.")
    paid_on: date
    kind: PaymentKind
    label: str = Field(description="What the payment pays for, in plain French.")
    amount_cents: int
    payer: str = Field(description="The paying body, e.g. « CPAM de Paris ».")
    patient_nir: str | None = Field(None, description="Tiers payant only.")
    patient_name: str | None = Field(None, description="Tiers payant only: « NOM Prénom ».")
    invoice_number: str | None = Field(None, description="Tiers payant only.")
    batch_number: str | None = Field(None, description="Tiers payant only.")


class PaymentsPage(BaseModel):
    items: list[Payment]
    next_cursor: str | None = Field(
        description="Pass it as ``cursor`` to get what follows. It is kept even when ``has_more`` is "
                    "false: an incremental sync stores it and asks again later. Null only for an empty "
                    "first page.")
    has_more: bool = Field(description="True when another page is available now.")


class Reject(BaseModel):
    id: int
    seq: int
    professional: str
    rejected_on: date
    batch_number: str
    invoice_number: str
    nir: str
    birth_date: BirthDate
    act_date: date
    act_code: str
    amount_cents: int
    reject_code: str
    label: str = Field(description="The cause of the reject and how to fix it, in plain French.")
    status: RejectStatus


class RejectsPage(BaseModel):
    items: list[Reject]
    next_cursor: str | None
    has_more: bool


class AldRenewal(BaseModel):
    nir: str
    last_name: str
    first_name: str
    birth_date: BirthDate
    ald_number: int = Field(description="Number of the ALD on the public list.")
    label: str
    start_date: date
    end_date: date
    days_left: int


class AldRenewals(BaseModel):
    as_of: date
    within_days: int
    items: list[AldRenewal]


class Rights(BaseModel):
    open: bool = Field(description="Rights open today (ADRi).")
    start: date | None
    end: date | None


class TreatingDoctor(BaseModel):
    declared: bool
    is_you: bool = Field(description="The professional asking is the declared médecin traitant.")
    name: str | None
    declared_on: date | None


class PatientSituation(BaseModel):
    nir: str
    last_name: str
    first_name: str
    birth_date: BirthDate
    fund: str
    as_of: date
    rights: Rights
    treating_doctor: TreatingDoctor
