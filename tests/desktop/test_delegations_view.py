"""Délégations: a checkbox per delegable scope for each secretary's CPE card, saved on request."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel

from desktop_app.account import DelegationsState, Secretary
from desktop_app.sections import DELEGABLE_SCOPES
from desktop_app.views.delegations import DelegationsView

CHLOE, LUCAS = "338312345600014/0042", "338312345600014/0057"
STATE = DelegationsState((Secretary(CHLOE, frozenset({"payments", "documents"})), Secretary(LUCAS)))


@pytest.fixture
def page(qtbot):
    view = DelegationsView()
    qtbot.addWidget(view)
    view.show()
    return view


def texts(view) -> list[str]:
    return [label.text() for label in view.findChildren(QLabel) if label.isVisibleTo(view)]


def test_each_secretary_has_a_box_per_delegable_scope_and_medical_data_none(page):
    page.set_state(STATE)
    assert set(page.boxes) == {(cpe, scope) for cpe in (CHLOE, LUCAS) for scope in DELEGABLE_SCOPES}
    assert {scope for (cpe, scope), box in page.boxes.items() if cpe == CHLOE and box.isChecked()} == \
        {"payments", "documents"}
    assert not any(box.isChecked() for (cpe, _), box in page.boxes.items() if cpe == LUCAS)
    assert [box.text() for box in page.findChildren(QCheckBox)][:4] == [
        "Payments", "Form orders", "Messages to your fund (Contact)", "Scanned documents (SCOR)"]
    assert page.boxes[(LUCAS, "forms")].accessibleName() == f"Form orders for the CPE card {LUCAS}"
    assert "Medical data (patients' situations, ALD, activity) can never be delegated." in texts(page)
    assert f"CPE card {CHLOE}" in texts(page)
    assert not page.save_button.isEnabled()  # nothing to save yet


def test_save_sends_what_is_ticked_then_says_saved(page, qtbot):
    page.set_state(STATE)
    page.boxes[(CHLOE, "documents")].click()
    page.boxes[(LUCAS, "forms")].click()
    assert page.save_button.isEnabled()
    with qtbot.waitSignal(page.save_requested) as saved:
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    wanted = DelegationsState((Secretary(CHLOE, frozenset({"payments"})), Secretary(LUCAS, frozenset({"forms"}))))
    assert saved.args == [wanted]
    assert not page.save_button.isEnabled() and not page.boxes[(CHLOE, "payments")].isEnabled()  # while saving
    page.set_saved(wanted)
    assert "Saved." in texts(page) and page.state() == wanted and not page.save_button.isEnabled()
    page.boxes[(CHLOE, "forms")].click()
    assert "Saved." not in texts(page)  # a new change is not saved yet


def test_a_failed_save_keeps_the_ticks_to_try_again(page, qtbot):
    page.set_state(STATE)
    page.boxes[(LUCAS, "messages")].click()
    ticked = page.state()
    with qtbot.waitSignal(page.save_requested):
        page.save_button.click()
    page.set_error("Le serveur est injoignable.")
    assert "Le serveur est injoignable." in texts(page)
    assert page.state() == ticked and page.save_button.isEnabled() and page.boxes[(LUCAS, "forms")].isEnabled()


def test_no_secretary_and_a_cleared_page_show_no_card(page):
    page.set_state(DelegationsState())
    assert "No secretary's CPE card is linked to your account." in texts(page)
    assert not page.save_button.isVisible()
    page.set_state(STATE)
    page.clear()
    assert page.boxes == {} and not any(CHLOE in label.text() for label in page.findChildren(QLabel))
