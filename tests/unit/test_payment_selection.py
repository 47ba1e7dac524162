"""The payments list's selection on a real store file: ids in every order without opening a row, the
totals counted by SQLite for the same filter, and the records of a block of ids only."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from sync.protocol import Payment
from sync.protocol.search import fold
from sync.store import PAYMENT_ORDERS, PaymentFilter, Store
from sync.vault import Vault

VAULT = Vault(bytes(range(32)))
AS_OF = datetime(2026, 11, 28, 9, 0, tzinfo=timezone.utc)
NAMES = ["BÉRARD Éloïse", "ŒUVRAY Noé", "D'ALMEIDA José", "MARTIN Jean", "ABADIE Luc"]
KINDS = ["tiers_payant", "tiers_payant", "tiers_payant", "mt_ald", "on_call", "lump_sum"]


def payment(i: int) -> Payment:
    kind = KINDS[i % len(KINDS)]
    patient = kind == "tiers_payant"
    return Payment(id=i, seq=i, professional="810003456786", paid_on=date(2026, 1 + i % 12, 1 + i % 28), kind=kind,
                   label=f"Paiement {i}", amount_cents=1000 + 37 * i, payer=f"CPAM {i % 4}",
                   patient_nir=f"2850375115{i % 5:03d}63" if patient else None,
                   patient_name=NAMES[i % len(NAMES)] if patient else None,
                   invoice_number=f"{i:09d}" if patient else None, batch_number=f"{i % 9:03d}" if patient else None)


PAYMENTS = [payment(i) for i in range(1, 301)]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    opened = Store.open(tmp_path_factory.mktemp("selection") / "store.sqlite", VAULT)
    opened.apply_payments(PAYMENTS, "c", AS_OF)
    yield opened
    opened.close()


def expected(where: PaymentFilter) -> list[Payment]:
    """The filter applied in Python to what was stored (name words: all of them, folded)."""
    nir = where.patient.replace(" ", "") if where.patient and where.patient[0].isdigit() else None

    def kept(p: Payment) -> bool:
        name = set(fold(p.patient_name or "").split())
        patient = p.patient_nir == nir if nir else set(fold(where.patient or "").split()) <= name
        return ((where.date_from is None or p.paid_on >= where.date_from)
                and (where.date_to is None or p.paid_on <= where.date_to)
                and (where.kind is None or p.kind == where.kind)
                and (where.invoice is None or p.invoice_number == where.invoice.zfill(9))
                and (where.batch is None or p.batch_number == where.batch.zfill(3))
                and patient)
    return [p for p in PAYMENTS if kept(p)]


FILTERS = [PaymentFilter(), PaymentFilter(date_from=date(2026, 3, 1), date_to=date(2026, 5, 31)),
           PaymentFilter(patient="eloise berard"), PaymentFilter(patient="Noé"), PaymentFilter(kind="on_call"),
           PaymentFilter(batch="4"), PaymentFilter(invoice="13"), PaymentFilter(kind="tiers_payant", patient="jean"),
           PaymentFilter(patient="2 85 03 75 115 003 63"), PaymentFilter(patient="nobody")]


@pytest.mark.parametrize("where", FILTERS, ids=str)
def test_the_selection_and_its_totals_are_those_of_the_filter(store, where):
    wanted = expected(where)
    assert wanted or where.patient == "nobody"
    ids = store.payments.select(where)
    assert sorted(ids) == sorted(p.id for p in wanted)
    totals = store.payments.totals(where)
    assert (totals.count, totals.amount_cents) == (len(wanted), sum(p.amount_cents for p in wanted))
    assert totals.by_kind == {kind: (len(of), sum(p.amount_cents for p in of))
                              for kind in {p.kind for p in wanted} for of in ([p for p in wanted if p.kind == kind],)}
    assert [p.id for p in store.search_payments(**vars(where), limit=1000)] == ids  # the same WHERE, newest first


def sort_key(order: str, p: Payment):
    return {"date": p.paid_on, "amount": p.amount_cents, "kind": p.kind, "invoice": p.invoice_number or "",
            "batch": p.batch_number or "", "payer": p.payer}[order]


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("order", [o for o in PAYMENT_ORDERS if o != "patient"])
def test_every_clear_column_sorts_the_whole_selection_ties_by_date_then_id(store, order, descending):
    ids = store.payments.select(PaymentFilter(), order, descending)
    wanted = sorted(PAYMENTS, key=lambda p: (sort_key(order, p), p.paid_on, p.id), reverse=descending)
    assert ids == [p.id for p in wanted]


def test_kinds_sort_in_the_rank_given_the_words_the_user_reads(store):
    ranked = ["on_call", "lump_sum", "tiers_payant", "mt_ald"]
    ids = store.payments.select(PaymentFilter(date_to=date(2026, 6, 30)), "kind", descending=False, kinds=ranked)
    records = store.payments.records(ids)
    kinds = [records[i].kind for i in ids]
    assert kinds == sorted(kinds, key=ranked.index) and set(kinds) == set(ranked)


@pytest.mark.parametrize("descending", [False, True])
def test_the_patient_order_opens_the_rows_and_puts_payments_without_a_patient_last(store, descending):
    ids = store.payments.select(PaymentFilter(), "patient", descending)
    records = store.payments.records(ids)
    names = [records[i].patient_name for i in ids]
    named = [n for n in names if n is not None]
    assert names == named + [None] * (len(names) - len(named))
    assert [fold(n) for n in named] == sorted((fold(n) for n in named), reverse=descending)
    assert fold(named[0]) == ("oeuvray noe" if descending else "abadie luc")


def test_records_open_only_the_ids_asked_and_leave_out_the_unknown(store):
    records = store.payments.records([12, 7, 999_999])
    assert set(records) == {12, 7}
    assert records[12].patient_name == NAMES[12 % 5] and records[12].invoice_number == "000000012"
    assert records[7].kind == "tiers_payant" and store.payments.records([]) == {}
