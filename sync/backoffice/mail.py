"""Login notifications: one e-mail per successful sign-in, sent by SMTP when configured, else
written to a Maildir.

In the Maildir the message is written to ``tmp/``, fsynced, then renamed into ``new/``: a mail reader
never sees a half-written message. A failed SMTP delivery falls back to the Maildir (the sign-in is
not refused for it) and is logged.
"""

from __future__ import annotations

import logging
import os
import smtplib
import socket
import time
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

from .storage import Row

__all__ = ["LoginNotifier"]

log = logging.getLogger(__name__)

_METHODS = {"card": "carte CPS/CPE", "password": "identifiant et mot de passe"}


class LoginNotifier:
    def __init__(self, maildir: Path, smtp: tuple[str, int] | None = None) -> None:
        self.maildir, self.smtp = maildir, smtp
        for sub in ("tmp", "new", "cur"):
            (maildir / sub).mkdir(parents=True, exist_ok=True)

    def notify(self, account: Row, login_id: int, at: datetime, method: str, workstation: str) -> None:
        message = EmailMessage()
        message["From"] = "Assurance Maladie <ne-pas-repondre@cabinet.example>"
        message["To"] = account["email"] or f"{account['national_id']}@professionnels.invalid"
        message["Subject"] = "Nouvelle connexion à votre compte"
        message.set_content(
            f"Bonjour {account['first_name']} {account['last_name']},\n\n"
            f"Une connexion à votre compte a eu lieu le {at:%d/%m/%Y à %H:%M:%S} (UTC),\n"
            f"par {_METHODS.get(method, method)}, depuis le poste « {workstation} ».\n\n"
            "Si vous n'êtes pas à l'origine de cette connexion, signalez-la dans Cabinet "
            f"(connexion n° {login_id}) : toutes les sessions de votre compte seront fermées.\n"
        )
        if self.smtp is not None:
            try:
                with smtplib.SMTP(*self.smtp, timeout=10) as server:
                    server.send_message(message)
                return
            except (OSError, smtplib.SMTPException) as error:
                log.warning("login notification %s not sent by SMTP (%s): kept in %s",
                            login_id, error, self.maildir)
        self._deliver_to_maildir(message, login_id)

    def _deliver_to_maildir(self, message: EmailMessage, login_id: int) -> None:
        name = f"{time.time():.6f}.{login_id}.{socket.gethostname()}"
        temporary = self.maildir / "tmp" / name
        with open(temporary, "wb") as handle:
            handle.write(bytes(message))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self.maildir / "new" / name)
