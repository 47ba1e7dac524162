"""Activité end to end: the months, acts, fees and indicators the page shows equal the back office's
database for the signed-in doctor (counted here with sqlite3), each chart holding its table's figures.
Emulated card in the private pcscd's virtual reader, the real back office over HTTPS on loopback."""

from __future__ import annotations

import sqlite3

import pytest
from test_sign_in import WAIT
from test_window import sign_in, start_cabinet  # noqa: F401 (a fixture)

from desktop_app.formatting import euros, french_number
from desktop_app.sections import Section
from desktop_app.views.activity import ActivityView
from sync.backoffice.local import LocalBackoffice

pytestmark = pytest.mark.pcsc

AM_NUMBER = "751123456"  # the emulated CPS's doctor's, in the seeded practice


def figures(backoffice: LocalBackoffice) -> tuple[dict[str, tuple[int, int]], dict[str, sqlite3.Row]]:
    """Per month (YYYY-MM): the doctor's acts and the fees of those not rejected; his ROSP indicators of
    the latest period, by code."""
    with sqlite3.connect(backoffice.db_path) as db:
        db.row_factory = sqlite3.Row
        (me, practice), = db.execute("SELECT id, practice_id FROM professionals WHERE am_number = ?", (AM_NUMBER,))
        months = {row[0]: (row[1], row[2]) for row in db.execute(
            "SELECT substr(care_date, 1, 7), count(*), sum(CASE WHEN status != 'rejected' THEN amount_cents ELSE 0 "
            "END) FROM invoices WHERE professional_id = ? AND practice_id = ? GROUP BY 1", (me, practice))}
        rosp = db.execute("SELECT * FROM contract_indicators WHERE professional_id = ? AND program = 'rosp' AND "
                          "period = (SELECT max(period) FROM contract_indicators WHERE professional_id = ?)",
                          (me, me)).fetchall()
    return months, {row["code"]: row for row in rosp}


def test_the_charts_and_their_tables_show_the_back_offices_figures(qtbot, start_cabinet, insert,  # noqa: F811
                                                                   backoffice):
    cabinet = start_cabinet()
    sign_in(qtbot, cabinet, insert)
    assert cabinet.window.shell.show_section(Section.ACTIVITY)
    page = cabinet.window.shell.page(Section.ACTIVITY)
    assert isinstance(page, ActivityView)
    qtbot.waitUntil(lambda: page.picture is not None, timeout=WAIT)
    months, rosp = figures(backoffice)
    picture = page.picture
    keys = [f"{m.month:%Y-%m}" for m in picture.months]
    assert len(keys) == 12 and any(months.get(key, (0, 0))[0] for key in keys)
    assert [m.acts for m in picture.months] == [months.get(key, (0, 0))[0] for key in keys]

    acts, fees = page.acts.table.texts(), page.fees.table.texts()
    assert [row[-1] for row in acts[:-1]] == [french_number(months.get(key, (0, 0))[0]) for key in keys]
    assert [row[1] for row in fees[:-1]] == [euros(months.get(key, (0, 0))[1]) for key in keys]
    assert fees[-1][1] == euros(sum(months.get(key, (0, 0))[1] for key in keys))
    (stacked,) = page.acts.chart_view.chart().series()
    assert [sum(bars.at(i) for bars in stacked.barSets()) for i in range(12)] == [
        months.get(key, (0, 0))[0] for key in keys]

    shown = {i.code: i for i in picture.rosp}
    assert set(shown) == set(rosp) and rosp
    for code, row in rosp.items():
        assert (shown[code].value, shown[code].target, shown[code].period) == (row["value"], row["target"],
                                                                               row["period"])
    table = page.rosp.table.texts()
    assert [row[0].split(". ", 1)[1] for row in table] == [i.label for i in picture.rosp]
