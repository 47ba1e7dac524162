"""Data routes: payments, rejects, ALD renewals and a patient's administrative situation.

Every query is restricted to the caller's practice and to the professionals whose data the session may
see (:func:`access.owners`). Lists are pages in ``seq`` order (the global change sequence) with an opaque
cursor, so an incremental sync asks for "what changed since my cursor"; each page carries an ``ETag`` and
answers 304 to a matching ``If-None-Match`` (:mod:`paging`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from sync.protocol.data import (AldRenewal, AldRenewals, PatientSituation, Payment, PaymentKind, PaymentsPage,
                                Reject, RejectsPage, RejectStatus, Rights, TreatingDoctor)
from sync.protocol.search import name_words

from . import access
from .ids import check_nir
from .paging import PAGE_RESPONSES, Cursor, Limit, cacheable, cursor_page, decode_cursor, empty_page
from .problems import Problem
from .sessions import SessionContext, require_scope
from .storage import PaymentFilter, Row

__all__ = ["router"]

router = APIRouter(prefix="/v1", tags=["data"])

_NIR_QUERY = re.compile(r"[0-9]{5}([0-9]{2}|2A|2B)[0-9]{6}([0-9]{2})?")


# --- payments --------------------------------------------------------------------------------------


@router.get("/payments", response_model=PaymentsPage, responses=PAGE_RESPONSES,
            summary="Payments (tiers payant, ALD, on-call duty, teletransmission help, lump sums)")
def payments(
    request: Request,
    session: Annotated[SessionContext, Depends(require_scope("payments"))],
    cursor: Cursor = None,
    limit: Limit = 100,
    date_from: Annotated[date | None, Query(description="Paid on or after this date.")] = None,
    date_to: Annotated[date | None, Query(description="Paid on or before this date.")] = None,
    patient: Annotated[str | None, Query(min_length=2, max_length=100,
                                         description="Patient NIR, or whole words of the name (any order, "
                                                     "case, accents or punctuation).")] = None,
    invoice: Annotated[str | None, Query(min_length=1, max_length=20, pattern=r"^\s*\d+\s*$")] = None,
    batch: Annotated[str | None, Query(min_length=1, max_length=10, pattern=r"^\s*\d+\s*$")] = None,
    kind: PaymentKind | None = None,
) -> Response:
    if date_from and date_to and date_from > date_to:
        raise Problem(422, "invalid-request", "Invalid request",
                      "La date de début est postérieure à la date de fin.")
    after = decode_cursor(cursor)
    owners = access.owners(request, session, "payments")
    if not owners:
        return empty_page(request, PaymentsPage, cursor)
    nir = nir_prefix = None
    words: list[str] = []
    if patient:
        compact = patient.replace(" ", "").upper()
        if _NIR_QUERY.fullmatch(compact):
            nir, nir_prefix = (compact, None) if len(compact) == 15 else (None, compact)
        else:
            words = name_words(patient)
            if not words:
                raise Problem(422, "invalid-request", "Invalid request",
                              "Saisissez un nom de patient ou un NIR.")
    where = PaymentFilter(date_from=date_from, date_to=date_to, kind=kind,
                          invoice_number=invoice.strip().zfill(9) if invoice else None,
                          batch_number=batch.strip().zfill(3) if batch else None,
                          patient_nir=nir, patient_nir_prefix=nir_prefix, patient_words=tuple(words))
    rows = access.storage(request).practice.payments(owners, session.practice_id, after, limit + 1, where)

    def items(page: Sequence[Row]) -> list[Payment]:
        return [Payment(id=row["id"], seq=row["seq"], professional=owners[row["professional_id"]],
                        paid_on=row["paid_on"], kind=row["kind"], label=row["label"],
                        amount_cents=row["amount_cents"], payer=row["payer"], patient_nir=row["patient_nir"],
                        patient_name=row["patient_name"], invoice_number=row["invoice_number"],
                        batch_number=row["batch_number"]) for row in page]

    return cursor_page(request, PaymentsPage, rows, limit=limit, after=after, cursor=cursor, items=items)


# --- rejects ---------------------------------------------------------------------------------------


@router.get("/rejects", response_model=RejectsPage, responses=PAGE_RESPONSES,
            summary="Billing rejects, per invoice")
def rejects(
    request: Request,
    session: Annotated[SessionContext, Depends(require_scope("rejects"))],
    cursor: Cursor = None,
    limit: Limit = 100,
    status: RejectStatus | None = None,
) -> Response:
    after = decode_cursor(cursor)
    owners = access.owners(request, session, "rejects")
    if not owners:
        return empty_page(request, RejectsPage, cursor)
    rows = access.storage(request).practice.rejects(owners, session.practice_id, after, limit + 1, status)

    def items(page: Sequence[Row]) -> list[Reject]:
        return [_reject(row, owners) for row in page]

    return cursor_page(request, RejectsPage, rows, limit=limit, after=after, cursor=cursor, items=items)


def _reject(row: Row, owners: dict[int, str]) -> Reject:
    return Reject(id=row["id"], seq=row["seq"], professional=owners[row["professional_id"]],
                  rejected_on=row["rejected_on"], batch_number=row["batch_number"],
                  invoice_number=row["invoice_number"], nir=row["nir"], birth_date=row["birth_date"],
                  act_date=row["act_date"], act_code=row["act_code"], amount_cents=row["amount_cents"],
                  reject_code=row["reject_code"], label=row["label_fr"], status=row["status"])


@router.post("/rejects/{reject_id}/treated", response_model=Reject,
             responses={404: {"description": "Unknown or not visible to this session (problem+json)."}},
             summary="Mark a rejected invoice treated, for every workstation of the practice (idempotent)")
def mark_reject_treated(request: Request, session: Annotated[SessionContext, Depends(require_scope("rejects"))],
                        reject_id: Annotated[int, Path(ge=1, le=2**62)]) -> Reject:
    """Its status becomes ``corrected`` with a new ``seq``: the other workstations pull it at their next
    sync. Marking it again changes nothing and answers the same."""
    owners = access.owners(request, session, "rejects")
    row = access.storage(request).practice.mark_reject_treated(reject_id, session.practice_id, owners,
                                                                session.professional_id, access.now(request))
    if row is None:
        raise Problem(404, "reject-unknown", "Unknown reject", "Ce rejet de facture n'existe pas.")
    return _reject(row, owners)


# --- ALD renewals ----------------------------------------------------------------------------------


@router.get("/ald/renewals", response_model=AldRenewals, responses=PAGE_RESPONSES,
            summary="The doctor's patients whose ALD ends soon and needs an argued renewal")
def ald_renewals(
    request: Request,
    session: Annotated[SessionContext, Depends(require_scope("ald"))],
    within: Annotated[int, Query(ge=1, le=365, description="Days ahead (M-3 = 90).")] = 90,
) -> Response:
    day = access.today(request)
    rows = access.storage(request).practice.ald_ending(session.professional_id, session.practice_id, day,
                                                day + timedelta(days=within))
    items = [AldRenewal(nir=row["patient_nir"], last_name=row["last_name"], first_name=row["first_name"],
                        birth_date=row["birth_date"], ald_number=row["ald_number"], label=row["label"],
                        start_date=row["start_date"], end_date=row["end_date"],
                        days_left=(date.fromisoformat(row["end_date"]) - day).days) for row in rows]
    return cacheable(request, AldRenewals(as_of=day, within_days=within, items=items))


# --- a patient's situation -------------------------------------------------------------------------


@router.get("/patients/{nir}/situation", response_model=PatientSituation,
            summary="Rights (ADRi) and médecin traitant of a patient of the practice")
def patient_situation(
    request: Request,
    session: Annotated[SessionContext, Depends(require_scope("patients"))],
    nir: Annotated[str, Path(max_length=40, description="15 characters; spaces allowed.")],
) -> PatientSituation:
    try:
        nir = check_nir(nir)
    except ValueError as error:
        raise Problem(422, "invalid-nir", "Invalid NIR", str(error)) from None
    row = access.storage(request).practice.patient(session.practice_id, nir)
    if row is None:
        raise Problem(404, "patient-unknown", "Unknown patient",
                      "Aucun patient de votre cabinet n'est enregistré sous ce NIR.")
    day = access.today(request)
    start = date.fromisoformat(row["rights_start"]) if row["rights_start"] else None
    end = date.fromisoformat(row["rights_end"]) if row["rights_end"] else None
    rights_open = bool(row["rights_open"]) and (start is None or start <= day) and (end is None or day <= end)
    if row["treating_doctor_id"] is not None:
        doctor: str | None = f"Dr {row['doctor_first']} {row['doctor_last']}"
    else:
        doctor = row["treating_doctor_name"]
    return PatientSituation(
        nir=row["nir"], last_name=row["last_name"], first_name=row["first_name"], birth_date=row["birth_date"],
        fund=row["fund"], as_of=day, rights=Rights(open=rights_open, start=start, end=end),
        treating_doctor=TreatingDoctor(declared=doctor is not None,
                                       is_you=row["treating_doctor_id"] == session.professional_id,
                                       name=doctor, declared_on=row["treating_declared_on"]))
