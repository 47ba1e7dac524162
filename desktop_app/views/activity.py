"""Activité: the doctor's monthly figures and the indicators of his agreement (ROSP, OPTAM) as charts,
each with its numbers in a table beside it, so a screen reader and a printout have them too.

QtCharts is loaded only here and only when the first figures are drawn: its library costs tens of
milliseconds that the lock screen must not wait for. The presenter calls :func:`load_charts` on the pool
before handing over the first picture, so the GUI thread finds it loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QLocale, QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..activity_figures import ActivityPicture, IndicatorFigures, MonthFigures
from ..formatting import euros, french_date, french_number
from ..personal_info import OptamState
from ..status import local_now
from .common import role_label, show_line
from .section_page import SectionPage

if TYPE_CHECKING:
    from PySide6.QtCharts import QChart, QChartView

__all__ = ["ActivityView", "load_charts"]

_CONTENT_WIDTH = 1000  # pixels: a chart wider than this is no easier to read
_FAMILY_COLOURS = ("#1f5f8b", "#5b9bd5", "#2e7d4f", "#8cc084", "#c07a1f", "#9aa6b4")
_PREVIOUS, _LATEST, _TARGET = QColor("#a9c2d8"), QColor("#1f5f8b"), QColor("#c9a227")
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def load_charts() -> None:
    """Import QtCharts (its library and bindings): run on the pool before the first chart is made."""
    import PySide6.QtCharts  # noqa: F401


def _charts() -> Any:
    from PySide6 import QtCharts

    return QtCharts


def month_label(month: date, *, long: bool = False) -> str:
    """``déc. 24`` (``décembre 2024`` when ``long``) in the interface's language."""
    return QLocale().toString(QDate(month.year, month.month, 1), "MMMM yyyy" if long else "MMM yy")


