"""The signed-in main area: the list of sections on the left, the open section on the right.

Accueil, Dernières connexions and Délégations are the shell's own pages; each other section's presenter
(:mod:`desktop_app.section_list`) puts its page in with :meth:`ShellView.set_page`. The view holds no data of
its own: the owner fills the pages and calls :meth:`ShellView.clear` when the session locks.

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

_SHORTCUTS = 9  # Ctrl+1…Ctrl+9


def section_title(section: str) -> str:
    """The section's name in the user's language, as the list shows it."""
    return QCoreApplication.translate("Sections", _TITLES[Section(section)])


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
            page = built.get(section) or QWidget()  # the section's presenter puts its page in (set_page)
            page.setAccessibleName(section_title(section))
            self._stack.addWidget(page)
        self._note = QLabel(self.tr("Some sections are hidden: the medical ones (patients, ALD, activity) are "
                                    "the doctor's alone; the others, your doctor can delegate to your card from "
                                    "“Delegations”."),
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
        """Put ``page`` in place of section ``name``'s (made by the section's presenter)."""
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
