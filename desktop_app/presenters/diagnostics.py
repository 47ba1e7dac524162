"""Diagnostics' presenter: the facts for support (:mod:`desktop_app.diagnosis`) gathered on the pool when
the page is shown and after each pass while it is (the store's freshness moves, the back office may have
gone), and
"Export a diagnostic": where to save it is asked here, the archive (:mod:`desktop_app.support_archive`) is
written on the pool. The page is the window's (``window.diagnostics``): the readers stay fed by the
application, the key warning by the controller."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import PySide6
from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtWidgets import QFileDialog, QWidget

from ..main_window import MainWindow
from ..ops import OpRunner
from ..section_presenter import SectionPresenter, SectionSession
from ..sections import Section
from ..settings import Settings
from ..status import local_now

if TYPE_CHECKING:
    from ..diagnosis import Facts

__all__ = ["DiagnosticsPresenter", "ask_archive_path"]

log = logging.getLogger(__name__)


def ask_archive_path(parent: QWidget, suggested: Path) -> Path | None:
    """The file dialog of "Export a diagnostic"; None when cancelled."""
    chosen, _ = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("DiagnosticsPresenter", "Export a diagnostic"), str(suggested),
        QCoreApplication.translate("DiagnosticsPresenter", "Zip archives (*.zip)"))
    return Path(chosen) if chosen else None


class DiagnosticsPresenter(SectionPresenter):
    section = Section.DIAGNOSTICS

    def __init__(self, window: MainWindow, ops: OpRunner, settings: Settings,
                 clock: Callable[[], datetime] = local_now,
                 ask_path: Callable[[QWidget, Path], Path | None] = ask_archive_path) -> None:
        super().__init__(window, ops, clock)
        self.view = window.diagnostics
        self.settings, self.ask_path = settings, ask_path
        self._versions = {"Qt": qVersion(), "PySide6": PySide6.__version__}
        self.view.export_requested.connect(self.export)
        window.shell.section_changed.connect(self._section_shown)

    def _section_shown(self, section: str) -> None:
        if section == Section.DIAGNOSTICS.value:
            self.reload()

    def refresh_freshness(self) -> None:
        """After every pass: the facts again (the store's freshness per domain is one of them)."""
        self.reload()

    def reload(self) -> None:
        """The facts, gathered while the page is shown only: they ask pcscd and the back office."""
        session = self.session
        if session is not None and self.view.isVisible():
            self.run(self._collector(session), self.view.set_facts)

    def _collector(self, session: SectionSession) -> Callable[[], Facts]:
        settings, now, versions = self.settings, self.clock(), self._versions

        def collect() -> Facts:
            from ..diagnosis import collect_facts  # pcscd, the network, the disk: on the pool

            folder = session.documents.folder if session.documents is not None else None
            return collect_facts(settings, now=now, store=session.store, documents_folder=folder,
                                 client=session.client, extra_versions=versions)

        return collect

    def export(self) -> None:
        """"Export a diagnostic": where, then the archive written on the pool."""
        session = self.session
        if session is None:
            return
        suggested = Path.home() / f"cabinet-diagnostic-{self.clock():%Y%m%d-%H%M}.zip"
        target = self.ask_path(self.window, suggested)
        if target is None:
            return
        collect, data_dir = self._collector(session), self.settings.data_dir
        professional = (session.user.display_name, session.user.national_id)

        def write() -> Path:
            from ..log_file import log_folder
            from ..support_archive import Redactor, log_files, session_words, write_archive

            redactor = Redactor(session_words(session.store, professional))
            write_archive(target, collect(), log_files(log_folder(data_dir)), redactor)
            return target

        def written(path: Path) -> None:
            self.view.set_exporting(False)
            self.view.set_export_outcome(self.tr("Diagnostic saved in %1").replace("%1", str(path)))

        def failed(error: BaseException) -> None:
            self.view.set_exporting(False)
            if isinstance(error, OSError):
                why = error.strerror or str(error)
            else:
                log.error("the diagnostic could not be written", exc_info=error)
                why = self.tr("an unexpected error, written in Cabinet's log")
            self.view.set_export_outcome(self.tr("The diagnostic could not be saved: %1").replace("%1", why),
                                         error=True)

        self.view.set_exporting(True)
        self.run(write, written, failed)

    def forget(self) -> None:
        self.view.set_facts(None)
        self.view.set_export_outcome(None)
        self.view.export_button.setEnabled(True)
