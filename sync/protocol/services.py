"""Wire models of the form orders, messages, activity, reimbursement history and event routes.

Amounts are integer cents, dates ISO 8601, instants ISO 8601 in UTC. Request bodies refuse unknown
fields (a typo is a 422, not a silently ignored value). ``client_id`` is the client's idempotency key:
sending the same one again returns what the first request made, never a second order or thread.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

__all__ = ["FormSpec", "FormsCatalog", "OrderLineIn", "OrderIn", "OrderPatch", "OrderLine", "OrderStatus",
           "FormOrder", "FormOrdersPage", "Reason", "ThreadStatus", "ThreadIn", "MessageIn", "Message", "Thread",
           "ThreadsPage", "ActivityFamily", "ActivityMonth", "Indicator", "Optam", "Activity",
           "ReimbursementCategory", "Reimbursement", "ReimbursementHistory", "EventKind", "Event", "EventsPage"]

ClientId = str
_CLIENT_ID = Field(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9._:-]+$",
                   description="Idempotency key chosen by the client (a UUID is fine).")
_PROFESSIONAL = Field(None, max_length=40, description=(
    "National identifier of the doctor the request is for. Needed only by a CPE card delegated by "
    "several doctors; a doctor acts for himself."))


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- forms -----------------------------------------------------------------------------------------


class FormSpec(BaseModel):
    id: str
    title: str
    cerfa: str | None = Field(description="CERFA number, when the form has a public one.")
    description: str
    unit: str = Field(description="What a quantity counts, e.g. « feuillets », « liasses ».")
    quantities: list[int] = Field(description="The quantities the form is sold by.")


class FormsCatalog(BaseModel):
    items: list[FormSpec]


class OrderLineIn(_In):
    form: str = Field(min_length=1, max_length=64, description="A catalogue id.")
    quantity: int = Field(ge=0, le=100_000, description="One of the form's quantities (0 removes the line "
                                                        "in a PATCH).")


class OrderIn(_In):
    client_id: ClientId = _CLIENT_ID
    lines: list[OrderLineIn] = Field(min_length=1, max_length=20)
    professional: str | None = _PROFESSIONAL


class OrderPatch(_In):
    lines: list[OrderLineIn] = Field(min_length=1, max_length=20,
                                     description="New quantities of these forms; other lines stay.")


class OrderLine(BaseModel):
    form: str
    title: str
    cerfa: str | None
    quantity: int


OrderStatus = Literal["placed", "dispatched", "cancelled"]


class FormOrder(BaseModel):
    id: int
    seq: int
    client_id: str
    professional: str = Field(description="National identifier of the doctor whose forms these are.")
    placed_by: str = Field(description="National identifier of who placed the order (doctor or CPE).")
    status: OrderStatus
    placed_at: datetime
    modifiable_until: datetime | None = Field(
        description="While ``placed``: the earliest dispatch; changes and cancellation are refused after.")
    dispatched_at: datetime | None
    cancelled_at: datetime | None
    lines: list[OrderLine]


class FormOrdersPage(BaseModel):
    items: list[FormOrder]
    next_cursor: str | None
    has_more: bool


# --- messages --------------------------------------------------------------------------------------

Reason = Literal["billing", "patient_rights", "payment_follow_up", "other"]
ThreadStatus = Literal["awaiting_answer", "answered", "closed"]


class _Body(_In):
    body: str = Field(min_length=1, max_length=5000)

    @field_validator("body")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("empty message")
        return value


class ThreadIn(_Body):
    client_id: ClientId = _CLIENT_ID
    subject: str = Field(min_length=1, max_length=200)
    reason: Reason
    professional: str | None = _PROFESSIONAL

    @field_validator("subject")
    @classmethod
    def _subject(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("empty subject")
        return value.strip()


class MessageIn(_Body):
    client_id: ClientId = _CLIENT_ID


class Message(BaseModel):
    id: int
    direction: Literal["to_fund", "from_fund"]
    author: str
    body: str
    sent_at: datetime
    answer_due_on: date | None = Field(description="The professional's messages: three working days on.")


class Thread(BaseModel):
    id: int
    seq: int
    client_id: str
    professional: str
    subject: str
    reason: Reason
    reason_label: str
    status: ThreadStatus
    answer_due_on: date | None = Field(description="While awaiting an answer.")
    created_at: datetime
    updated_at: datetime
    messages: list[Message]


class ThreadsPage(BaseModel):
    items: list[Thread]
    next_cursor: str | None
    has_more: bool


# --- activity --------------------------------------------------------------------------------------


class ActivityFamily(BaseModel):
    code: str
    label: str


class ActivityMonth(BaseModel):
    month: str = Field(description="YYYY-MM.")
    partial: bool = Field(description="The current month, still running.")
    acts: int
    acts_by_family: dict[str, int] = Field(description="Family code -> number of acts (every family present).")
    fees_cents: int = Field(description="Fees of the acts billed (rejected invoices excluded).")
    patients_seen: int
    tiers_payant_share: float = Field(ge=0, le=1, description="Share of the acts billed in tiers payant.")
    treating_patients: int = Field(description="Patients with this doctor as déclaré médecin traitant, at "
                                               "month end.")


class Indicator(BaseModel):
    program: Literal["rosp", "optam"]
    code: str
    label: str
    period: str
    value: float
    target: float
    unit: str
    higher_is_better: bool
    reached: bool


class Optam(BaseModel):
    applicable: bool = Field(description="OPTAM concerns sector 2 doctors.")
    adherent: bool
    since: date | None


class Activity(BaseModel):
    professional: str
    as_of: date
    families: list[ActivityFamily]
    months: list[ActivityMonth] = Field(description="Oldest first.")
    indicators: list[Indicator]
    optam: Optam


# --- reimbursement history -------------------------------------------------------------------------

ReimbursementCategory = Literal["care", "exam", "drug"]


class Reimbursement(BaseModel):
    care_date: date
    category: ReimbursementCategory
    label: str
    provider: str
    billed_cents: int
    reimbursed_cents: int
    paid_on: date


class ReimbursementHistory(BaseModel):
    nir: str
    last_name: str
    first_name: str
    birth_date: str
    as_of: date
    date_from: date
    date_to: date
    items: list[Reimbursement] = Field(description="Newest first.")
    reimbursed_by_category: dict[str, int]


# --- events ----------------------------------------------------------------------------------------

EventKind = Literal["reject_new", "ald_due", "message_answered", "document_accepted", "document_rejected",
                    "order_dispatched"]


class Event(BaseModel):
    seq: int
    at: datetime
    kind: EventKind
    ref: str = Field(description="The resource concerned, relative to /v1 (e.g. « rejects/12 »).")
    summary: str = Field(description="One plain French sentence.")
    professional: str


class EventsPage(BaseModel):
    items: list[Event]
    next_cursor: str | None
    has_more: bool
