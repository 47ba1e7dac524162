"""``store.awaiting`` on a real SQLite store: degraded invoices applied as the engine pulls them, the
patient sealed, the suggestions filtered by name words, NIR (or its start), date, amount and numbers."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from sync.protocol.documents import AwaitingInvoice
from sync.store import Store
from sync.vault import Vault

VAULT = Vault(bytes(range(32)))
AS_OF = datetime(2026, 3, 18, 9, 0, tzinfo=UTC)


def invoice(id: int, batch: str, number: str, nir: str, name: str, care: date, cents: int, *, seq: int | None = None,
            arl: str = "positive", reason: str | None = None, justified: bool = False) -> AwaitingInvoice:
    return AwaitingInvoice(id=id, seq=seq or id, batch=batch, number=number, nir=nir, patient_name=name,
                           care_date=care, amount_cents=cents, arl=arl, arl_reason=reason, justified=justified,
                           arl_at=None if arl == "pending" else AS_OF)


INVOICES = [
    invoice(1, "042", "000123456", "285037511504212", "BÉRARD Éloïse", date(2026, 3, 2), 2650),
    invoice(2, "042", "000123457", "172082A00402741", "PAOLI Jean-Noël", date(2026, 3, 2), 3000),
    invoice(3, "043", "000123500", "279039934101537", "DIOP-LEFÈBVRE Aïssatou", date(2026, 3, 9), 3000),
    invoice(4, "044", "000124000", "185057511200101", "LECŒUR Jean", date(2026, 3, 16), 5600, arl="pending"),
    invoice(5, "045", "000124100", "185057511200202", "MARTIN Jean", date(2026, 2, 20), 2650, arl="negative",
            reason="Lot illisible."),
    invoice(6, "045", "000124101", "290017511200303", "MARTIN Louise", date(2026, 2, 21), 4700, arl="negative",
            reason="Lot illisible.", justified=True),
]


@pytest.fixture
def store(tmp_path):
    opened = Store.open(tmp_path / "store.sqlite", VAULT)
    assert opened.awaiting.apply(INVOICES, "cursor-1", AS_OF) == len(INVOICES)
    yield opened
    opened.close()


def numbers(rows) -> list[str]:
    return [row.number for row in rows]


def test_suggestions_are_those_awaiting_most_recent_care_first(store):
    rows = store.awaiting.suggestions()
    assert numbers(rows) == ["000124000", "000123500", "000123457", "000123456", "000124100"]
    first = rows[0]
    assert (first.batch, first.nir, first.patient_name, first.care_date, first.amount_cents, first.arl,
            first.arl_reason, first.justified) == ("044", "185057511200101", "LECŒUR Jean", date(2026, 3, 16), 5600,
                                                   "pending", None, False)
    assert numbers(store.awaiting.suggestions(limit=2)) == ["000124000", "000123500"]
    assert store.cursor("awaiting") == "cursor-1" and store.as_of("awaiting") == AS_OF


@pytest.mark.parametrize("text, expected", [
    ("martin", ["000124100"]),                       # the justified MARTIN Louise is not suggested
    ("jean", ["000124000", "000123457", "000124100"]),  # Jean-Noël too
    ("Jean Martin", ["000124100"]),                  # every word, any order
    ("lefebvre", ["000123500"]), ("diop", ["000123500"]), ("lecoeur", ["000124000"]),
    ("eloise berard", ["000123456"]), ("noel", ["000123457"]),
    ("mart", []),                                    # whole words, as payments
    ("285037511504212", ["000123456"]), ("2 85 03 75 115 042 12", ["000123456"]),
    ("2850375115042", ["000123456"]), ("28503", ["000123456"]),
    ("172082A", ["000123457"]), ("172082a004", ["000123457"]),
    ("1850575112", ["000124000", "000124100"]),
    ("02/03/2026", ["000123457", "000123456"]), ("2/3/2026", ["000123457", "000123456"]), ("31/02/2026", []),
    ("26,50", ["000123456", "000124100"]), ("26.50", ["000123456", "000124100"]), ("26,5", ["000123456", "000124100"]),
    ("56", ["000124000"]), ("30", ["000123500", "000123457"]),
    ("042", ["000123457", "000123456"]), ("43", ["000123500"]),
    ("000123456", ["000123456"]), ("0001235", ["000123500"]),
    ("martin 26,50", ["000124100"]), ("042 26,50", ["000123456"]), ("paoli 26,50", []),
    ("", ["000124000", "000123500", "000123457", "000123456", "000124100"]),
])
def test_suggestions_filter_on_every_term(store, text, expected):
    assert numbers(store.awaiting.suggestions(text)) == expected


def test_find_knows_justified_ones_and_arl_gives_the_batchs_acknowledgement(store):
    found = store.awaiting.find("045", "000124101")
    assert found is not None and found.justified and found.patient_name == "MARTIN Louise"
    assert store.awaiting.find("045", "000999999") is None
    assert store.awaiting.arl("045") == ("negative", "Lot illisible.")
    assert store.awaiting.arl("044") == ("pending", None)
    assert store.awaiting.arl("042") == ("positive", None)
    assert store.awaiting.arl("999") is None


def test_a_page_again_updates_in_place_and_moves_the_tokens(store):
    """The batch acknowledged and an invoice justified come again with a new seq: upserted by id."""
    changed = [INVOICES[3].model_copy(update={"seq": 10, "arl": "positive", "arl_at": AS_OF}),
               INVOICES[0].model_copy(update={"seq": 11, "justified": True})]
    assert store.awaiting.apply(changed, "cursor-2", AS_OF) == 2
    assert store.awaiting.arl("044") == ("positive", None)
    assert numbers(store.awaiting.suggestions("lecoeur")) == ["000124000"]
    assert store.awaiting.suggestions("berard") == [] and store.awaiting.find("042", "000123456").justified
    terms = store.database.connection.execute("SELECT count(*) FROM awaiting_terms WHERE invoice_id = 4").fetchone()[0]
    assert terms == 2 + 11  # two words of the name, eleven starts of the NIR: none twice


def test_the_patient_is_sealed_on_disk(tmp_path, store):
    store.close()
    raw = b"".join(path.read_bytes() for path in tmp_path.glob("store.sqlite*"))
    names = ["BÉRARD", "PAOLI", "Aïssatou", "LOUISE"]
    for secret in [i.nir for i in INVOICES] + [i.nir[:13] for i in INVOICES] + names:
        assert secret.encode() not in raw and secret.upper().encode() not in raw, secret