class _Table(QTableWidget):
    """A read-only table as tall as its rows (the page scrolls, not the table)."""

    def __init__(self, name: str, accessible: str) -> None:
        super().__init__(objectName=name)
        self.setAccessibleName(accessible)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setAlternatingRowColors(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the first column gives way
        self.setWordWrap(True)
        self.verticalHeader().setVisible(False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # wrapped: taller

    def fill(self, headers: Sequence[str], rows: Sequence[Sequence[str]], *, bold_last: bool = False,
             long_names: bool = False) -> None:
        """``rows`` of texts; the first column names the row, the others are figures aligned right. The first
        column is as wide as its names and the figures share the width left; with ``long_names`` the figures
        are as wide as they need and the names take the rest, wrapped. A header may hold line breaks."""
        self.clear()
        self.setColumnCount(len(headers))
        self.setRowCount(len(rows))
        self.setHorizontalHeaderLabels(list(headers))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(_RIGHT)
                if bold_last and r == len(rows) - 1:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.setItem(r, c, item)
        header = self.horizontalHeader()
        fitted, shared = QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch
        for column in range(len(headers)):
            header.setSectionResizeMode(column, shared if (column == 0) == long_names else fitted)
        self._fit()

    def updateGeometries(self) -> None:
        """The headers moved (the rows took their heights): the table takes its new height."""
        super().updateGeometries()
        self._fit()

    def _fit(self) -> None:
        """The table as tall as its rows."""
        height = self.horizontalHeader().sizeHint().height() + self.verticalHeader().length()
        self.setFixedHeight(height + 2 * self.frameWidth())

    def texts(self) -> list[list[str]]:
        """What the table holds, row by row (for tests and copies)."""
        return [[self.item(r, c).text() for c in range(self.columnCount())] for r in range(self.rowCount())]


class _Panel(QFrame):
    """A titled white panel: a chart, a note and its table."""

    def __init__(self, title: str, name: str) -> None:
        super().__init__(objectName="chartPanel")
        self.setAccessibleName(title)
        self.title = QLabel(title, objectName="infoCardTitle")
        self.note = role_label(role="hint")
        self.table = _Table(name, title)
        self.chart_view: QChartView | None = None
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(20, 14, 20, 16)
        self.layout_.setSpacing(8)
        self.layout_.addWidget(self.title)
        self.layout_.addWidget(self.note)
        self.layout_.addWidget(self.table)

    def drop_chart(self) -> None:
        if self.chart_view is not None:
            self.layout_.removeWidget(self.chart_view)
            self.chart_view.setParent(None)  # out of the page at once, not only once deleted
            self.chart_view.deleteLater()
            self.chart_view = None

    def set_chart(self, chart: QChart, height: int) -> None:
        """Replace the panel's chart (made anew with each picture)."""
        self.drop_chart()
        view = _charts().QChartView(chart)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setBackgroundBrush(QColor("#ffffff"))
        view.setMinimumHeight(height)
        view.setAccessibleName(self.tr("Chart: %1 (its figures are in the table below)").replace(
            "%1", self.title.text()))
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.chart_view = view
        self.layout_.insertWidget(2, view)
        view.show()  # a child added to a shown panel is not shown by itself


class ActivityView(SectionPage):
    """``set_picture`` draws the figures (None: being read; ``received`` False: none synced yet)."""

    def __init__(self, clock: Callable[[], datetime] = local_now, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Activity"), clock, parent)
        self.setObjectName("activityPage")
        self.picture: ActivityPicture | None = None
        self._drawn = False  # the charts and tables show self.picture
        self.status = role_label()
        self.status.setObjectName("pageIntro")
        self.error = role_label(role="error")
        self.acts = _Panel(self.tr("Acts per month"), "actsTable")
        self.fees = _Panel(self.tr("Fees and patients per month"), "feesTable")
        self.rosp = _Panel(self.tr("Public health objectives (ROSP)"), "rospTable")
        self.optam = _Panel(self.tr("OPTAM"), "optamTable")
        content = QWidget(objectName="activityContent", maximumWidth=_CONTENT_WIDTH)
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 12, 0)
        column.setSpacing(14)
        for panel in self.panels():
            column.addWidget(panel)
        column.addStretch(1)
        scroll = QScrollArea(objectName="pageScroll", widgetResizable=True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        self.body.addWidget(self.status)
        self.body.addWidget(self.error)
        self.body.addWidget(scroll, 1)
        self.set_picture(None)

    def panels(self) -> tuple[_Panel, ...]:
        return self.acts, self.fees, self.rosp, self.optam

    def set_picture(self, picture: ActivityPicture | None, *, received: bool = True) -> None:
        """Show ``picture``. Charts take tens of milliseconds to make: they are made only when the figures
        changed, and only once the page is shown (a sync pass while another section is open costs nothing)."""
        show_line(self.error, None)
        if picture is not None and picture == self.picture:
            return
        self.picture, self._drawn = picture, False
        for panel in self.panels():
            panel.setVisible(picture is not None)
        if picture is None:
            show_line(self.status, self.tr("Reading your activity…") if received else self.tr(
                "Your activity figures have not reached this workstation yet: they will appear here after the "
                "next synchronization with the health insurance."))
            return
        show_line(self.status, self.tr("Your last %n month(s) as the health insurance counts them, on %1: "
                                       "%2 acts, %3 in fees.", "", len(picture.months))
                  .replace("%1", french_date(picture.as_of.isoformat()))
                  .replace("%2", french_number(picture.total_acts)).replace("%3", euros(picture.total_fees_cents)))
        if self.isVisible():
            self._draw(picture)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.picture is not None and not self._drawn:
            self._draw(self.picture)

    def _draw(self, picture: ActivityPicture) -> None:
        self._drawn = True
        self._acts(picture)
        self._fees(picture)
        self._indicators(self.rosp, picture.rosp, self.tr("No ROSP indicator has been computed for you yet."))
        self._optam(picture)

    def show_read_failure(self) -> None:
        show_line(self.error, self.tr("Your activity could not be read on this workstation. If this happens "
                                      "again, export a diagnostic from Diagnostics for support."))

    def clear(self) -> None:
        self.set_picture(None)
        self.set_freshness(None)
        show_line(self.status, None)
        for panel in self.panels():
            panel.drop_chart()
            panel.note.clear()
            panel.table.fill((), ())

    # -- the panels --------------------------------------------------------------------------------

    def _acts(self, picture: ActivityPicture) -> None:
        charts = _charts()
        labels = [month_label(m.month) for m in picture.months]
        series = charts.QStackedBarSeries()
        for index, family in enumerate(picture.families):
            bars = charts.QBarSet(family.label)
            bars.append([float(m.acts_by_family[index]) for m in picture.months])
            bars.setColor(QColor(_FAMILY_COLOURS[index % len(_FAMILY_COLOURS)]))
            bars.setBorderColor(QColor("#ffffff"))
            series.append(bars)
        chart = _chart(series, labels, max((m.acts for m in picture.months), default=0), self.tr("acts"))
        self.acts.set_chart(chart, 340)
        self.acts.note.setText(self._partial_note(picture))
        rows = [[self._month_name(m),
                 *(french_number(n) for n in m.acts_by_family), french_number(m.acts)] for m in picture.months]
        rows.append([self.tr("Total"), *(french_number(sum(m.acts_by_family[i] for m in picture.months))
                                         for i in range(len(picture.families))), french_number(picture.total_acts)])
        self.acts.table.fill([self.tr("Month"), *(_wrapped(f.label) for f in picture.families), self.tr("Total")],
                             rows, bold_last=True)

    def _fees(self, picture: ActivityPicture) -> None:
        charts = _charts()
        series = charts.QBarSeries()
        bars = charts.QBarSet(self.tr("Fees (€)"))
        bars.append([m.fees_cents / 100 for m in picture.months])
        bars.setColor(_LATEST)
        series.append(bars)
        labels = [month_label(m.month) for m in picture.months]
        top = max((m.fees_cents for m in picture.months), default=0) / 100
        chart = _chart(series, labels, top, self.tr("euros"))
        chart.legend().setVisible(False)  # one series: the panel's title says what it is
        self.fees.set_chart(chart, 260)
        self.fees.note.setText(self.tr("Fees of the acts billed, rejected invoices excluded."))
        rows = [[self._month_name(m),
                 euros(m.fees_cents), french_number(m.patients_seen),
                 f"{french_number(m.tiers_payant_share * 100)}\u00a0%", french_number(m.treating_patients)]
                for m in picture.months]
        rows.append([self.tr("Total"), euros(picture.total_fees_cents), "", "", ""])
        self.fees.table.fill([self.tr("Month"), self.tr("Fees"), self.tr("Patients seen"),
                              self.tr("Share in tiers payant"), self.tr("Patients (médecin traitant)")], rows,
                             bold_last=True)

    def _month_name(self, month: MonthFigures) -> str:
        """"novembre 2025", and on a second line "(in progress)" for the current month."""
        name = month_label(month.month, long=True)
        return name + "\n" + self.tr("(in progress)") if month.partial else name

    def _partial_note(self, picture: ActivityPicture) -> str:
        if picture.months and picture.months[-1].partial:
            return self.tr("%1 is not over: its figures grow until the month ends.").replace(
                "%1", month_label(picture.months[-1].month, long=True))
        return ""

    def _indicators(self, panel: _Panel, indicators: Sequence[IndicatorFigures], empty: str) -> None:
        if not indicators:
            panel.note.setText(empty)
            panel.table.setVisible(False)
            panel.drop_chart()
            return
        panel.table.setVisible(True)
        charts = _charts()
        latest, previous = indicators[0].period, indicators[0].previous_period
        series = charts.QHorizontalBarSeries()
        series.setBarWidth(0.8)
        upward = list(reversed(indicators))  # a horizontal chart draws its first category at the bottom
        sets = [(self.tr("Objective"), _TARGET, [i.target for i in upward]),
                (latest, _LATEST, [i.value for i in upward])]
        sets += [(previous, _PREVIOUS, [i.previous_value or 0.0 for i in upward])] if previous else []
        for name, colour, values in sets:
            bars = charts.QBarSet(name)
            bars.append(values)
            bars.setColor(colour)
            bars.setBorderColor(colour)
            series.append(bars)
        numbered = [f"{n}. {_short(i.label)}" for n, i in reversed(list(enumerate(indicators, 1)))]
        top = max(100.0, *(max(i.target, i.value, i.previous_value or 0.0) for i in indicators))
        chart = _chart(series, numbered, top, "", horizontal=True)
        panel.set_chart(chart, 90 + 44 * len(indicators))
        reached = sum(1 for i in indicators if i.reached)
        panel.note.setText(self.tr("Objectives reached in %1: %2 of %3.").replace("%1", latest)
                           .replace("%2", str(reached)).replace("%3", str(len(indicators))))
        headers = [self.tr("Indicator"), *([previous] if previous else []), latest, self.tr("Objective"),
                   self.tr("Reached")]
        rows = [[f"{n}. {i.label}", *([_value(i.previous_value, i.unit)] if previous else []),
                 _value(i.value, i.unit), self._target(i), self.tr("yes") if i.reached else self.tr("no")]
                for n, i in enumerate(indicators, 1)]
        panel.table.fill(headers, rows, long_names=True)

    def _target(self, indicator: IndicatorFigures) -> str:
        value = _value(indicator.target, indicator.unit)
        return (self.tr("at least %1") if indicator.higher_is_better else self.tr("at most %1")).replace("%1", value)

    def _optam(self, picture: ActivityPicture) -> None:
        state: OptamState = picture.optam
        if not state.applicable:
            empty = self.tr("OPTAM concerns sector 2 doctors: it does not apply to you.")
        elif not state.adherent:
            empty = self.tr("You have not joined OPTAM.")
        else:
            empty = self.tr("No OPTAM indicator has been computed for you yet.")
        self._indicators(self.optam, picture.optam_indicators, empty)
        if picture.optam_indicators and state.since is not None:
            member = self.tr("Member since %1.").replace("%1", french_date(state.since.isoformat()))
            self.optam.note.setText(f"{member} {self.optam.note.text()}")


def _value(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    return f"{french_number(value, 1)}\u00a0{unit}"


def _wrapped(label: str, width: int = 13) -> str:
    """A column header broken into lines of about ``width`` characters ("Actes\\ntechniques\\n(CCAM)")."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)


def _short(label: str, width: int = 38) -> str:
    """A chart's category: the label cut at a word near ``width`` (whole in the table)."""
    if len(label) <= width:
        return label
    return label[:width].rsplit(" ", 1)[0] + "…"


def _chart(series: Any, categories: list[str], top: float, unit: str, *, horizontal: bool = False) -> QChart:
    """A calm chart: no title, no animation, the legend below, the value axis from zero with round ticks."""
    charts = _charts()
    chart = charts.QChart()
    chart.addSeries(series)
    chart.setAnimationOptions(charts.QChart.AnimationOption.NoAnimation)
    chart.setBackgroundVisible(False)
    chart.setPlotAreaBackgroundVisible(False)
    chart.setMargins(QMargins(0, 0, 0, 0))
    chart.setLocale(QLocale())
    chart.setLocalizeNumbers(True)  # "25 000" in French
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    font = QFont(chart.legend().font())
    font.setPointSizeF(9)
    chart.legend().setFont(font)
    chart.legend().setShowToolTips(True)  # a label cut short is whole in its tooltip (and in the table)
    names = charts.QBarCategoryAxis()
    names.append(categories)
    names.setLabelsFont(font)
    values = charts.QValueAxis()
    values.setRange(0, _round_up(top))
    values.setTickCount(6)
    values.setLabelFormat("%.0f")
    values.setLabelsFont(font)
    values.setGridLineColor(QColor("#e3e8ee"))
    if unit:
        values.setTitleText(unit)
        values.setTitleFont(font)
    chart.addAxis(names, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(values, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(names)
    series.attachAxis(values)
    return chart


def _round_up(top: float) -> float:
    """The axis' end: ``top`` rounded up to 5 ticks of 1, 2 or 5 × a power of ten (never 0)."""
    if top <= 0:
        return 5.0
    step = 1.0
    while step * 5 < top:
        for factor in (2, 2.5, 2):
            step *= factor
            if step * 5 >= top:
                break
    return step * 5
