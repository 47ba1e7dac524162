"""Contact: the threads with the fund, one read beside the list, a new message or a reply written.

A thread awaiting the fund's answer says plainly by when it is due ("Answer expected by Thursday 4
December": three working days, the back office's date); an answered one is marked. The view does no
I/O: it emits ``write_requested`` and ``reply_requested`` (and its actions list's ``dismissed``) and is
told the outcome with :meth:`ContactView.sent` or :meth:`ContactView.set_outcome`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..formatting import french_day, moment
from ..fund_messages import REASONS, SUBJECT_MAX, message_problem
from ..models.lazy import Column
from ..models.records import RecordsModel
from ..status import local_now
from .common import role_label, set_style_state, show_line
from .section_page import ActionsView, SectionPage
from .tables import data_table

if TYPE_CHECKING:
    from ..fund_messages import MessageRow, ThreadRow

__all__ = ["ContactView", "answer_due_text", "long_day", "reason_title"]

_REASONS = {
    "billing": QT_TRANSLATE_NOOP("Reasons", "Billing"),
    "patient_rights": QT_TRANSLATE_NOOP("Reasons", "A patient's rights"),
    "payment_follow_up": QT_TRANSLATE_NOOP("Reasons", "Payment follow-up"),
    "other": QT_TRANSLATE_NOOP("Reasons", "Other request"),
}
_PROBLEMS = {
    "subject_empty": QT_TRANSLATE_NOOP("ContactView", "Give your message a subject."),
    "subject_long": QT_TRANSLATE_NOOP("ContactView", "The subject is too long: 200 characters at most."),
    "body_empty": QT_TRANSLATE_NOOP("ContactView", "Write your message before sending it."),
    "body_long": QT_TRANSLATE_NOOP("ContactView", "The message is too long: 5,000 characters at most."),
}


def reason_title(reason: str, label: str | None = None) -> str:
    """A reason in the user's language; one this version does not know keeps the back office's label."""
    source = _REASONS.get(reason)
    return QCoreApplication.translate("Reasons", source) if source else (label or reason)


def long_day(day: date, today: date) -> str:
    """``jeudi 4 décembre`` in the user's language (the year said when it is not this one)."""
    pattern = "dddd d MMMM" if day.year == today.year else "dddd d MMMM yyyy"
    return QLocale().toString(QDate(day.year, day.month, day.day), pattern)


def answer_due_text(due: date, today: date) -> str:
    """When the fund's answer is due, as a sentence: by a day to come, or since a day gone."""
    if due < today:
        return QCoreApplication.translate("ContactView", "Answer expected since %1").replace("%1", long_day(due, today))
    return QCoreApplication.translate("ContactView", "Answer expected by %1").replace("%1", long_day(due, today))


