"""Protocol objects to fill a real store in tests (rejects, ALD renewals, events), as a sync applies them."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from sync.protocol import AldRenewal, Event, Reject

AS_OF = datetime(2026, 11, 28, 9, 0, tzinfo=timezone.utc)
DOCTOR = "810003456786"


def reject(i: int, **changes) -> Reject:
    """The ``i``-th rejected invoice: its id and seq are ``i``, rejected ``i`` days before 30/11/2026."""
    fields = dict(id=i, seq=i, professional=DOCTOR, rejected_on=date(2026, 11, 30) - timedelta(days=i),
                  batch_number=f"{i % 40:03d}", invoice_number=f"{1000 + i:09d}", nir="285037511504263",
                  birth_date="1985-03-14", act_date=date(2026, 11, 20) - timedelta(days=i), act_code="G",
                  amount_cents=3000 + i, reject_code="A081", label="Droits du patient fermés.", status="open")
    fields.update(changes)
    return Reject(**fields)


def renewal(days_left: int, **changes) -> AldRenewal:
    end = date(2026, 11, 28) + timedelta(days=days_left)
    fields = dict(nir="285037511504263", last_name="Bérard", first_name="Éloïse", birth_date="1985-03-14",
                  ald_number=8, label="Diabète de type 1 et diabète de type 2", start_date=end - timedelta(days=3 * 365),
                  end_date=end, days_left=days_left)
    fields.update(changes)
    return AldRenewal(**fields)


def event(seq: int, kind: str, summary: str = "Rejet de la facture de BÉRARD Éloïse", ref: str = "rejects/1") -> Event:
    return Event(seq=seq, at=AS_OF, kind=kind, ref=ref, summary=summary, professional=DOCTOR)
