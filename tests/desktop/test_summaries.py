"""Accueil's figures read from a real store file (sealed rows, cursors) and a real SCOR queue."""

from datetime import UTC, date, datetime, timedelta

import pytest

from desktop_app.status import HomeSummary
from desktop_app.summaries import home_summary
from sync.documents import DocumentQueue
from sync.protocol import AldRenewal, Reject, Thread
from sync.store import Store
from sync.vault import Vault

VAULT = Vault(bytes(range(32)))
AS_OF = datetime(2025, 11, 24, 8, 12, tzinfo=UTC)
TODAY = date(2025, 11, 24)
NIR = "285037511504263"


@pytest.fixture
def store(tmp_path):
    opened = Store.open(tmp_path / "store.sqlite", VAULT)
    yield opened
    opened.close()


def reject(i: int, status: str) -> Reject:
    return Reject(id=i, seq=i, professional="810003456786", rejected_on=date(2025, 11, 20), batch_number="042",
                  invoice_number=f"{i:09d}", nir=NIR, birth_date="1985-03-00", act_date=date(2025, 11, 18),
                  act_code="G", amount_cents=3000, reject_code="B2-123", label="NIR inconnu", status=status)


def ald(end: date) -> AldRenewal:
    return AldRenewal(nir=NIR, last_name="BÉRARD", first_name="Éloïse", birth_date="1985-03-00", ald_number=8,
                      label="Diabète", start_date=date(2020, 1, 1), end_date=end, days_left=(end - TODAY).days)


def thread(i: int, status: str) -> Thread:
    at = AS_OF - timedelta(days=i)
    return Thread(id=i, seq=i, client_id=f"c{i}", professional="810003456786", subject="Rejet du lot 042",
                  reason="billing", reason_label="Facturation", status=status, answer_due_on=None, created_at=at,
                  updated_at=at, messages=[])


def invoice(number: int) -> dict:
    return {"batch": "042", "number": f"{number:09d}", "nir": NIR, "date": "2025-11-18"}


def test_an_empty_store_has_nothing_to_say_and_was_never_synchronized(store):
    assert home_summary(store, TODAY) == HomeSummary(today=TODAY)


def test_the_figures_count_what_asks_for_attention(store, tmp_path):
    store.apply_rejects([reject(1, "open"), reject(2, "open"), reject(3, "corrected")], "r1", AS_OF)
    store.replace_ald_renewals([ald(date(2026, 1, 15)), ald(date(2025, 12, 2)), ald(date(2026, 2, 1))],
                               AS_OF - timedelta(minutes=5))
    store.apply_threads([thread(1, "answered"), thread(2, "awaiting_answer"), thread(3, "closed"),
                         thread(4, "answered")], "m1", AS_OF + timedelta(minutes=1))
    queue = DocumentQueue(tmp_path / "scans", store, VAULT)
    documents = [queue.add(f"%PDF scan {i}".encode(), pages=1, invoice=invoice(i)) for i in range(3)]
    (tmp_path / "scans" / documents[0].sha256).unlink()  # its scan is gone: it can no longer be sent
    queue = DocumentQueue(tmp_path / "scans", store, VAULT)

    summary = home_summary(store, TODAY, queue)

    assert summary == HomeSummary(today=TODAY, ald_renewals=3, ald_first_end=date(2025, 12, 2), open_rejects=2,
                                  answered_threads=2, documents_waiting=2, documents_failed=1,
                                  as_of=AS_OF - timedelta(minutes=5))  # the oldest domain's
