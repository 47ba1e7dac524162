"""Patients: the patient's carte Vitale read in any reader (one beneficiary chosen among several), or his
NIR typed and checked as it is typed; then his situation — rights open or not, the médecin traitant — read
live from the back office or, offline, as last read, with its date; and, for a doctor signed in with his
card, the patient's Vitale in a reader and his consent ticked, 12 months of reimbursements.

No I/O here: the owner (:class:`~desktop_app.presenters.patients.PatientsPresenter`) receives the signals
and answers with the ``show_*``/``set_*`` methods. The history is only ever held by the table shown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QFrame, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QScrollArea, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ..formatting import euros, french_date, french_day, french_time, spaced_nir
from ..patient_rules import HistoryBlock, NirProblem, check_typed_nir
from ..status import local_now
from .common import role_label, set_style_state, show_line
from .section_page import SectionPage

if TYPE_CHECKING:  # the protocol's models load pydantic: only once a session opens
    from cardreader.vitale import Beneficiary
    from sync.protocol import PatientSituation
    from sync.protocol.services import ReimbursementHistory

__all__ = ["PatientsView"]

_CONTENT_WIDTH = 960  # pixels

_NIR_PROBLEMS = {
    NirProblem.FIRST_DIGIT: QT_TRANSLATE_NOOP("PatientsView", "A NIR starts with 1 or 2 (7 or 8 for a temporary "
                                                              "number)."),
    NirProblem.CHARACTER: QT_TRANSLATE_NOOP("PatientsView", "A NIR is made of digits only (2A or 2B for a person "
                                                            "born in Corsica)."),
    NirProblem.TOO_LONG: QT_TRANSLATE_NOOP("PatientsView", "A NIR has 15 characters, its key included: one too "
                                                           "many was typed."),
    NirProblem.WRONG_KEY: QT_TRANSLATE_NOOP("PatientsView", "The key (the last two digits) does not match the "
                                                            "number: check what was typed against the card."),
}
_BLOCKS = {
    HistoryBlock.NOT_A_DOCTOR: QT_TRANSLATE_NOOP("PatientsView", "The reimbursement history is medical data: it is "
                                                                 "shown only to the doctor, signed in with his CPS "
                                                                 "card."),
    HistoryBlock.PASSWORD: QT_TRANSLATE_NOOP("PatientsView", "The reimbursement history needs your CPS card: a "
                                                             "session opened with the password is not enough."),
    HistoryBlock.NO_VITALE: QT_TRANSLATE_NOOP("PatientsView", "Insert the patient's carte Vitale in a reader: the "
                                                              "history is shown only while it is there."),
    HistoryBlock.NO_CONSENT: QT_TRANSLATE_NOOP("PatientsView", "Ask the patient's consent, then tick the box."),
}
_CATEGORIES = {
    "care": QT_TRANSLATE_NOOP("PatientsView", "Care"),
    "exam": QT_TRANSLATE_NOOP("PatientsView", "Exams"),
    "drug": QT_TRANSLATE_NOOP("PatientsView", "Drugs"),
}
_QUALITIES = {
    "00": QT_TRANSLATE_NOOP("PatientsView", "insured"),
    "01": QT_TRANSLATE_NOOP("PatientsView", "spouse"),
    "06": QT_TRANSLATE_NOOP("PatientsView", "child"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("PatientsView", text)


class PatientsView(SectionPage):
    """The Patients page. Signals out: ``read_requested(reader)`` (read the Vitale in it),
    ``beneficiary_chosen(index)`` (of the card read), ``nir_submitted(nir)`` (15 characters, key right),
    ``consent_changed(bool)``, ``history_requested()``."""

    read_requested = Signal(str)
    beneficiary_chosen = Signal(int)
    nir_submitted = Signal(str)
    consent_changed = Signal(bool)
    history_requested = Signal()

    def __init__(self, clock: Callable[[], datetime] = local_now, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Patients"), clock, parent)
        self.setObjectName("patientsPage")
        self.read_buttons: dict[str, QPushButton] = {}
        self.beneficiary_buttons: list[QPushButton] = []
        intro = QLabel(self.tr("Read the patient's carte Vitale, or type his NIR, to see his rights and his "
                               "médecin traitant."), objectName="pageIntro", wordWrap=True)
        self.body.addWidget(intro)
        content = QWidget(objectName="patientsContent", maximumWidth=_CONTENT_WIDTH)
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 6, 12, 0)
        column.setSpacing(14)
        top = QHBoxLayout()  # the patient found beside how he was found: the history has the width below
        top.setSpacing(14)
        top.addWidget(self._build_find(), 1)
        top.addWidget(self._build_situation(), 1)
        column.addLayout(top)
        column.addWidget(self._build_history())
        column.addStretch(1)
        scroll = QScrollArea(objectName="pageScroll", widgetResizable=True)
        scroll.setWidget(content)
        self.body.addWidget(scroll, 1)
        self.clear()

    # -- building ------------------------------------------------------------------------------------

    def _build_find(self) -> QFrame:
        frame = QFrame(objectName="patientFind")
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(8)
        layout.addWidget(role_label(self.tr("Carte Vitale"), role="section"))
        self._readers_box = QVBoxLayout()
        self._readers_box.setSpacing(6)
        layout.addLayout(self._readers_box)
        self._no_vitale = role_label(self.tr("No carte Vitale in the readers: insert it, or type the patient's NIR "
                                             "below."), role="muted")
        layout.addWidget(self._no_vitale)
        self.card_status = role_label(role="muted")
        self.card_status.setObjectName("vitaleStatus")
        layout.addWidget(self.card_status)
        self._choice = QWidget(objectName="beneficiaryChoice")
        self._choice_box = QVBoxLayout(self._choice)
        self._choice_box.setContentsMargins(0, 0, 0, 0)
        self._choice_box.setSpacing(4)
        layout.addWidget(self._choice)
        layout.addSpacing(6)
        layout.addWidget(role_label(self.tr("Or the patient's NIR"), role="section"))
        row = QHBoxLayout()
        row.setSpacing(8)
        self.nir_field = QLineEdit(objectName="nirField")
        self.nir_field.setPlaceholderText(self.tr("e.g. 2 85 03 75 115 042 63"))
        self.nir_field.setAccessibleName(self.tr("Patient's NIR"))
        self.nir_field.setMaxLength(24)  # spaces allowed as on the card
        self.nir_field.setInputMethodHints(Qt.InputMethodHint.ImhNoPredictiveText)
        self.nir_field.textChanged.connect(self._nir_typed)
        self.nir_field.returnPressed.connect(self._submit_nir)
        self.nir_button = QPushButton(self.tr("Look up"), objectName="nirLookUp")
        self.nir_button.setAccessibleName(self.tr("Look up the patient's situation"))
        self.nir_button.clicked.connect(self._submit_nir)
        row.addWidget(self.nir_field, 1)
        row.addWidget(self.nir_button)
        layout.addLayout(row)
        self.nir_message = role_label(role="error")
        self.nir_message.setObjectName("nirMessage")
        self.nir_message.setAccessibleName(self.tr("NIR check"))
        layout.addWidget(self.nir_message)
        return frame

    def _build_situation(self) -> QFrame:
        self._situation = QFrame(objectName="patientSituation")
        layout = QVBoxLayout(self._situation)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(6)
        self.patient_name = role_label(role="heading")
        self.patient_name.setObjectName("patientName")
        self.patient_identity = role_label(role="muted")
        self.rights = role_label()
        self.rights.setObjectName("patientRights")
        self.treating = role_label()
        self.treating.setObjectName("treatingDoctor")
        self.read_at = role_label(role="caption")
        self.read_at.setObjectName("situationReadAt")
        self.situation_status = role_label(role="status")
        self.situation_error = role_label(role="error")
        self.situation_error.setObjectName("situationError")
        for widget in (self.patient_name, self.patient_identity, self.rights, self.treating, self.read_at,
                       self.situation_status, self.situation_error):
            layout.addWidget(widget)
        layout.addStretch(1)
        return self._situation

    def _build_history(self) -> QFrame:
        self._history = QFrame(objectName="patientHistory")
        layout = QVBoxLayout(self._history)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(8)
        layout.addWidget(role_label(self.tr("Reimbursements of the last 12 months"), role="section"))
        self.consent = QCheckBox(self.tr("The patient agrees that I consult his reimbursements"),
                                 objectName="historyConsent")
        self.consent.toggled.connect(self.consent_changed)
        self.history_button = QPushButton(self.tr("Show the history"), objectName="showHistory")
        self.history_button.clicked.connect(self.history_requested)
        row = QHBoxLayout()
        row.addWidget(self.consent, 1)
        row.addWidget(self.history_button)
        layout.addLayout(row)
        self.history_reason = role_label(role="muted")
        self.history_reason.setObjectName("historyReason")
        self.history_status = role_label(role="status")
        self.history_error = role_label(role="error")
        self.history_error.setObjectName("historyError")
        self.history_totals = role_label()
        self.history_totals.setObjectName("historyTotals")
        self.history_table = QTableWidget(0, 6, objectName="historyTable")
        self.history_table.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Kind"), self.tr("Description"),
                                                      self.tr("By"), self.tr("Reimbursed"), self.tr("Paid on")])
        self.history_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_table.verticalHeader().setVisible(False)
        self.history_table.setAlternatingRowColors(True)
        self.history_table.setWordWrap(False)
        self.history_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.history_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for stretched in (2, 3):  # the care and who gave it share what is left
            header.setSectionResizeMode(stretched, QHeaderView.ResizeMode.Stretch)
        for widget in (self.history_reason, self.history_status, self.history_error, self.history_totals):
            layout.addWidget(widget)
        layout.addWidget(self.history_table, 1)
        return self._history

    # -- what the owner calls --------------------------------------------------------------------------

    def clear(self) -> None:
        """No session: nothing of any patient is left on the page (the readers stay as they are)."""
        self.set_freshness(None)
        self.nir_field.clear()
        self._nir_typed("")
        self.show_card_status(None)
        self.set_beneficiaries(())
        self.clear_patient()

    def clear_patient(self) -> None:
        """Forget the patient shown: his situation and his history."""
        for label in (self.patient_name, self.patient_identity, self.rights, self.treating, self.read_at,
                      self.situation_status, self.situation_error):
            show_line(label, None)
        self._situation.setVisible(False)
        self.consent.setChecked(False)
        self.clear_history()
        self._history.setVisible(False)

    def set_vitale_readers(self, readers: Sequence[str]) -> None:
        """The readers holding a carte Vitale, each with its "Read" button."""
        while (item := self._readers_box.takeAt(0)) is not None:
            if item.widget() is not None:
                item.widget().deleteLater()
        self.read_buttons = {}
        for reader in readers:
            line = QWidget(objectName="vitaleReader")
            row = QHBoxLayout(line)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(role_label(self.tr("A carte Vitale is in « %1 ».").replace("%1", reader)), 1)
            button = QPushButton(self.tr("Read the card"), objectName="readVitale")
            button.setAccessibleName(self.tr("Read the carte Vitale in %1").replace("%1", reader))
            button.clicked.connect(lambda _=False, name=reader: self.read_requested.emit(name))
            self.read_buttons[reader] = button
            row.addWidget(button)
            self._readers_box.addWidget(line)
        self._no_vitale.setVisible(not readers)

    def show_card_status(self, text: str | None, *, error: bool = False) -> None:
        """A line under the readers: "Reading the carte Vitale…", or why it could not be read."""
        show_line(self.card_status, text)
        set_style_state(self.card_status, "role", "error" if error else "muted")

    def set_beneficiaries(self, people: Sequence[Beneficiary]) -> None:
        """The people of the card read, to choose from (several share one card; none: the choice hides)."""
        while (item := self._choice_box.takeAt(0)) is not None:
            if item.widget() is not None:
                item.widget().deleteLater()
        self.beneficiary_buttons = []
        if len(people) > 1:
            self._choice_box.addWidget(role_label(self.tr("This card carries %n people: choose the patient.", None,
                                                          len(people))))
            for index, person in enumerate(people):
                button = QPushButton(self._person_text(person), objectName="beneficiary")
                button.setCheckable(True)
                button.clicked.connect(lambda _=False, chosen=index: self._choose(chosen))
                self.beneficiary_buttons.append(button)
                self._choice_box.addWidget(button)
        self._choice.setVisible(len(people) > 1)

    def show_looking_up(self) -> None:
        """The situation is being asked of the back office."""
        self.clear_patient()
        self._situation.setVisible(True)
        show_line(self.situation_status, self.tr("Reading the patient's situation from the health insurance…"))

    def show_situation(self, situation: PatientSituation, read_at: datetime, live: bool,
                       person: Beneficiary | None = None) -> None:
        """The situation read (``live``: just now; else the copy kept from ``read_at``); ``person``: the
        beneficiary chosen on the card, when it is not the card's holder himself."""
        self.clear_patient()
        self._situation.setVisible(True)
        name = f"{situation.first_name} {situation.last_name}"
        if person is not None and (person.first_name, person.last_name) != (situation.first_name,
                                                                             situation.last_name):
            name = self.tr("%1, on the card of %2").replace("%1", f"{person.first_name} {person.last_name}") \
                .replace("%2", name)
        show_line(self.patient_name, name)
        show_line(self.patient_identity, self.tr("Born on %1 · NIR %2 · Fund %3")
                  .replace("%1", french_date(person.birth_date if person else situation.birth_date))
                  .replace("%2", spaced_nir(situation.nir)).replace("%3", situation.fund))
        show_line(self.rights, self._rights_text(situation))
        set_style_state(self.rights, "open", "true" if situation.rights.open else "false")
        show_line(self.treating, self._treating_text(situation))
        now = self._clock()
        local = read_at.astimezone(now.tzinfo)
        when = self.tr("on %1 at %2").replace("%1", french_day(local.date(), now.date())) \
            .replace("%2", french_time(local))
        if live:
            show_line(self.read_at, self.tr("Situation read from the health insurance %1.").replace("%1", when))
        else:
            show_line(self.read_at, self.tr("Situation read %1, offline: the health insurance cannot be reached, "
                                            "this is the last one read on this workstation.").replace("%1", when))
        set_style_state(self.read_at, "live", "true" if live else "false")
        self._history.setVisible(True)

    def show_lookup_error(self, text: str) -> None:
        self.clear_patient()
        self._situation.setVisible(True)
        show_line(self.situation_error, text)

    def set_history_block(self, block: HistoryBlock | None) -> None:
        """Why the history cannot be asked now (None: it can, the button is enabled)."""
        show_line(self.history_reason, _tr(_BLOCKS[block]) if block is not None else None)
        self.history_button.setEnabled(block is None)
        doctor_may = block not in (HistoryBlock.NOT_A_DOCTOR, HistoryBlock.PASSWORD)
        self.consent.setEnabled(doctor_may)

    def show_history_loading(self) -> None:
        self.clear_history()
        show_line(self.history_status, self.tr("Reading the reimbursements…"))

    def show_history(self, history: ReimbursementHistory) -> None:
        """The 12 months read, newest first, with the totals reimbursed by kind."""
        self.clear_history()
        totals = " · ".join(f"{_tr(_CATEGORIES.get(kind, kind))} {euros(cents)}"
                            for kind, cents in history.reimbursed_by_category.items())
        period = self.tr("From %1 to %2: %n reimbursement(s).", None, len(history.items)) \
            .replace("%1", french_date(history.date_from.isoformat())) \
            .replace("%2", french_date(history.date_to.isoformat()))
        reimbursed = self.tr("Reimbursed: %1").replace("%1", totals)
        show_line(self.history_totals, f"{period}\n{reimbursed}")
        table = self.history_table
        table.setRowCount(len(history.items))
        for row, item in enumerate(history.items):
            cells = (f"{item.care_date:%d/%m/%Y}", _tr(_CATEGORIES.get(item.category, item.category)), item.label,
                     item.provider, euros(item.reimbursed_cents), f"{item.paid_on:%d/%m/%Y}")
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)  # a long label or name is cut in its column
                if column == 4:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    cell.setToolTip(self.tr("Billed: %1").replace("%1", euros(item.billed_cents)))
                table.setItem(row, column, cell)
        table.setVisible(bool(history.items))
        rows = sum(table.rowHeight(row) for row in range(table.rowCount()))  # the page scrolls, not the table
        table.setFixedHeight(table.horizontalHeader().height() + rows + 2 * table.frameWidth())
        if not history.items:
            show_line(self.history_status, self.tr("No reimbursement in the last 12 months."))

    def show_history_error(self, text: str) -> None:
        self.clear_history()
        show_line(self.history_error, text)

    def clear_history(self) -> None:
        """The history leaves the screen (and the memory): the card pulled, another patient, the lock."""
        self.history_table.clearContents()
        self.history_table.setRowCount(0)
        self.history_table.setVisible(False)
        for label in (self.history_status, self.history_error, self.history_totals):
            show_line(label, None)

    def history_rows(self) -> int:
        return self.history_table.rowCount()

    # -- inside ------------------------------------------------------------------------------------------

    def _nir_typed(self, text: str) -> None:
        entry = check_typed_nir(text)
        problem = entry.problem if entry.problem is not NirProblem.INCOMPLETE else None
        show_line(self.nir_message, _tr(_NIR_PROBLEMS[problem]) if problem is not None else None)
        self.nir_button.setEnabled(entry.valid)
        set_style_state(self.nir_field, "valid", "false" if problem is not None else "true")

    def _submit_nir(self) -> None:
        entry = check_typed_nir(self.nir_field.text())
        if entry.nir is not None:
            for button in self.beneficiary_buttons:
                button.setChecked(False)
            self.nir_submitted.emit(entry.nir)
        elif entry.problem is NirProblem.INCOMPLETE and self.nir_field.text().strip():
            show_line(self.nir_message, self.tr("A NIR has 15 characters, its key included."))

    def _choose(self, index: int) -> None:
        for position, button in enumerate(self.beneficiary_buttons):
            button.setChecked(position == index)
        self.beneficiary_chosen.emit(index)

    def _person_text(self, person: Beneficiary) -> str:
        quality = _QUALITIES.get(person.quality)
        text = self.tr("%1 %2, born on %3").replace("%1", person.first_name).replace("%2", person.last_name) \
            .replace("%3", french_date(person.birth_date))
        return f"{text} ({_tr(quality)})" if quality else text

    def _rights_text(self, situation: PatientSituation) -> str:
        rights = situation.rights
        start = french_date(rights.start.isoformat()) if rights.start else None
        end = french_date(rights.end.isoformat()) if rights.end else None
        if rights.open:
            if start and end:
                return self.tr("Rights open, from %1 to %2.").replace("%1", start).replace("%2", end)
            if end:
                return self.tr("Rights open until %1.").replace("%1", end)
            return self.tr("Rights open.")
        if end:
            return self.tr("Rights closed: they ended on %1. Ask the patient for his up-to-date certificate "
                           "(attestation de droits).").replace("%1", end)
        return self.tr("Rights closed. Ask the patient for his up-to-date certificate (attestation de droits).")

    def _treating_text(self, situation: PatientSituation) -> str:
        doctor = situation.treating_doctor
        since = french_date(doctor.declared_on.isoformat()) if doctor.declared_on else None
        if not doctor.declared:
            return self.tr("No médecin traitant declared.")
        if doctor.is_you:
            return (self.tr("You are his médecin traitant, declared on %1.").replace("%1", since) if since
                    else self.tr("You are his médecin traitant."))
        name = doctor.name or self.tr("another doctor")
        return (self.tr("Médecin traitant: %1, declared on %2.").replace("%1", name).replace("%2", since) if since
                else self.tr("Médecin traitant: %1.").replace("%1", name))
