"""Informations personnelles: who the back office knows the doctor as — identity, practice locations
with their numéros AM, convention sector said in plain words, masked bank details — how his password
account stands, and the way to "Recent sign-ins".

It draws a frozen :class:`~desktop_app.personal_info.PersonalInfo` and keeps nothing else
(``logins_requested``: the owner opens the section). Nothing here is unmasked.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from ..formatting import french_date
from ..password_rules import PASSWORD_VALIDITY, days_before_expiry
from ..personal_info import OptamState, PersonalInfo
from ..status import local_now
from .common import card_kind_text, role_label, set_style_state, show_line
from .section_page import SectionPage

__all__ = ["PersonalView"]

_CONTENT_WIDTH = 900  # pixels, as Accueil's


class _Card(QFrame):
    """A titled white panel whose lines are label / value pairs (or whole lines spanning both), drawn
    anew by each :meth:`reset`; what is added to :attr:`outer` after the lines stays."""

    def __init__(self, title: str) -> None:
        super().__init__(objectName="infoCard")
        self.setAccessibleName(title)
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(20, 14, 20, 16)
        self.outer.setSpacing(10)
        self.outer.addWidget(QLabel(title, objectName="infoCardTitle"))
        self._lines: QWidget | None = None
        self.grid = QGridLayout()
        self.reset()

    def reset(self) -> None:
        """Drop the lines (they are deleted)."""
        if self._lines is not None:
            self.outer.removeWidget(self._lines)
            self._lines.setParent(None)  # out of the page at once, not only once deleted
            self._lines.deleteLater()
        self._lines = QWidget(objectName="infoLines")
        self.grid = QGridLayout(self._lines)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(24)
        self.grid.setVerticalSpacing(8)
        self.grid.setColumnStretch(1, 1)
        self.outer.insertWidget(1, self._lines)

    def pair(self, label: str, value: str, *, name: str = "") -> QLabel:
        row = self.grid.rowCount()
        key = QLabel(label, objectName="infoLabel")
        key.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        shown = role_label(value)
        shown.setObjectName(name or "infoValue")
        shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        shown.setAccessibleName(f"{label} {value}")
        key.setBuddy(shown)
        self.grid.addWidget(key, row, 0)
        self.grid.addWidget(shown, row, 1)
        return shown

    def line(self, widget: QWidget) -> None:
        self.grid.addWidget(widget, self.grid.rowCount(), 0, 1, 2)

    def note(self, text: str) -> None:
        """What the value above means, under it."""
        label = role_label(text)
        label.setObjectName("infoNote")
        self.grid.addWidget(label, self.grid.rowCount(), 1)


class PersonalView(SectionPage):
    """``set_info`` draws the account (None: being read); ``show_read_failure`` says it could not be read."""

    logins_requested = Signal()

    def __init__(self, clock: Callable[[], datetime] = local_now, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Personal information"), clock, parent)
        self.setObjectName("personalPage")
        self._clock = clock
        self.info: PersonalInfo | None = None
        self.status = role_label(role="hint")
        self.status.setObjectName("pageIntro")
        self.error = role_label(role="error")
        self.identity = _Card(self.tr("Identity"))
        self.locations = _Card(self.tr("Practice locations"))
        self.convention = _Card(self.tr("Agreement with the health insurance"))
        self.bank = _Card(self.tr("Bank details"))
        self.access = _Card(self.tr("Signing in"))
        self.logins_button = QPushButton(self.tr("See your recent sign-ins"), objectName="loginsButton")
        self.logins_button.setAccessibleName(self.tr("Open the recent sign-ins to your account"))
        self.logins_button.clicked.connect(self.logins_requested)
        self.access.outer.addWidget(self.logins_button, 0, Qt.AlignmentFlag.AlignLeft)
        content = QWidget(objectName="personalContent", maximumWidth=_CONTENT_WIDTH)
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        for card in (self.identity, self.locations, self.convention, self.bank, self.access):
            column.addWidget(card)
        column.addStretch(1)
        scroll = QScrollArea(objectName="pageScroll", widgetResizable=True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        self.body.addWidget(self.status)
        self.body.addWidget(self.error)
        self.body.addWidget(scroll, 1)
        self.set_info(None)

    # -- what the presenter calls ------------------------------------------------------------------

    def set_info(self, info: PersonalInfo | None, *, received: bool = True) -> None:
        """Draw ``info`` (the same account again, after a sync pass: nothing moves); None with ``received``
        False: the store has none yet (never synced)."""
        show_line(self.error, None)
        if info is not None and info == self.info:
            return
        self.info = info
        cards = (self.identity, self.locations, self.convention, self.bank, self.access)
        for card in cards:
            card.hide()  # filled hidden: its new lines are shown with it
            card.reset()
        if info is None:
            show_line(self.status, self.tr("Reading your information…") if received else self.tr(
                "Your information has not reached this workstation yet: it will appear here after the next "
                "synchronization with the health insurance."))
            return
        show_line(self.status, self.tr("As the health insurance knows you. To change any of it, write to your "
                                       "fund from Contact."))
        self._identity(info)
        self._locations(info)
        self._convention(info)
        self._bank(info)
        self._access(info)
        for card in cards:
            card.show()

    def show_read_failure(self) -> None:
        """The store could not be read (its copy is damaged, the disk failed)."""
        show_line(self.error, self.tr("Your information could not be read on this workstation. If this happens "
                                      "again, export a diagnostic from Diagnostics for support."))

    def clear(self) -> None:
        """The session locked: nothing of it stays in the widgets."""
        self.set_info(None)
        self.set_freshness(None)
        show_line(self.status, None)

    # -- the cards ---------------------------------------------------------------------------------

    def _identity(self, info: PersonalInfo) -> None:
        card = self.identity
        doctor = info.card_type == "CPS"
        name = f"{info.first_name} {info.last_name}"
        card.pair(self.tr("Name"), self.tr("Dr %1").replace("%1", name) if doctor else name, name="identityName")
        profession = {"CPS": self.tr("General practitioner"),
                      "CPF": self.tr("Doctor in training (intern)")}.get(info.card_type, "")
        if profession:
            card.pair(self.tr("Profession"), profession)
        card.pair(self.tr("Card"), card_kind_text(info.card_type))
        if info.rpps:
            card.pair(self.tr("RPPS number"), info.rpps, name="identityRpps")
        card.pair(self.tr("National identifier"), info.national_id)
        card.pair(self.tr("Practice"), info.practice)

    def _locations(self, info: PersonalInfo) -> None:
        card = self.locations
        if not info.locations:
            card.line(role_label(self.tr("No practice location is recorded for your account."), role="hint"))
            return
        row = card.grid.rowCount()
        headers = (self.tr("Place"), self.tr("Billing number (numéro AM)"), self.tr("Practice mode"))
        table = QWidget(objectName="locationsTable")
        grid = QGridLayout(table)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(6)
        for column, header in enumerate(headers):
            grid.addWidget(QLabel(header, objectName="columnHeader"), 0, column)
        modes = {"L": self.tr("Liberal"), "S": self.tr("Salaried"), "R": self.tr("Substitute")}
        for line, location in enumerate(info.locations, 1):
            texts = (location.structure, location.am_number or self.tr("none"),
                     modes.get(location.mode or "", self.tr("not stated")))
            for column, text in enumerate(texts):
                label = role_label(text)
                label.setObjectName("locationAm" if column == 1 else "locationText")
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                grid.addWidget(label, line, column)
        grid.setColumnStretch(0, 1)
        card.grid.addWidget(table, row, 0, 1, 2)

    def _convention(self, info: PersonalInfo) -> None:
        card = self.convention
        sector = info.convention_sector
        titles = {"1": self.tr("Sector 1"), "2": self.tr("Sector 2")}
        meanings = {
            "1": self.tr("You charge the agreed fees, without extra fees (except when a patient asks for "
                         "something outside the usual care). In return the health insurance pays part of your "
                         "social contributions."),
            "2": self.tr("You set your fees: you may charge extra fees above the agreed ones, with tact and "
                         "moderation. Your patients are reimbursed on the agreed fees only."),
        }
        card.pair(self.tr("Convention sector"), titles.get(sector or "", self.tr("Not stated")), name="sectorTitle")
        if sector in meanings:
            card.note(meanings[sector])
        optam = info.optam
        if optam is not None and (optam.applicable or sector == "2"):
            card.pair(self.tr("OPTAM"), self._optam_text(optam), name="optamState")
            card.note(self.tr("OPTAM (option de pratique tarifaire maîtrisée): you commit to limit your extra fees; "
                              "in return your patients are better reimbursed and some of your acts are better paid."))

    def _optam_text(self, optam: OptamState) -> str:
        if not optam.adherent:
            return self.tr("You have not joined it.")
        if optam.since is None:
            return self.tr("You have joined it.")
        return self.tr("You joined it on %1.").replace("%1", french_date(optam.since.isoformat()))

    def _bank(self, info: PersonalInfo) -> None:
        card = self.bank
        if info.bank_account is None:
            card.line(role_label(self.tr("No bank account is recorded: your payments cannot be made by transfer. "
                                         "Send a bank statement (RIB) to your fund."), role="error"))
            return
        card.pair(self.tr("IBAN"), info.bank_account, name="bankAccount")
        card.note(self.tr("Partly hidden for your safety. To change it, send a new bank statement (RIB) to your "
                          "fund."))

    def _access(self, info: PersonalInfo) -> None:
        card = self.access
        expires = info.password_expires_at
        if expires is None:
            card.line(role_label(self.tr("You are signed in with your card. Without it, you sign in with your "
                                         "billing number and a password."), role="hint"))
        else:
            now = self._clock()
            day = french_date(expires.astimezone(now.tzinfo).date().isoformat())
            days = days_before_expiry(expires - PASSWORD_VALIDITY, now)
            if expires <= now:
                text, tone = self.tr("Your password has expired: choose a new one at your next sign-in."), "warning"
            elif days is not None:
                text = self.tr("Your password expires on %1, in %n day(s): change it from a session opened with "
                               "your card.", "", days).replace("%1", day)
                tone = "warning"
            else:
                text, tone = self.tr("Your password is valid until %1 (six months after it was chosen).") \
                    .replace("%1", day), "ok"
            label = card.pair(self.tr("Password"), text, name="passwordExpiry")
            set_style_state(label, "tone", tone)
