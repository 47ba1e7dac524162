"""The sections' list and pages: navigation by mouse and keyboard, pages put in place, what a CPE sees."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QWidget
from view_clock import MONDAY, Clock

from desktop_app.account import DelegationsState, Secretary
from desktop_app.sections import Section, sections_for
from desktop_app.status import HomeSummary
from desktop_app.views.logins import LoginRow
from desktop_app.views.shell import ShellView

SECRETARY = sections_for(["payments", "forms", "documents"])


@pytest.fixture
def shell(qtbot):
    view = ShellView(Clock())
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def nav(shell: ShellView) -> QListWidget:
    return shell.findChild(QListWidget, "sectionNav")


def note(shell: ShellView) -> QLabel:
    return shell.findChild(QLabel, "delegationNote")


def test_every_section_is_listed_in_order_and_home_is_open(shell):
    assert [nav(shell).item(row).data(Qt.ItemDataRole.UserRole) for row in range(nav(shell).count())] == [
        s.value for s in Section]
    assert [nav(shell).item(row).text() for row in range(3)] == ["Home", "Payments", "Rejects"]
    assert shell.current_section() is Section.HOME and shell.page(Section.HOME) is shell.home
    assert nav(shell).accessibleName() == "Sections"


def test_show_section_opens_its_page_and_says_so(shell, qtbot):
    with qtbot.waitSignal(shell.section_changed) as changed:
        assert shell.show_section("ald")
    assert changed.args == ["ald"] and shell.current_section() is Section.ALD
    assert shell.findChild(QWidget, "sectionStack").currentWidget() is shell.page("ald")


def test_the_arrows_in_the_list_move_between_sections(shell, qtbot):
    nav(shell).setFocus()
    qtbot.keyClick(nav(shell), Qt.Key.Key_Down)
    qtbot.keyClick(nav(shell), Qt.Key.Key_Down)
    assert shell.current_section() is Section.REJECTS
    qtbot.keyClick(nav(shell), Qt.Key.Key_Up)
    assert shell.current_section() is Section.PAYMENTS


def test_ctrl_and_a_digit_open_the_nth_section_shown(shell, qtbot):
    shell.activateWindow()
    qtbot.waitUntil(shell.isActiveWindow)
    qtbot.keyClick(nav(shell), Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert shell.current_section() is Section.ALD
    shell.set_visible_sections(SECRETARY, delegated=True)
    qtbot.keyClick(nav(shell), Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert shell.current_section() is Section.FORMS  # home, payments, forms…: the third one she sees
    assert nav(shell).item(list(Section).index(Section.FORMS)).toolTip().endswith("3")


def test_every_page_is_named_as_its_section(shell):
    for section in Section:
        assert shell.page(section).accessibleName() == nav(shell).item(list(Section).index(section)).text()
    assert shell.page("delegations") is shell.delegations


def test_a_secretary_sees_only_what_was_delegated_and_why(shell, qtbot):
    shell.show_section("ald")
    with qtbot.waitSignal(shell.section_changed) as changed:
        shell.set_visible_sections(SECRETARY, delegated=True)
    assert changed.args == ["home"]  # the ALD is not hers: back to Accueil
    assert shell.visible_sections() == [Section.HOME, Section.PAYMENTS, Section.FORMS, Section.DOCUMENTS,
                                        Section.DIAGNOSTICS, Section.LOGINS]
    assert note(shell).isVisible() and "“Delegations”" in note(shell).text()
    assert not shell.show_section("patients") and shell.current_section() is Section.HOME
    assert not shell.home.lines["ald"].isVisibleTo(shell.home)


def test_a_doctor_sees_every_section_and_no_note(shell):
    shell.set_visible_sections(SECRETARY, delegated=True)
    shell.set_visible_sections(sections_for(["payments", "rejects", "patients", "ald", "forms", "messages", "me",
                                             "documents", "activity", "delegations"]))
    assert shell.visible_sections() == list(Section)
    assert not note(shell).isVisible()


def test_the_session_returns_where_it_was_and_a_section_s_page_is_put_in_place(shell):
    shell.show_section("documents")
    left = shell.current_section()
    shell.show_section("home")
    assert shell.show_section(left) and shell.current_section() is Section.DOCUMENTS
    built = QLabel("the documents' screen")
    shell.set_page("documents", built)
    assert shell.page("documents") is built and built.isVisible()
    assert built.accessibleName() == "Documents"


def test_clear_drops_every_page_s_data(shell):
    shell.home.set_summary(HomeSummary(today=MONDAY.date(), open_rejects=2, as_of=MONDAY))
    shell.logins.set_logins([LoginRow(1, MONDAY, "card", "POSTE-1")])
    shell.delegations.set_state(DelegationsState((Secretary("338312345600014/0042"),)))
    shell.clear()
    assert shell.home.headline.text() == "Reading your data…"
    assert shell.logins.buttons == {} and shell.delegations.boxes == {}
