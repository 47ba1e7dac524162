"""Login notifications: one e-mail per successful sign-in, written to a Maildir (SMTP comes later).

The message is written to ``tmp/``, fsynced, then renamed into ``new/``: a mail reader never sees a
half-written message.
"""

from __future__ import annotations

import os
import socket
import time
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

__all__ = ["LoginNotifier"]

_METHODS = {"card": "carte CPS/CPE", "password": "identifiant et mot de passe"}


class LoginNotifier:
    def __init__(self, maildir: Path) -> None:
        self.maildir = maildir
        for sub in ("tmp", "new", "cur"):
            (maildir / sub).mkdir(parents=True, exist_ok=True)

    def notify(self, account, login_id: int, at: datetime, method: str, workstation: str) -> Path:  # noqa: ANN001
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
        name = f"{time.time():.6f}.{login_id}.{socket.gethostname()}"
        temporary = self.maildir / "tmp" / name
        with open(temporary, "wb") as handle:
            handle.write(bytes(message))
            handle.flush()
            os.fsync(handle.fileno())
        final = self.maildir / "new" / name
        os.replace(temporary, final)
        return final
