"""ALD: the médecin traitant's patients whose ALD ends within 3 months and needs an argued renewal,
soonest first, each with what to do and by when (DOMAIN.md: told at M-3). No I/O here."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHeaderView, QLabel, QWidget

from ..models.ald import URGENT_DAYS, AldModel
from ..status import local_now
from .common import role_label
from .section_page import SectionPage
from .tables import RowState, StateDelegate, data_table

if TYPE_CHECKING:
    from sync.protocol import AldRenewal

__all__ = ["AldView"]

_STATES = {"urgent": RowState("#a35f00", bold=True, columns=frozenset({0})),
           "ended": RowState("#a1231b", bold=True, columns=frozenset({0}))}
_WIDTHS = (128, 316, 296)  # the last column, what to do, takes the rest


class AldView(SectionPage):
    def __init__(self, clock: Callable[[], datetime] = local_now, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("ALD renewals"), clock, parent)
        self.setObjectName("aldPage")
        intro = role_label(self.tr("Your patients whose ALD exemption ends within 3 months and is not renewed "
                                   "automatically. Write the protocole de soins for the argued renewal before "
                                   "the end date, so that their cover does not break."))
        intro.setObjectName("pageIntro")
        self.body.addWidget(intro)
        self.count = QLabel(objectName="aldCount")
        self.body.addWidget(self.count)
        self.model = AldModel(self)
        self.table = data_table("aldTable", self.tr("ALD renewals due"), sortable=False)
        self.table.setModel(self.model)
        self.table.setItemDelegate(StateDelegate(AldModel.STATE_ROLE, _STATES, self.table))
        for column, width in enumerate(_WIDTHS):
            self.table.setColumnWidth(column, width)
        self.table.setWordWrap(True)  # a short list: each renewal whole, on as many lines as it takes
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.empty = role_label(self.tr("No ALD renewal due within 3 months."), centred=True)
        self.empty.setObjectName("emptyState")
        self.body.addWidget(self.table, 1)
        self.body.addWidget(self.empty, 1)
        self.set_renewals(None)

    def set_renewals(self, renewals: Sequence[AldRenewal] | None, today: date = date.min) -> None:
        """The renewals in the back office's window, counted from ``today`` (None: no session)."""
        if renewals is None:
            self.model.clear()
            self.count.clear()
            self.table.hide()
            self.empty.hide()
            return
        self.model.set_renewals(renewals, today)
        urgent = sum(1 for row in range(self.model.rowCount()) if self.model.days_left(row) <= URGENT_DAYS)
        text = self.tr("%n renewal(s) due within 3 months", None, len(renewals))
        if urgent:
            text += " — " + self.tr("%n within a month", None, urgent)
        self.count.setText(text)
        self.table.setVisible(bool(renewals))
        self.empty.setVisible(not renewals)

    def clear(self) -> None:
        self.set_renewals(None)
        self.set_freshness(None)
