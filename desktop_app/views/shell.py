"""The signed-in main area: the list of sections on the left, the open section on the right.

Accueil, Dernières connexions and Délégations are built; the other sections show an honest placeholder
(what they will hold) until their issue replaces it with :meth:`ShellView.set_page`. The view holds no data of its
own: the owner fills the pages and calls :meth:`ShellView.clear` when the session locks.

Keyboard: Up/Down in the list open the sections in turn; Ctrl+1…Ctrl+9 open the first nine sections
shown; Tab goes from the list to the open section.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..sections import Section
from ..status import local_now
from .delegations import DelegationsView
from .home import HomeView
from .logins import LoginsView

__all__ = ["ShellView", "section_title"]

_TITLES = {
    Section.HOME: QT_TRANSLATE_NOOP("Sections", "Home"),
    Section.PAYMENTS: QT_TRANSLATE_NOOP("Sections", "Payments"),
    Section.REJECTS: QT_TRANSLATE_NOOP("Sections", "Rejects"),
    Section.PATIENTS: QT_TRANSLATE_NOOP("Sections", "Patients"),
    Section.ALD: QT_TRANSLATE_NOOP("Sections", "ALD"),
    Section.FORMS: QT_TRANSLATE_NOOP("Sections", "Form orders"),
    Section.CONTACT: QT_TRANSLATE_NOOP("Sections", "Contact"),
    Section.PERSONAL: QT_TRANSLATE_NOOP("Sections", "Personal information"),
    Section.ACTIVITY: QT_TRANSLATE_NOOP("Sections", "Activity"),
    Section.DOCUMENTS: QT_TRANSLATE_NOOP("Sections", "Documents"),
    Section.DIAGNOSTICS: QT_TRANSLATE_NOOP("Sections", "Diagnostics"),
    Section.DELEGATIONS: QT_TRANSLATE_NOOP("Sections", "Delegations"),
    Section.LOGINS: QT_TRANSLATE_NOOP("Sections", "Recent sign-ins"),
}

# What each section not built yet will hold (DOMAIN.md), said on its placeholder.
_COMING = {
    Section.PAYMENTS: QT_TRANSLATE_NOOP(
        "Sections", "Your third-party payments and monthly statements, to search by date, patient, invoice or "
                    "batch number."),
    Section.REJECTS: QT_TRANSLATE_NOOP(
        "Sections", "Each rejected invoice identified at once — the patient's birth date and NIR, the date and "
                    "code of the act — with how to correct it."),
    Section.PATIENTS: QT_TRANSLATE_NOOP(
        "Sections", "A patient's rights and declared médecin traitant, from the carte Vitale or the NIR."),
    Section.ALD: QT_TRANSLATE_NOOP(
        "Sections", "Your patients' ALD that end within three months, to renew them in time."),
    Section.FORMS: QT_TRANSLATE_NOOP(
        "Sections", "Ordering paper forms (care sheets, sick-leave notices, prior agreements…) and following "
                    "your orders."),
    Section.CONTACT: QT_TRANSLATE_NOOP("Sections", "Your messages to your health insurance fund and its answers."),
    Section.PERSONAL: QT_TRANSLATE_NOOP(
        "Sections", "Your identity, RPPS, practice locations with their billing numbers, and bank details."),
    Section.ACTIVITY: QT_TRANSLATE_NOOP(
        "Sections", "Your activity figures and the indicators of your agreement (ROSP, OPTAM)."),
    Section.DOCUMENTS: QT_TRANSLATE_NOOP(
        "Sections", "The scanned care sheets sent through SCOR, those waiting, and their acknowledgements."),
    Section.DIAGNOSTICS: QT_TRANSLATE_NOOP(
        "Sections", "The state of the card readers, of the connection to the back office and of this "
                    "workstation's data, for support."),
}

_SHORTCUTS = 9  # Ctrl+1…Ctrl+9
_CONTENT_WIDTH = 900  # pixels, as Accueil's


def section_title(section: str) -> str:
    """The section's name in the user's language, as the list shows it."""
    return QCoreApplication.translate("Sections", _TITLES[Section(section)])


class Placeholder(QWidget):
    """A section not built yet: its name, "coming soon", and one line on what it will hold."""

    def __init__(self, section: Section, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("placeholderPage")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(10)
        layout.addWidget(QLabel(section_title(section), objectName="pageTitle"))
        layout.addSpacing(8)
        panel = QFrame(objectName="comingSoon", maximumWidth=_CONTENT_WIDTH)
        inner = QVBoxLayout(panel)
        inner.setContentsMargins(20, 16, 20, 16)
        inner.addWidget(QLabel(self.tr("This section is coming soon"), objectName="comingSoonTitle"))
        if section in _COMING:
            inner.addWidget(QLabel(QCoreApplication.translate("Sections", _COMING[section]), objectName="pageIntro",
                                   wordWrap=True))
        layout.addWidget(panel)
        layout.addStretch(1)


class ShellView(QWidget):
    """The sections' list and pages. ``home``, ``logins`` and ``delegations`` are the built pages, for the
    owner to fill."""

    section_changed = Signal(str)  # a Section's value, whenever another section is opened

    def __init__(self, clock: Callable[[], datetime] = local_now, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shell")
        self.home = HomeView(clock)
        self.logins = LoginsView(clock)
        self.delegations = DelegationsView()
        self._nav = QListWidget(objectName="sectionNav")
        self._nav.setAccessibleName(self.tr("Sections"))
        self._nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._stack = QStackedWidget(objectName="sectionStack")
        self._delegated = False
        for section in Section:
            item = QListWidgetItem(section_title(section))
            item.setData(Qt.ItemDataRole.UserRole, section.value)
            self._nav.addItem(item)
            built = {Section.HOME: self.home, Section.LOGINS: self.logins, Section.DELEGATIONS: self.delegations}
            page = built[section] if section in built else Placeholder(section)
            page.setAccessibleName(section_title(section))
            self._stack.addWidget(page)
        self._note = QLabel(self.tr("Some sections are hidden: they have not been delegated to your card. Your "
                                    "doctor can delegate access to you from “Delegations”."),
                            objectName="delegationNote", wordWrap=True)
        self._note.hide()
        self._layout(QLabel(self.tr("Cabinet"), objectName="shellBrand"))
        self._nav.currentRowChanged.connect(self._opened)
        self.home.section_requested.connect(self.show_section)
        for number in range(1, _SHORTCUTS + 1):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda n=number: self._open_nth(n))
        self._nav.setCurrentRow(0)
        self._number_shortcuts()

    def _layout(self, brand: QLabel) -> None:
        side = QFrame(objectName="shellSide")
        side.setFixedWidth(248)
        column = QVBoxLayout(side)
        column.setContentsMargins(12, 18, 12, 14)
        column.setSpacing(10)
        column.addWidget(brand)
        column.addWidget(self._nav, 1)
        column.addWidget(self._note)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(side)
        layout.addWidget(self._stack, 1)

    # -- what the owner calls ----------------------------------------------------------------------

    def set_visible_sections(self, sections: Iterable[str], *, delegated: bool = False) -> None:
        """Show only ``sections`` (:func:`desktop_app.sections.sections_for` the session's scopes).
        ``delegated``: a CPE session, whose hidden sections are said to be its titular's to delegate."""
        visible = {Section(name) for name in sections} | {Section.HOME}
        for row, section in enumerate(Section):
            self._nav.item(row).setHidden(section not in visible)
        self._note.setVisible(delegated and len(visible) < len(Section))
        self.home.set_visible_sections(visible)
        if self.current_section() not in visible:
            self.show_section(Section.HOME)
        self._number_shortcuts()

    def visible_sections(self) -> list[Section]:
        """In the list's order."""
        return [section for row, section in enumerate(Section) if not self._nav.item(row).isHidden()]

    def current_section(self) -> Section:
        return Section(self._nav.currentItem().data(Qt.ItemDataRole.UserRole))

    def show_section(self, name: str) -> bool:
        """Open section ``name``; False (and nothing changes) when this session does not show it."""
        row = list(Section).index(Section(name))
        if self._nav.item(row).isHidden():
            return False
        self._nav.setCurrentRow(row)
        return True

    def page(self, name: str) -> QWidget:
        return self._stack.widget(list(Section).index(Section(name)))

    def set_page(self, name: str, page: QWidget) -> None:
        """Put ``page`` in place of section ``name``'s placeholder (the next issues' screens)."""
        row = list(Section).index(Section(name))
        old = self._stack.widget(row)
        page.setAccessibleName(section_title(name))
        self._stack.insertWidget(row, page)
        self._stack.removeWidget(old)
        old.deleteLater()
        self._stack.setCurrentIndex(self._nav.currentRow())

    def clear(self) -> None:
        """Drop every page's data (the session locked): each page with a ``clear()`` is cleared."""
        for index in range(self._stack.count()):
            clear = getattr(self._stack.widget(index), "clear", None)
            if callable(clear):
                clear()

    # -- inside ------------------------------------------------------------------------------------

    def _opened(self, row: int) -> None:
        if row < 0:
            return
        self._stack.setCurrentIndex(row)
        self.section_changed.emit(list(Section)[row].value)

    def _open_nth(self, number: int) -> None:
        shown = self.visible_sections()
        if number <= len(shown):
            self.show_section(shown[number - 1])

    def _number_shortcuts(self) -> None:
        """Each of the first nine sections shown says its shortcut in its tooltip."""
        shown = self.visible_sections()
        for row, section in enumerate(Section):
            number = shown.index(section) + 1 if section in shown else 0
            shortcut = QKeySequence(f"Ctrl+{number}").toString(QKeySequence.SequenceFormat.NativeText)
            self._nav.item(row).setToolTip(shortcut if 0 < number <= _SHORTCUTS else "")
