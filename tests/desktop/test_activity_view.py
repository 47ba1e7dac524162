"""Activité drawn from fixed figures: each chart holds the figures of the table beside it, months in
French, amounts in euros as French accounts write them, indicators with their objective and direction."""

from __future__ import annotations

from dataclasses import replace

import pytest
from activity_data import PICTURE
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QLabel
from view_clock import Clock

from desktop_app.personal_info import OptamState
from desktop_app.views.activity import ActivityView, load_charts

THIN, NBSP = "\u202f", "\u00a0"


@pytest.fixture
def page(qtbot):
    kept = QLocale()
    QLocale.setDefault(QLocale("fr"))
    load_charts()
    view = ActivityView(Clock())
    qtbot.addWidget(view)
    view.resize(1060, 740)
    view.show()
    yield view
    QLocale.setDefault(kept)


def bar_values(panel) -> dict[str, list[float]]:
    (series,) = panel.chart_view.chart().series()
    return {bars.label(): [bars.at(i) for i in range(bars.count())] for bars in series.barSets()}


def test_acts_per_month_chart_and_table_hold_the_same_figures_in_french_months(page):
    page.set_picture(PICTURE)
    rows = page.acts.table.texts()
    assert [row[0] for row in rows] == [
        "décembre 2024", "janvier 2025", "février 2025", "mars 2025", "avril 2025", "mai 2025", "juin 2025",
        "juillet 2025", "août 2025", "septembre 2025", "octobre 2025", "novembre 2025\n(in progress)", "Total"]
    bars = bar_values(page.acts)
    assert list(bars) == [family.label for family in PICTURE.families]
    for index, family in enumerate(PICTURE.families):
        assert bars[family.label] == [m.acts_by_family[index] for m in PICTURE.months]
        assert [row[1 + index] for row in rows[:-1]] == [str(m.acts_by_family[index]) for m in PICTURE.months]
    assert rows[-1][-1] == f"5{THIN}322" and sum(m.acts for m in PICTURE.months) == 5322
    assert "novembre 2025 is not over" in page.acts.note.text()
    names = page.acts.chart_view.chart().axes()[0].categories()
    assert names[0] == "déc. 24" and names[-1] == "nov. 25"


def test_fees_are_in_euros_french_formatted_with_their_total(page):
    page.set_picture(PICTURE)
    rows = page.fees.table.texts()
    assert rows[0][:5] == ["décembre 2024", f"12{THIN}345,50{NBSP}€", "358", f"42{NBSP}%", "812"]
    assert rows[-1][:2] == ["Total", f"164{THIN}646,00{NBSP}€"]
    assert bar_values(page.fees)["Fees (€)"] == [m.fees_cents / 100 for m in PICTURE.months]
    assert f"164{THIN}646,00{NBSP}€" in page.status.text() and "24/11/2025" in page.status.text()


def test_each_indicator_is_shown_with_the_period_before_its_objective_and_whether_it_is_reached(page):
    page.set_picture(PICTURE)
    rows = page.rosp.table.texts()
    assert rows[1] == ["2. Patients traités plus de 12 semaines par benzodiazépine hypnotique", f"5,1{NBSP}%",
                       f"3,5{NBSP}%", f"at most 4,0{NBSP}%", "yes"]
    assert rows[0][-2:] == [f"at least 93,0{NBSP}%", "no"]
    assert page.rosp.note.text() == "Objectives reached in 2024: 1 of 3."
    bars = bar_values(page.rosp)  # the chart draws upward: the last indicator first
    assert bars["2024"] == [21.3, 3.5, 71.4] and bars["2023"] == [22.0, 5.1, 68.0]
    assert bars["Objective"] == [14.0, 4.0, 93.0]
    assert "Member since 01/01/2021" in page.optam.note.text()
    assert page.optam.table.texts()[0][0] == "1. Taux de dépassement d'honoraires"


@pytest.mark.parametrize(("optam", "says"), [
    (OptamState(applicable=False, adherent=False, since=None), "does not apply to you"),
    (OptamState(applicable=True, adherent=False, since=None), "You have not joined OPTAM."),
])
def test_optam_without_indicators_says_why(page, optam, says):
    page.set_picture(replace(PICTURE, optam=optam, optam_indicators=()))
    assert says in page.optam.note.text()
    assert page.optam.chart_view is None and not page.optam.table.isVisibleTo(page)


def test_before_the_first_sync_and_after_the_lock_no_figure_is_left(page):
    page.set_picture(None, received=False)
    assert "have not reached this workstation yet" in page.status.text()
    assert not any(panel.isVisibleTo(page) for panel in page.panels())
    page.set_picture(PICTURE)
    page.clear()
    assert all(panel.chart_view is None and panel.table.rowCount() == 0 for panel in page.panels())
    left = " ".join(label.text() for label in page.findChildren(QLabel))
    assert "novembre" not in left and "€" not in left and "Member since" not in left


def test_charts_are_made_once_shown_and_not_again_for_the_same_figures(page):
    page.hide()
    page.set_picture(PICTURE)
    assert page.acts.chart_view is None and page.acts.table.rowCount() == 0  # a sync pass on another section
    page.show()
    drawn = page.acts.chart_view
    assert drawn is not None and page.acts.table.rowCount() == len(PICTURE.months) + 1
    page.set_picture(replace(PICTURE))  # the next pass: the same figures
    assert page.acts.chart_view is drawn
    page.set_picture(replace(PICTURE, rosp=PICTURE.rosp[:1]))
    assert page.acts.chart_view is not drawn and len(page.rosp.table.texts()) == 1
