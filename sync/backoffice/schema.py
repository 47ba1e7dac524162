"""Every table of the back office, as named migrations (applied in this order, never edited once
released: a change is a new migration)."""

from __future__ import annotations

import sqlite3

from .db import migration


@migration("001_accounts")
def _accounts(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE practices (
            id          INTEGER PRIMARY KEY,
            name        TEXT NOT NULL,
            finess      TEXT UNIQUE,
            structure_id TEXT
        );
        CREATE TABLE professionals (
            id              INTEGER PRIMARY KEY,
            practice_id     INTEGER NOT NULL REFERENCES practices(id),
            national_id     TEXT NOT NULL UNIQUE,      -- the card's serialNumber: type digit + number
            card_type       TEXT NOT NULL,             -- CPS, CPF, CPE, or ACCOUNTANT (password only)
            last_name       TEXT NOT NULL,
            first_name      TEXT NOT NULL,
            am_number       TEXT UNIQUE,               -- numéro AM, a password identifier
            email           TEXT,
            convention_sector TEXT,
            iban_masked     TEXT,
            password_hash   TEXT,
            password_set_at REAL,
            first_login_code_hash TEXT,                -- the code sent by post, until first use
            failed_logins   INTEGER NOT NULL DEFAULT 0,
            locked_until    REAL,
            last_login_at   REAL,
            created_at      REAL NOT NULL,
            blocked         INTEGER NOT NULL DEFAULT 0,
            flagged_at      REAL                       -- a login reported "not me"
        );
        CREATE TABLE password_history (
            professional_id INTEGER NOT NULL REFERENCES professionals(id),
            password_hash   TEXT NOT NULL,
            set_at          REAL NOT NULL
        );
        CREATE TABLE challenges (
            value       TEXT PRIMARY KEY,              -- base64, single use
            expires_at  REAL NOT NULL,
            used_at     REAL
        );
        CREATE TABLE sessions (
            token_hash      TEXT PRIMARY KEY,          -- SHA-256 of the bearer token
            professional_id INTEGER NOT NULL REFERENCES professionals(id),
            kind            TEXT NOT NULL,             -- card or password
            scopes          TEXT NOT NULL,             -- space-separated
            certificate_sha256 TEXT,                   -- the card session's certificate
            created_at      REAL NOT NULL,
            last_seen_at    REAL NOT NULL,
            proof_due_at    REAL,                      -- card: next presence proof before this
            ended_at        REAL,
            end_reason      TEXT
        );
        CREATE INDEX sessions_by_professional ON sessions(professional_id);
        CREATE TABLE logins (
            id              INTEGER PRIMARY KEY,
            professional_id INTEGER NOT NULL REFERENCES professionals(id),
            at              REAL NOT NULL,
            method          TEXT NOT NULL,
            workstation     TEXT NOT NULL,
            not_me_at       REAL
        );
        CREATE INDEX logins_by_professional ON logins(professional_id, at);
        CREATE TABLE delegations (
            id              INTEGER PRIMARY KEY,
            titular_id      INTEGER NOT NULL REFERENCES professionals(id),
            delegate_national_id TEXT NOT NULL,
            scopes          TEXT NOT NULL,
            UNIQUE (titular_id, delegate_national_id)
        );
        """
    )


@migration("002_practice_data")
def _practice_data(db: sqlite3.Connection) -> None:
    """What the fund knows of a practice's activity: patients, batches and invoices, payments, rejects
    and ALD. Rows that clients sync incrementally (payments, rejects) carry ``seq``, taken from the one
    global counter ``change_seq`` at each write (see :mod:`sync.backoffice.changes`), so a sync cursor
    is "every row with seq > N". Dates are ISO ``YYYY-MM-DD`` text, amounts integer cents."""
    db.executescript(
        """
        CREATE TABLE change_seq (
            id          INTEGER PRIMARY KEY CHECK (id = 1),
            value       INTEGER NOT NULL
        );
        INSERT INTO change_seq (id, value) VALUES (1, 0);

        CREATE TABLE patients (
            id              INTEGER PRIMARY KEY,
            practice_id     INTEGER NOT NULL REFERENCES practices(id),
            nir             TEXT NOT NULL CHECK (length(nir) = 15),   -- 13 characters + 2-digit key
            last_name       TEXT NOT NULL,
            first_name      TEXT NOT NULL,
            search_name     TEXT NOT NULL,             -- "last first", lower case, accents removed
            birth_date      TEXT NOT NULL,
            fund            TEXT NOT NULL,             -- e.g. "CPAM de Paris"
            rights_open     INTEGER NOT NULL,          -- ADRi: rights open (with the dates below)
            rights_start    TEXT,
            rights_end      TEXT,
            treating_doctor_id   INTEGER REFERENCES professionals(id),  -- médecin traitant here
            treating_doctor_name TEXT,                 -- médecin traitant elsewhere (not in this base)
            treating_declared_on TEXT,
            UNIQUE (practice_id, nir)
        );
        CREATE INDEX patients_by_search ON patients(practice_id, search_name);

        CREATE TABLE batches (
            id              INTEGER PRIMARY KEY,
            professional_id INTEGER NOT NULL REFERENCES professionals(id),
            batch_number    TEXT NOT NULL,             -- numéro de lot, 3 digits, cycles per professional
            sent_on         TEXT NOT NULL,
            invoice_count   INTEGER NOT NULL,
            status          TEXT NOT NULL CHECK (status IN ('acknowledged', 'partly_rejected'))
        );
        CREATE INDEX batches_by_professional ON batches(professional_id, batch_number);

        CREATE TABLE invoices (
            id              INTEGER PRIMARY KEY,
            professional_id INTEGER NOT NULL REFERENCES professionals(id),
            practice_id     INTEGER NOT NULL REFERENCES practices(id),
            batch_number    TEXT NOT NULL,
            invoice_number  TEXT NOT NULL,             -- numéro de facture, 9 digits
            patient_nir     TEXT NOT NULL,
            care_date       TEXT NOT NULL,
            act_code        TEXT NOT NULL,
            amount_cents    INTEGER NOT NULL,
            tiers_payant    INTEGER NOT NULL,          -- 1: paid by the fund to the doctor
            status          TEXT NOT NULL CHECK (status IN ('paid', 'pending', 'rejected', 'patient_paid')),
            UNIQUE (professional_id, invoice_number)
        );
        CREATE INDEX invoices_by_batch ON invoices(professional_id, batch_number);

        CREATE TABLE payments (
            id              INTEGER PRIMARY KEY,
            professional_id INTEGER NOT NULL REFERENCES professionals(id),
            practice_id     INTEGER NOT NULL REFERENCES practices(id),
            paid_on         TEXT NOT NULL,
            kind            TEXT NOT NULL CHECK (kind IN
                              ('tiers_payant', 'mt_ald', 'on_call', 'teletransmission_help', 'lump_sum')),
            label           TEXT NOT NULL,             -- readable French: what the payment pays for
            patient_nir     TEXT,                      -- the four below: tiers payant only
            patient_name    TEXT,
            patient_search  TEXT,                      -- folded name, for accent-insensitive search
            invoice_number  TEXT,
            batch_number    TEXT,
            amount_cents    INTEGER NOT NULL,
            payer           TEXT NOT NULL,             -- the paying body, e.g. "CPAM de Paris"
            seq             INTEGER NOT NULL UNIQUE
        );
        CREATE INDEX payments_by_seq ON payments(professional_id, seq);
        CREATE INDEX payments_by_date ON payments(professional_id, paid_on, id);
        CREATE INDEX payments_by_invoice ON payments(professional_id, invoice_number);
        CREATE INDEX payments_by_batch ON payments(professional_id, batch_number);
        CREATE INDEX payments_by_nir ON payments(professional_id, patient_nir);

        CREATE TABLE rejects (
            id              INTEGER PRIMARY KEY,
            professional_id INTEGER NOT NULL REFERENCES professionals(id),
            practice_id     INTEGER NOT NULL REFERENCES practices(id),
            rejected_on     TEXT NOT NULL,
            batch_number    TEXT NOT NULL,
            invoice_number  TEXT NOT NULL,
            nir             TEXT NOT NULL,
            birth_date      TEXT NOT NULL,
            act_date        TEXT NOT NULL,
            act_code        TEXT NOT NULL,
            amount_cents    INTEGER NOT NULL,
            reject_code     TEXT NOT NULL,
            label_fr        TEXT NOT NULL,             -- the cause and the fix, in plain French
            status          TEXT NOT NULL CHECK (status IN ('open', 'corrected')),
            seq             INTEGER NOT NULL UNIQUE
        );
        CREATE INDEX rejects_by_seq ON rejects(professional_id, seq);
        CREATE INDEX rejects_by_status ON rejects(professional_id, status, seq);

        CREATE TABLE ald (
            id              INTEGER PRIMARY KEY,
            practice_id     INTEGER NOT NULL REFERENCES practices(id),
            professional_id INTEGER NOT NULL REFERENCES professionals(id),  -- the médecin traitant
            patient_nir     TEXT NOT NULL,
            ald_number      INTEGER NOT NULL,          -- number on the public list (ALD 30)
            label           TEXT NOT NULL,
            start_date      TEXT NOT NULL,
            end_date        TEXT NOT NULL
        );
        CREATE INDEX ald_by_end ON ald(professional_id, end_date);
        CREATE INDEX ald_by_patient ON ald(practice_id, patient_nir);
        """
    )


@migration("005_situations")
def _situations(db: sqlite3.Connection) -> None:
    """A professional's practice situations, each with its numéro AM (a CPS may carry several)."""
    db.executescript(
        """
        CREATE TABLE situations (
            id              INTEGER PRIMARY KEY,
            professional_id INTEGER NOT NULL REFERENCES professionals(id),
            am_number       TEXT,
            structure_name  TEXT NOT NULL,
            structure_id    TEXT,
            mode            TEXT,            -- L liberal, S salaried, R substitute
            convention_sector TEXT
        );
        CREATE INDEX situations_by_professional ON situations(professional_id);
        INSERT INTO situations (professional_id, am_number, structure_name, mode, convention_sector)
            SELECT p.id, p.am_number, s.name, 'L', p.convention_sector
            FROM professionals p JOIN practices s ON s.id = p.practice_id WHERE p.am_number IS NOT NULL;
        """
    )


@migration("006_auth_hardening")
def _auth_hardening(db: sqlite3.Connection) -> None:
    """Password failures counted per identifier typed, whether an account has it or not, so an unknown
    identifier is locked exactly like a real one (the counts move there from ``professionals``)."""
    db.executescript(
        """
        CREATE TABLE password_attempts (
            identifier      TEXT PRIMARY KEY,          -- as typed (trimmed): numéro AM, FINESS, or anything
            failures        INTEGER NOT NULL,          -- in a row, since the last right password
            locked_until    REAL,
            last_at         REAL NOT NULL              -- forgotten some time after (config)
        );
        CREATE INDEX password_attempts_by_age ON password_attempts(last_at);
        INSERT OR IGNORE INTO password_attempts (identifier, failures, locked_until, last_at)
            SELECT identifier, failed_logins, locked_until, coalesce(locked_until, strftime('%s', 'now'))
            FROM (SELECT CASE WHEN p.card_type = 'ACCOUNTANT' THEN s.finess ELSE p.am_number END AS identifier,
                         p.failed_logins, p.locked_until
                  FROM professionals p JOIN practices s ON s.id = p.practice_id WHERE p.failed_logins > 0)
            WHERE identifier IS NOT NULL;
        ALTER TABLE professionals DROP COLUMN failed_logins;
        ALTER TABLE professionals DROP COLUMN locked_until;
        """
    )


@migration("008_vitale_cards")
def _vitale_cards(db: sqlite3.Connection) -> None:
    """The cartes Vitale the fund issued and the beneficiaries each carries: the reimbursement history is
    shown only on the patient's own card, so its serial is checked here, not merely its format."""
    db.executescript(
        """
        CREATE TABLE vitale_cards (
            serial          TEXT NOT NULL CHECK (length(serial) = 10),
            nir             TEXT NOT NULL CHECK (length(nir) = 15),   -- a beneficiary on the card
            PRIMARY KEY (serial, nir)
        );
        CREATE INDEX vitale_cards_by_nir ON vitale_cards(nir);
        """
    )


# Migrations that live beside the code owning their tables (numbered, so their order is fixed).
from . import documents  # noqa: E402,F401  (003_documents)
from . import services_data  # noqa: E402,F401  (004_forms_messages_activity)
