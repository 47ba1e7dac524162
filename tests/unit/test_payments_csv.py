"""The payments' CSV as a French spreadsheet reads it, and the search fields' dates (pure code)."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from desktop_app.payment_search import PaymentQuery, months_back, parse_french_date
from desktop_app.payments_csv import decimal_euros, write_payments_csv
from sync.store import PaymentRecord

HEADERS = ["Date", "Patient", "NIR", "Nature", "Libellé", "Facture", "Lot", "Payeur", "Montant (€)"]


def record(i: int, **changes) -> PaymentRecord:
    fields = dict(id=i, paid_on=date(2025, 3, 4), kind="tiers_payant", label="Tiers payant — G du 01/03/2025",
                  amount_cents=123450, payer="CPAM de Paris", invoice_number="000000012", batch_number="007",
                  patient_nir="285037511504263", patient_name="BÉRARD Éloïse")
    return PaymentRecord(**{**fields, **changes})


def written(records) -> bytes:
    out = io.BytesIO()
    count = write_payments_csv(out, records, HEADERS, {"tiers_payant": "Tiers payant", "lump_sum": "Forfait"}.get,
                               lambda nir: f"{nir[:1]} {nir[1:3]} …")
    assert count == len(records)
    return out.getvalue()


def test_semicolons_decimal_commas_french_dates_and_a_bom():
    data = written([record(1), record(2, kind="lump_sum", label="Forfait médecin traitant", amount_cents=-5,
                                      patient_nir=None, patient_name=None, invoice_number=None, batch_number=None)])
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\r\n") == 3
    lines = data[3:].decode("utf-8").split("\r\n")
    assert lines[0] == "Date;Patient;NIR;Nature;Libellé;Facture;Lot;Payeur;Montant (€)"
    assert lines[1] == "04/03/2025;BÉRARD Éloïse;2 85 …;Tiers payant;Tiers payant — G du 01/03/2025;000000012;007;" \
                       "CPAM de Paris;1234,50"
    assert lines[2] == "04/03/2025;;;Forfait;Forfait médecin traitant;;;CPAM de Paris;-0,05"


def test_names_with_semicolons_quotes_and_line_breaks_stay_one_field_each():
    tricky = ['DUPONT; Jean', 'O"BRIEN Seán', "LE GOFF\nAnaël", "=HYPERLINK(\"x\")", "-MARTIN"]
    data = written([record(i, patient_name=name) for i, name in enumerate(tricky)])
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert [row[1] for row in rows[1:]] == tricky[:3] + ["'=HYPERLINK(\"x\")", "'-MARTIN"]
    assert all(len(row) == len(HEADERS) for row in rows)
    assert b'"DUPONT; Jean"' in data and b'"O""BRIEN Se\xc3\xa1n"' in data


@pytest.mark.parametrize(("cents", "text"), [(0, "0,00"), (5, "0,05"), (123450, "1234,50"), (-2650, "-26,50"),
                                             (100000000, "1000000,00")])
def test_decimal_euros(cents, text):
    assert decimal_euros(cents) == text


@pytest.mark.parametrize(("text", "day"), [("24/11/2025", date(2025, 11, 24)), ("1/2/2026", date(2026, 2, 1)),
                                           (" 24.11.25 ", date(2025, 11, 24)), ("24-11-2025", date(2025, 11, 24)),
                                           ("24112025", date(2025, 11, 24)), ("", None), ("  ", None)])
def test_french_dates_are_read_as_typed(text, day):
    assert parse_french_date(text) == day


@pytest.mark.parametrize("text", ["31/02/2025", "2025-11-24", "24/11", "13/13/2025", "hier"])
def test_what_is_not_a_date_is_refused(text):
    with pytest.raises(ValueError):
        parse_french_date(text)


def test_the_window_goes_back_27_months_and_a_given_start_is_kept():
    assert months_back(date(2026, 12, 2), 27) == date(2024, 9, 2)
    assert months_back(date(2026, 5, 31), 3) == date(2026, 2, 28)
    assert months_back(date(2024, 3, 31), 1) == date(2024, 2, 29)
    floor = date(2024, 9, 2)
    assert PaymentQuery(patient="x").since(floor) == PaymentQuery(date_from=floor, patient="x")
    assert PaymentQuery(date_from=date(2025, 1, 1)).since(floor).date_from == date(2025, 1, 1)

