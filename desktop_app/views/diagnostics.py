"""The Diagnostics section, for support: the card readers (:class:`~desktop_app.views.readers.ReadersView`),
why this workstation's encryption key is not kept in the system keyring when it is not, and the facts
(:class:`~desktop_app.diagnosis.Facts`): pcscd's state with each reader's card ATR, the back office's
reachability and latency, versions, keyring, the store's size and freshness per domain, every setting with
where its value comes from; and "Export a diagnostic" (``export_requested``: the owner asks where and
writes the archive)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QLabel, QPushButton, QSplitter, QTreeWidget,
                               QTreeWidgetItem, QTreeWidgetItemIterator, QVBoxLayout, QWidget)

from ..formatting import moment
from ..status import local_now
from .common import role_label, set_style_state, show_line
from .readers import ReadersView
from .shell import section_title

if TYPE_CHECKING:
    from ..diagnosis import Facts, PcscFacts, Reach, SettingFact, StoreFacts

__all__ = ["DiagnosticsView", "domain_title", "size_text"]

_DOMAINS = {
    "payments": QT_TRANSLATE_NOOP("Domains", "Payments"),
    "rejects": QT_TRANSLATE_NOOP("Domains", "Rejects"),
    "orders": QT_TRANSLATE_NOOP("Domains", "Form orders"),
    "messages": QT_TRANSLATE_NOOP("Domains", "Messages"),
    "events": QT_TRANSLATE_NOOP("Domains", "Events"),
    "me": QT_TRANSLATE_NOOP("Domains", "Personal information"),
    "ald": QT_TRANSLATE_NOOP("Domains", "ALD renewals"),
    "forms": QT_TRANSLATE_NOOP("Domains", "Forms catalogue"),
    "activity": QT_TRANSLATE_NOOP("Domains", "Activity"),
    "awaiting": QT_TRANSLATE_NOOP("Domains", "Invoices awaiting a document"),
}


def domain_title(domain: str) -> str:
    return QCoreApplication.translate("Domains", _DOMAINS[domain]) if domain in _DOMAINS else domain


def size_text(size: int) -> str:
    """``1 536`` bytes → "1,5 KB" (French: "1,5 Ko")."""
    for limit, unit in ((1024 ** 3, QT_TRANSLATE_NOOP("Sizes", "%1 GB")), (1024 ** 2, QT_TRANSLATE_NOOP("Sizes", "%1 MB")),
                        (1024, QT_TRANSLATE_NOOP("Sizes", "%1 KB"))):
        if size >= limit:
            return QCoreApplication.translate("Sizes", unit).replace("%1", f"{size / limit:.1f}".replace(".", ","))
    return QCoreApplication.translate("Sizes", "%n byte(s)", None, size)


class DiagnosticsView(QWidget):
    """``readers`` is fed by the owner; :meth:`set_facts` by the Diagnostics presenter; :meth:`clear` (the
    session locked) drops every card's content, the key warning and the facts of the session."""

    export_requested = Signal()

    def __init__(self, clock: Callable[[], datetime] = local_now, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diagnosticsPage")
        self._clock = clock
        self.readers = ReadersView()
        self.key_warning = role_label(role="warning")
        self.key_warning.setObjectName("keyWarning")
        show_line(self.key_warning, None)
        self.facts = QTreeWidget(objectName="factsTree")
        self.facts.setColumnCount(3)
        self.facts.setHeaderLabels([self.tr("Item"), self.tr("State"), self.tr("Comes from")])
        self.facts.setAccessibleName(self.tr("Facts for support"))
        self.facts.setAlternatingRowColors(True)
        header = self.facts.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.facts.setColumnWidth(1, 440)
        self.export_button = QPushButton(self.tr("Export a diagnostic…"), objectName="exportDiagnostic")
        self.export_button.setAccessibleName(self.tr("Export a diagnostic for support"))
        self.export_button.clicked.connect(self.export_requested)
        self.export_outcome = role_label()
        self.export_outcome.setObjectName("exportOutcome")
        show_line(self.export_outcome, None)
        export_hint = QLabel(self.tr("The archive holds Cabinet's logs and these facts, without any PIN, NIR, "
                                     "name or connection token: you can send it to your support."),
                             objectName="pageIntro", wordWrap=True)
        facts_panel = QWidget()
        facts_column = QVBoxLayout(facts_panel)
        facts_column.setContentsMargins(0, 8, 0, 0)
        facts_column.addWidget(QLabel(self.tr("This workstation"), objectName="screenTitle"))
        facts_column.addWidget(self.facts, 1)
        panels = QSplitter(Qt.Orientation.Vertical, objectName="diagnosticsPanels", childrenCollapsible=False)
        panels.addWidget(self.readers)
        panels.addWidget(facts_panel)
        panels.setStretchFactor(0, 1)
        panels.setStretchFactor(1, 3)
        export_row = QHBoxLayout()
        export_row.addWidget(self.export_button)
        export_row.addWidget(export_hint, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(10)
        layout.addWidget(QLabel(section_title("diagnostics"), objectName="pageTitle"))
        layout.addWidget(self.key_warning)
        layout.addWidget(panels, 1)
        layout.addLayout(export_row)
        layout.addWidget(self.export_outcome)

    def set_key_warning(self, text: str | None) -> None:
        """Why the session's data key is kept in a file (:func:`~desktop_app.messages.key_warning_text`), or
        None when the keyring keeps it."""
        show_line(self.key_warning, text)

    # -- the facts ---------------------------------------------------------------------------------

    def set_facts(self, facts: Facts | None) -> None:
        """Show ``facts`` (None: none, the session locked). The groups the user opened or closed stay so."""
        closed = {self.facts.topLevelItem(i).text(0) for i in range(self.facts.topLevelItemCount())
                  if not self.facts.topLevelItem(i).isExpanded()}
        self.facts.clear()
        if facts is None:
            return
        self._pcsc(facts.pcsc)
        if facts.backoffice is not None:
            self._backoffice(facts.backoffice)
        group = self._group(self.tr("Versions"))
        for name, version in facts.versions:  # product names, but the system's
            QTreeWidgetItem(group, [self.tr("Operating system") if name == "System" else name, version])
        group = self._group(self.tr("Encryption key"))
        QTreeWidgetItem(group, [self.tr("Keyring"), facts.keyring])
        if facts.store is not None:
            self._store(facts.store)
        self._settings(facts.settings)
        iterator = QTreeWidgetItemIterator(self.facts)
        while (item := iterator.value()) is not None:  # a value cut short by the column is read whole here
            for column in (1, 2):
                item.setToolTip(column, item.text(column))
            iterator += 1
        for i in range(self.facts.topLevelItemCount()):
            item = self.facts.topLevelItem(i)
            item.setExpanded(item.text(0) not in closed)

    def _group(self, title: str, state: str = "") -> QTreeWidgetItem:
        item = QTreeWidgetItem(self.facts, [title, state])
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        item.setFirstColumnSpanned(not state)
        return item

    def _pcsc(self, pcsc: PcscFacts) -> None:
        if not pcsc.available:
            group = self._group(self.tr("Smart-card service (pcscd)"), self.tr("Not available"))
            QTreeWidgetItem(group, [self.tr("Error"), pcsc.error or ""])
            return
        group = self._group(self.tr("Smart-card service (pcscd)"),
                            self.tr("Running — %n reader(s)", "", len(pcsc.readers)))
        for reader in pcsc.readers:
            card = self.tr("Empty") if reader.atr is None else self.tr("Mute card") if not reader.atr \
                else self.tr("ATR %1").replace("%1", reader.atr)
            QTreeWidgetItem(group, [reader.name, card])

    def _backoffice(self, reach: Reach) -> None:
        if reach.reachable and reach.status is not None and reach.status < 500:
            state = self.tr("Reachable — %1 ms").replace("%1", f"{reach.latency_ms:.0f}")
        elif reach.reachable:
            state = self.tr("Answers with an error (HTTP %1)").replace("%1", str(reach.status))
        else:
            state = self.tr("Not reachable")
        group = self._group(self.tr("Back office"), state)
        QTreeWidgetItem(group, [self.tr("Address"), reach.url])
        if reach.error is not None:
            from ..messages import sync_error_text

            QTreeWidgetItem(group, [self.tr("Why"), sync_error_text(reach.error)])

    def _store(self, store: StoreFacts) -> None:
        group = self._group(self.tr("Data on this workstation"))
        QTreeWidgetItem(group, [self.tr("Store size"), size_text(store.size_bytes)])
        QTreeWidgetItem(group, [self.tr("Scanned documents"), size_text(store.documents_bytes)])
        now = self._clock()
        for domain, as_of in store.freshness:
            when = self.tr("Up to date %1").replace("%1", moment(as_of, now)) if as_of else self.tr("Never synchronized")
            QTreeWidgetItem(group, [domain_title(domain), when])

    def _settings(self, settings: tuple[SettingFact, ...]) -> None:
        group = self._group(self.tr("Settings"))
        for fact in settings:
            origin = {"default": self.tr("default"), "environment": self.tr("environment (CABINET_%1)")
                      .replace("%1", fact.name.upper()), "command line": self.tr("command line")}.get(fact.origin,
                                                                                                   fact.origin)
            if fact.locked:
                origin = self.tr("%1 — locked by the machine's settings").replace("%1", origin)
            QTreeWidgetItem(group, [fact.name, fact.value or self.tr("(none)"), origin])

    # -- the export --------------------------------------------------------------------------------

    def set_exporting(self, exporting: bool) -> None:
        """While the archive is written: the button waits, the line says so."""
        self.export_button.setEnabled(not exporting)
        if exporting:
            self.set_export_outcome(self.tr("Writing the diagnostic…"))

    def set_export_outcome(self, text: str | None, *, error: bool = False) -> None:
        show_line(self.export_outcome, text)
        set_style_state(self.export_outcome, "role", "error" if error else "hint")

    def clear(self) -> None:
        self.readers.clear()
        show_line(self.key_warning, None)
        self.set_facts(None)
        self.set_export_outcome(None)
        self.export_button.setEnabled(True)
