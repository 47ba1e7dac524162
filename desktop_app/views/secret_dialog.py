"""What the PIN, unblocking and password dialogs share: fields handed over once then forgotten, a
"checking" state that stops a second Enter from sending them twice, an error line, and a cancel that
is only ever the person's."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from .common import role_label, show_line

__all__ = ["SecretDialog"]

_WIDTH = 456  # the column's, in pixels: 520 with the margins


class SecretDialog(QDialog):
    """A column of lines and fields, then the checking and error lines and the buttons.

    Subclasses add their fields with ``_add_field``, say when OK may be pressed (``_ready``) and emit
    their signal in ``_hand_over``. On OK the masked fields are emptied before the signal goes out and
    every field is disabled until ``show_error`` (the controller's answer) or the dialog is closed.
    """

    cancelled = Signal()

    def __init__(self, title: str, checking: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self._column = QVBoxLayout(self)
        # The dialog takes the size of what it shows: lines come and go (errors, warnings, a new password).
        # Its width is set here so that wrapped lines wrap the same way whatever they say.
        self._column.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        self._column.addSpacerItem(QSpacerItem(_WIDTH, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed))
        self._column.setContentsMargins(32, 28, 32, 24)
        self._column.setSpacing(0)
        self._field_list: list[QLineEdit] = []
        self._checking = role_label(checking, "status")
        self._checking.hide()
        self._error = role_label(role="error")
        show_line(self._error, None)
        self._buttons = QDialogButtonBox()
        self._buttons.rejected.connect(self.reject)
        self._ok: QPushButton | None = None

    def _add_field(self, field: QLineEdit, caption: str, layout: QVBoxLayout | None = None) -> QLabel:
        """The field under its caption (the caption's mnemonic and buddy lead to it); returns the caption."""
        label = QLabel(caption)
        label.setBuddy(field)
        column = layout or self._column
        column.addWidget(label)
        column.addSpacing(6)
        column.addWidget(field)
        field.textChanged.connect(self._update_ok)
        self._field_list.append(field)
        return label

    def _add_buttons(self, ok: str | None) -> None:
        """OK (``ok``: its text; None for none) and Cancel, under the checking and error lines."""
        if ok is not None:
            self._ok = self._buttons.addButton(ok, QDialogButtonBox.ButtonRole.AcceptRole)
            self._ok.setDefault(True)
            self._buttons.accepted.connect(self._submit)
        cancel = self._buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel"))
        # Fields disabled while checking pass the focus to Cancel: it must not become the default that
        # Enter presses once the fields are open again (a PIN typed again would cancel the dialog).
        cancel.setAutoDefault(False)
        self._column.addSpacing(8)
        self._column.addWidget(self._checking)
        self._column.addWidget(self._error)
        self._column.addSpacing(20)
        self._column.addWidget(self._buttons)
        self._update_ok()

    def _ready(self) -> bool:
        """Whether what is typed may be handed over (lengths, rules, confirmation)."""
        return False

    def _hand_over(self, values: list[str]) -> None:
        """Emit the subclass's signal; ``values`` are the fields' texts in the order they were added."""

    def _update_ok(self) -> None:
        if self._ok is not None:
            self._ok.setEnabled(not self._checking.isVisibleTo(self) and self._ready())

    def _submit(self) -> None:
        if self._ok is None or not self._ok.isEnabled():
            return
        values = [field.text() for field in self._field_list]
        self._clear()
        show_line(self._error, None)
        self._set_checking(True)
        self._hand_over(values)

    def _set_checking(self, checking: bool) -> None:
        self._checking.setVisible(checking)
        for field in self._field_list:
            field.setEnabled(not checking)
        self._update_ok()

    def _clear(self) -> None:
        for field in self._field_list:
            if field.echoMode() is not QLineEdit.EchoMode.Normal:
                field.clear()

    def _focus_first_empty(self) -> None:
        shown = [field for field in self._field_list if field.isVisibleTo(self) and field.isEnabled()]
        empty = [field for field in shown if not field.text()]
        if empty or shown:
            (empty or shown)[0].setFocus()

    def show_error(self, text: str) -> None:
        """What went wrong (a sentence of ``messages``); the fields are open again."""
        self._set_checking(False)
        show_line(self._error, text)
        self._focus_first_empty()

    def reject(self) -> None:
        """Escape, Cancel or the window's close button: the person gave up."""
        self._clear()
        self.cancelled.emit()
        super().reject()

    def dismiss(self) -> None:
        """Close without ``cancelled``: the controller's own close (done, card pulled, screen locked)."""
        self._clear()
        self.done(QDialog.DialogCode.Rejected)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._focus_first_empty()

    def hideEvent(self, event) -> None:
        self._clear()
        super().hideEvent(event)
