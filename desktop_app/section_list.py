"""Which presenter fills which section: the one place the sections' presenters are made."""

from __future__ import annotations

from .card_ops import CardOps
from .main_window import MainWindow
from .ops import OpRunner
from .presenters.activity import ActivityPresenter
from .presenters.ald import AldPresenter
from .presenters.contact import ContactPresenter
from .presenters.diagnostics import DiagnosticsPresenter
from .presenters.documents import DocumentsPresenter
from .presenters.forms import FormsPresenter
from .presenters.notifications import NotificationsPresenter
from .presenters.patients import PatientsPresenter
from .presenters.payments import PaymentsPresenter
from .presenters.personal import PersonalPresenter
from .presenters.rejects import RejectsPresenter
from .section_presenter import SectionPresenter
from .settings import Settings
from .threads import CardThread

__all__ = ["section_presenters"]


def section_presenters(window: MainWindow, ops: OpRunner, settings: Settings, card_thread: CardThread,
                       cards: CardOps) -> list[SectionPresenter]:
    """One presenter per built section, in the sections' order, each putting its page in ``window``'s
    shell; then the notifications', which has no page of its own."""
    return [PaymentsPresenter(window, ops), RejectsPresenter(window, ops),
            PatientsPresenter(window, ops, card_thread, cards), AldPresenter(window, ops), FormsPresenter(window, ops),
            ContactPresenter(window, ops), PersonalPresenter(window, ops), ActivityPresenter(window, ops),
            DocumentsPresenter(window, ops, settings), DiagnosticsPresenter(window, ops, settings),
            NotificationsPresenter(window, ops)]