class ContactView(SectionPage):
    write_requested = Signal(str, str, str)  # subject, reason, body
    reply_requested = Signal(int, str)  # thread id, body

    def __init__(self, clock: Callable[[], datetime] = local_now, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("ContactView", "Contact"), clock, parent)
        self.setObjectName("contactPage")
        self._clock = clock
        self._shown: ThreadRow | None = None
        self.body.addWidget(QLabel(self.tr("Write to your health insurance fund. It answers within three working "
                                           "days; its answers appear here."), objectName="pageIntro", wordWrap=True))
        self.actions = ActionsView()
        self.body.addWidget(self.actions)
        self.new_button = QPushButton(self.tr("New message"), objectName="newMessageButton")
        self.new_button.clicked.connect(self.start_writing)
        self.model: RecordsModel[ThreadRow] = RecordsModel(self._columns(), lambda row: row.key, self,
                                                           marked={"answered": "#2e7d4f"})
        self.table = data_table("threadsTable", self.tr("Your conversations with the fund"), sortable=False)
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # wrapped lines whole
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.empty = role_label(self.tr("No conversation yet: write to your fund with « New message »."), role="muted")
        left = QWidget(objectName="threadsColumn")
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("Conversations"), objectName="sectionHeading"), 1)
        head.addWidget(self.new_button)
        column.addLayout(head)
        column.addWidget(self.empty)
        column.addWidget(self.table, 1)
        self.pages = QStackedWidget(objectName="contactDetail")
        self.nothing = role_label(self.tr("Choose a conversation to read it, or write a new message."), role="muted",
                                  centred=True)
        self.pages.addWidget(self.nothing)
        self.pages.addWidget(self._thread_page())
        self.pages.addWidget(self._writing_page())
        splitter = QSplitter(Qt.Orientation.Horizontal, objectName="contactSplitter")
        splitter.addWidget(left)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([440, 620])
        splitter.setChildrenCollapsible(False)
        self.body.addWidget(splitter, 1)
        self.set_threads(())

    # -- what the presenter calls ------------------------------------------------------------------

    def set_threads(self, rows: Sequence[ThreadRow]) -> None:
        """The threads; the one shown stays shown (with its new messages), found again by its key."""
        shown = self._shown
        self.model.set_records(rows)
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
        if shown is not None and (row := self.model.row_of(shown.key)) is not None:
            with QSignalBlocker(self.table.selectionModel()):  # the same thread, read again: what was said stays
                self.table.selectRow(row)
            self._show(self.model.record(row))
        elif shown is not None:
            self._shown = None
            self.pages.setCurrentWidget(self.nothing)

    def start_writing(self) -> None:
        """Open an empty new message."""
        self.table.clearSelection()
        self._shown = None
        self.pages.setCurrentIndex(2)
        self.subject.setFocus()

    def sent(self, text: str) -> None:
        """The message is in the outbox: the form is emptied and ``text`` says what becomes of it."""
        self.subject.clear()
        self.message.clear()
        self.reason.setCurrentIndex(0)
        self.reply_text.clear()
        if self.pages.currentIndex() == 2:
            self.pages.setCurrentWidget(self.nothing)
        self.set_outcome(text)

    def set_outcome(self, text: str | None, tone: str = "ok") -> None:
        for label in (self.write_outcome, self.reply_outcome):
            show_line(label, text)
            set_style_state(label, "tone", tone)

    def clear(self) -> None:
        self._shown = None
        self.set_threads(())
        self.actions.set_actions(())
        self.pages.setCurrentWidget(self.nothing)
        for field in (self.subject, self.message, self.reply_text):
            field.clear()
        self.set_outcome(None)
        self.set_freshness(None)

    def shown(self) -> ThreadRow | None:
        return self._shown

    def state_text(self, row: ThreadRow) -> str:
        """The thread's state in the list: waiting to be sent, answer due by a date, answered, closed."""
        today = self._clock().date()
        if row.status == "pending":
            return self.tr("Waiting to be sent")
        if row.status == "answered":
            return self.tr("Answered")
        if row.status == "closed":
            return self.tr("Closed")
        if row.answer_due_on is not None:
            return self.tr("Answer by %1").replace("%1", french_day(row.answer_due_on, today))
        return self.tr("Awaiting an answer")

    # -- inside ------------------------------------------------------------------------------------

    def _columns(self) -> list[Column[ThreadRow]]:
        return [Column(self.tr("Subject"), lambda row: f"{row.subject}\n{reason_title(row.reason, row.reason_label)}"),
                Column(self.tr("State"), self.state_text, role=lambda row: row.status)]

    def _thread_page(self) -> QWidget:
        page = QFrame(objectName="threadPage")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(16, 12, 16, 12)
        self.thread_subject = role_label(role="heading")
        self.thread_subject.setObjectName("threadSubject")
        self.thread_reason = role_label(role="muted")
        self.thread_due = QLabel(objectName="threadDue", wordWrap=True)
        self.messages = QWidget(objectName="threadMessages")
        self._messages_layout = QVBoxLayout(self.messages)
        self._messages_layout.setContentsMargins(0, 0, 8, 0)
        self._messages_layout.setSpacing(10)
        self._scroll = QScrollArea(objectName="pageScroll", widgetResizable=True)
        self._scroll.setWidget(self.messages)
        self.reply_text = QPlainTextEdit(objectName="replyText")
        self.reply_text.setPlaceholderText(self.tr("Your reply"))
        self.reply_text.setAccessibleName(self.tr("Your reply"))
        self.reply_text.setMaximumHeight(110)
        self.reply_button = QPushButton(self.tr("Send the reply"), objectName="replyButton")
        self.reply_button.clicked.connect(self._reply)
        self.reply_outcome = QLabel(objectName="contactOutcome", wordWrap=True)
        self.reply_note = role_label(role="muted")
        actions = QHBoxLayout()
        actions.addWidget(self.reply_outcome, 1)
        actions.addStretch(0)
        actions.addWidget(self.reply_button)
        for widget in (self.thread_subject, self.thread_reason, self.thread_due):
            layout.addWidget(widget)
        layout.addWidget(self._scroll, 1)
        layout.addWidget(self.reply_note)
        layout.addWidget(self.reply_text)
        layout.addLayout(actions)
        return page

    def _writing_page(self) -> QWidget:
        page = QFrame(objectName="writingPage")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(role_label(self.tr("New message to your fund"), role="heading"))
        self.subject = QLineEdit(objectName="messageSubject", maxLength=SUBJECT_MAX)
        self.subject.setPlaceholderText(self.tr("Subject"))
        self.subject.setAccessibleName(self.tr("Subject"))
        self.reason = QComboBox(objectName="messageReason")
        self.reason.setAccessibleName(self.tr("Reason"))
        for reason in REASONS:
            self.reason.addItem(reason_title(reason), reason)
        self.message = QPlainTextEdit(objectName="messageBody")
        self.message.setPlaceholderText(self.tr("Your message"))
        self.message.setAccessibleName(self.tr("Your message"))
        self.send_button = QPushButton(self.tr("Send"), objectName="sendMessageButton", default=True)
        self.send_button.clicked.connect(self._write)
        discard = QPushButton(self.tr("Discard"), objectName="discardMessageButton")
        discard.clicked.connect(self._discard)
        self.write_outcome = QLabel(objectName="contactOutcome", wordWrap=True)
        reason_row = QHBoxLayout()
        reason_row.addWidget(QLabel(self.tr("Reason")))
        reason_row.addWidget(self.reason, 1)
        layout.addWidget(self.subject)
        layout.addLayout(reason_row)
        layout.addWidget(self.message, 1)
        layout.addWidget(role_label(self.tr("The fund answers within three working days; you will see the date "
                                            "once the message is sent."), role="muted"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.write_outcome, 1)
        buttons.addStretch(0)
        buttons.addWidget(discard)
        buttons.addWidget(self.send_button)
        layout.addLayout(buttons)
        return page

    def _selection_changed(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.set_outcome(None)
            self._show(self.model.record(rows[0].row()))

    def _show(self, row: ThreadRow) -> None:
        self._shown = row
        today = self._clock().date()
        self.thread_subject.setText(row.subject)
        self.thread_reason.setText(reason_title(row.reason, row.reason_label))
        if row.status == "awaiting_answer" and row.answer_due_on is not None:
            due, tone = answer_due_text(row.answer_due_on, today), "due"
        elif row.status == "answered":
            due, tone = self.tr("The fund answered."), "answered"
        elif row.status == "closed":
            due, tone = self.tr("This conversation is closed: write a new message for another question."), "closed"
        elif row.status == "pending":
            due, tone = self.tr("Waiting to be sent: the date of the answer is given once it is sent."), "pending"
        else:
            due, tone = None, ""
        show_line(self.thread_due, due)
        set_style_state(self.thread_due, "tone", tone)
        while (item := self._messages_layout.takeAt(0)) is not None:
            if (old := item.widget()) is not None:  # gone at once, not at the next turn of the event loop
                old.setParent(None)
                old.deleteLater()
        for message in row.messages:
            self._messages_layout.addWidget(self._bubble(message))
        self._messages_layout.addStretch(1)
        can_reply = row.thread_id is not None and row.status != "closed"
        self.reply_text.setVisible(can_reply)
        self.reply_button.setVisible(can_reply)
        show_line(self.reply_note, None if can_reply or row.status == "closed"
                  else self.tr("You can reply once the message is sent."))
        self.pages.setCurrentIndex(1)
        self._scroll.verticalScrollBar().setValue(self._scroll.verticalScrollBar().maximum())

    def _bubble(self, message: MessageRow) -> QFrame:
        bubble = QFrame(objectName="messageBubble")
        set_style_state(bubble, "direction", message.direction)
        layout = QVBoxLayout(bubble)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(4)
        when = moment(message.sent_at, self._clock()) if message.sent_at else self.tr("waiting to be sent")
        head = role_label(f"{message.author} · {when}", role="caption")
        head.setObjectName("messageHead")
        text = role_label(message.body)
        text.setObjectName("messageText")
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(head)
        layout.addWidget(text)
        return bubble

    def _write(self) -> None:
        subject, body = self.subject.text(), self.message.toPlainText()
        problem = message_problem(body, subject)
        if problem:
            self.set_outcome(QCoreApplication.translate("ContactView", _PROBLEMS[problem]), "error")
            return
        self.set_outcome(None)
        self.write_requested.emit(subject.strip(), self.reason.currentData(), body)

    def _reply(self) -> None:
        body = self.reply_text.toPlainText()
        problem = message_problem(body)
        if problem:
            self.set_outcome(QCoreApplication.translate("ContactView", _PROBLEMS[problem]), "error")
            return
        if self._shown is not None and self._shown.thread_id is not None:
            self.set_outcome(None)
            self.reply_requested.emit(self._shown.thread_id, body)

    def _discard(self) -> None:
        self.subject.clear()
        self.message.clear()
        self.set_outcome(None)
        self.pages.setCurrentWidget(self.nothing)
