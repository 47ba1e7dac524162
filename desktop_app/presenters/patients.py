"""Patients: follows the cartes Vitale in the readers, reads one on the card thread when asked (or when it
is inserted during a session), looks the patient's situation up live on the pool (the last one read is
kept, sealed, by :class:`sync.patients.PatientSituations`, and shown with its date offline), and asks the
reimbursement history only when the rules allow it (:func:`~desktop_app.patient_rules.history_block`).

Proof that the patient's card is there: just before the history is asked, the Vitale is read again on
the card thread, and its serial (which the back office checks against the NIR) is the one sent. The
history is never written anywhere: it lives in the page's table until the card is pulled, another
patient is looked up, or the session locks. No NIR or name goes to the log.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from cardreader.atr import AtrInfo, CardFamily
from cardreader.errors import CardError
from cardreader.monitor import EventKind, ReaderEvent
from cardreader.reading import CardReading
from cardreader.vitale import Beneficiary, VitaleCard

from ..card_ops import CardOps
from ..main_window import MainWindow
from ..messages import card_error_text, sync_error_text
from ..ops import OpRunner
from ..patient_rules import HistoryBlock, history_block
from ..section_presenter import SectionPresenter, SectionSession
from ..sections import Section
from ..session import Method
from ..status import local_now
from ..threads import CardThread
from ..views.patients import PatientsView

if TYPE_CHECKING:
    from sync.patients import PatientLookup
    from sync.protocol.services import ReimbursementHistory

__all__ = ["PatientsPresenter"]

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass
class _Vitale:
    """A carte Vitale in a reader: its insertion (a read answering for an older one is dropped) and, once
    read during the session, what it carries."""

    insertion: int
    atr: AtrInfo
    card: VitaleCard | None = None


@dataclass(frozen=True)
class _Patient:
    """The patient shown: his NIR (15 characters) and, when chosen on a card, the beneficiary."""

    nir: str
    person: Beneficiary | None = None


def _same_nir(a: str, b: str) -> bool:
    return a.replace(" ", "").upper() == b.replace(" ", "").upper()


class PatientsPresenter(SectionPresenter):
    section = Section.PATIENTS

    def __init__(self, window: MainWindow, ops: OpRunner, card_thread: CardThread, cards: CardOps,
                 clock: Callable[[], datetime] = local_now) -> None:
        super().__init__(window, ops, clock)
        self._card_thread, self._cards = card_thread, cards
        self._insertions = 0
        self._vitales: dict[str, _Vitale] = {}  # reader → the Vitale in it
        self._read_from: str | None = None  # the reader of the card whose people are offered
        self._patient: _Patient | None = None
        self._consent = False
        self._asked = 0  # the number of the last lookup or history asked: an older answer is dropped
        self.view = PatientsView(clock)
        self.view.read_requested.connect(self.read_vitale)
        self.view.beneficiary_chosen.connect(self._chosen)
        self.view.nir_submitted.connect(self.look_up)
        self.view.consent_changed.connect(self._consent_changed)
        self.view.history_requested.connect(self.ask_history)
        window.shell.set_page(Section.PATIENTS, self.view)
        self.view.set_vitale_readers([])

    # -- the section's life ------------------------------------------------------------------------------

    def open(self, session: SectionSession) -> None:
        super().open(session)
        self._show_readers()
        self._show_block()

    def forget(self) -> None:
        """The lock: the cards' people, the patient, his situation and history leave the page and memory."""
        self._patient, self._read_from, self._consent = None, None, False
        self._asked += 1
        for vitale in self._vitales.values():
            vitale.card = None
        self.view.clear()
        self._show_readers()

    def reader_event(self, event: ReaderEvent) -> None:
        if event.kind is EventKind.CARD_INSERTED and event.card is not None \
                and event.card.family is CardFamily.VITALE:
            self._insertions += 1
            self._vitales[event.reader] = _Vitale(self._insertions, event.card)
            self._show_readers()
            if self.session is not None:  # inserted for the patient in front of the doctor: read at once
                self._show_block()
                self.read_vitale(event.reader)
        elif event.kind in (EventKind.CARD_REMOVED, EventKind.READER_REMOVED) and event.reader in self._vitales:
            del self._vitales[event.reader]
            if self._read_from == event.reader:
                self._read_from = None
                self.view.set_beneficiaries(())
                self.view.show_card_status(None)
            self._show_readers()
            if self.session is not None:
                self.view.clear_history()  # shown while the card was there only
                self._show_block()

    # -- the carte Vitale ----------------------------------------------------------------------------------

    def read_vitale(self, reader: str) -> None:
        """Read the Vitale in ``reader`` on the card thread: one person is looked up at once; several are
        offered to choose from."""
        vitale = self._vitales.get(reader)
        if self.session is None or vitale is None:
            return
        self.view.show_card_status(self.tr("Reading the carte Vitale…"))
        self.view.set_beneficiaries(())
        insertion = vitale.insertion

        def read(reading: CardReading) -> None:
            current = self._vitales.get(reader)
            if current is None or current.insertion != insertion:
                return  # pulled or swapped since
            if reading.error is not None or reading.vitale is None:
                error = reading.error
                self.view.show_card_status(card_error_text(error) if error is not None else
                                           self.tr("This card could not be read as a carte Vitale."), error=True)
                return
            current.card = reading.vitale
            self._read_from = reader
            people = reading.vitale.beneficiaries
            self.view.show_card_status(None)
            self.view.set_beneficiaries(people)
            if len(people) == 1:
                self._chosen(0)

        self._on_card(self._cards.read_card, reader, vitale.atr, done=read)

    def _chosen(self, index: int) -> None:
        vitale = self._vitales.get(self._read_from or "")
        if vitale is None or vitale.card is None or not 0 <= index < len(vitale.card.beneficiaries):
            return
        person = vitale.card.beneficiaries[index]
        if not person.nir_key_valid:
            self.view.show_lookup_error(self.tr("The NIR on this card has a wrong key: the card may be damaged. "
                                                "Type the NIR from the patient's certificate."))
            return
        self.look_up(person.nir, person)

    # -- the situation --------------------------------------------------------------------------------------

    def look_up(self, nir: str, person: Beneficiary | None = None) -> None:
        """Ask the situation of the patient ``nir`` (``person``: as chosen on his card) live, or the copy
        kept when the back office cannot answer."""
        session = self.session
        if session is None:
            return
        patient = _Patient(nir, person)
        self._patient, self._consent = patient, False
        self._asked += 1
        asked = self._asked
        self.view.show_looking_up()
        self._show_block()

        def work() -> PatientLookup:
            from sync.patients import PatientSituations  # on the pool (see SectionSession)

            return PatientSituations(session.client, session.store).lookup(patient.nir)

        def done(found: PatientLookup) -> None:
            if asked == self._asked:
                self.view.show_situation(found.situation, found.read_at, found.live, patient.person)
                self._show_block()

        def failed(error: BaseException) -> None:
            if asked == self._asked:
                self.view.show_lookup_error(self._error_text(error, self.tr(
                    "The situation could not be read, and none was read before on this workstation.")))

        self.run(work, done, failed)

    # -- the reimbursement history ------------------------------------------------------------------------

    def ask_history(self) -> None:
        """Read the patient's Vitale again (it must still be there, and carry his NIR), then ask the back
        office with its serial and the consent."""
        session, patient = self.session, self._patient
        if session is None or patient is None or self._block() is not None:
            self._show_block()
            return
        self._asked += 1
        asked = self._asked
        self.view.show_history_loading()
        readers = list(self._vitales.items())

        def present() -> str | None:
            """On the card thread: the serial of the Vitale in a reader that carries the patient's NIR."""
            for reader, vitale in readers:
                reading = self._cards.read_card(reader, vitale.atr)
                card = reading.vitale
                if card is not None and any(_same_nir(p.nir, patient.nir) for p in card.beneficiaries):
                    return card.serial
            return None

        def proven(serial: str | None) -> None:
            if asked != self._asked:
                return
            if serial is None:
                self.view.show_history_error(self.tr("The carte Vitale in the reader is not this patient's: "
                                                     "insert his own card."))
                return
            self.run(lambda: session.client.patient_history(patient.nir, serial, consent=True), shown,
                     refused)

        def shown(history: ReimbursementHistory) -> None:
            if asked == self._asked and self._block() is None:  # not pulled meanwhile
                self.view.show_history(history)

        def refused(error: BaseException) -> None:
            if asked == self._asked:
                self.view.show_history_error(self._error_text(error, self.tr("The history could not be read.")))

        self._on_card(present, done=proven, failed=refused)

    def _consent_changed(self, consent: bool) -> None:
        self._consent = consent
        if not consent:
            self.view.clear_history()
        self._show_block()

    def _block(self) -> HistoryBlock | None:
        session = self.session
        if session is None:
            return HistoryBlock.NOT_A_DOCTOR
        return history_block(session.user.kind, session.method is Method.CARD, bool(self._vitales), self._consent)

    # -- helpers ---------------------------------------------------------------------------------------------

    def _show_readers(self) -> None:
        self.view.set_vitale_readers(sorted(self._vitales))

    def _show_block(self) -> None:
        if self.session is not None:
            self.view.set_history_block(self._block())

    def _on_card(self, operation: Callable[..., T], *args: Any, done: Callable[[T], None],
                 failed: Callable[[BaseException], None] | None = None) -> None:
        """``operation(*args)`` on the card thread; its outcome on the GUI thread while the same session is
        open."""
        session = self.session

        def success(result: T) -> None:
            if session is not None and session is self.session:
                done(result)

        def failure(error: BaseException) -> None:
            if session is None or session is not self.session:
                return
            if failed is not None:
                failed(error)
            else:
                self.view.show_card_status(self._error_text(error, self.tr("The card could not be read.")),
                                           error=True)

        self.ops.deliver(self._card_thread.submit(operation, *args), success, failure)

    @staticmethod
    def _error_text(error: BaseException, otherwise: str) -> str:
        """The plain sentence of a card or back office error; ``otherwise`` for any other (logged without
        its message, which could name the patient)."""
        from sync.errors import SyncError  # loaded by then: the session's client is

        if isinstance(error, CardError):
            return card_error_text(error)
        if isinstance(error, SyncError):
            return sync_error_text(error)
        log.error("Patients: an unexpected %s", type(error).__name__)
        return otherwise
