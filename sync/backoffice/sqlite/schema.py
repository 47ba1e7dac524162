"""The back office's SQLite schema: every table, as the ordered list :data:`MIGRATIONS` of named scripts.

A released migration is never edited and its name never changes (the database records the names it has
applied): a change of schema is a new migration appended to the list.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["Migration", "MIGRATIONS"]


class Migration(NamedTuple):
    name: str  # starts with its 3-digit number
    script: str  # SQL statements, run in one transaction


_ACCOUNTS = """
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

# What the fund knows of a practice's activity: patients, batches and invoices, payments, rejects
# and ALD. Rows that clients sync incrementally (payments, rejects) carry ``seq``, taken from the one
# global counter ``change_seq`` at each write (see :mod:`.changes`), so a sync cursor
# is "every row with seq > N". Dates are ISO ``YYYY-MM-DD`` text, amounts integer cents.
_PRACTICE_DATA = """
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

# Documents received through SCOR. ``client_id`` is unique across practices (a second practice
# declaring the same id is refused); ``received`` is the upload offset, never more than what is on
# disk; ``seq`` comes from the global change sequence at each change of status.
_DOCUMENTS = """
        CREATE TABLE documents (
            id              INTEGER PRIMARY KEY,
            client_id       TEXT NOT NULL UNIQUE,
            practice_id     INTEGER NOT NULL REFERENCES practices(id),
            professional_id INTEGER NOT NULL REFERENCES professionals(id),  -- who declared it
            sha256          TEXT NOT NULL CHECK (length(sha256) = 64),        -- lower-case hex
            size            INTEGER NOT NULL CHECK (size > 0),
            pages           INTEGER NOT NULL CHECK (pages > 0),
            invoice_batch   TEXT NOT NULL,
            invoice_number  TEXT NOT NULL,
            invoice_nir     TEXT NOT NULL,
            invoice_date    TEXT NOT NULL,
            status          TEXT NOT NULL CHECK (status IN ('declared', 'uploading', 'accepted', 'rejected')),
            reason          TEXT,                      -- French, when rejected
            received        INTEGER NOT NULL DEFAULT 0,  -- upload offset: bytes safely on disk
            declared_at     REAL NOT NULL,
            received_at     REAL,                      -- completion: the acknowledgement of reception
            ack_id          TEXT UNIQUE,
            seq             INTEGER NOT NULL UNIQUE
        );
        CREATE INDEX documents_by_practice ON documents(practice_id, seq);
        CREATE INDEX documents_by_status ON documents(practice_id, status, seq);
        CREATE INDEX documents_by_sha256 ON documents(sha256);

        CREATE TABLE document_objects (
            sha256      TEXT PRIMARY KEY,              -- the file objects/<sha256[:2]>/<sha256>
            size        INTEGER NOT NULL,
            stored_at   REAL NOT NULL
        );
        """

_FORMS_MESSAGES_ACTIVITY = """
        CREATE TABLE form_orders (
            id              INTEGER PRIMARY KEY,
            practice_id     INTEGER NOT NULL REFERENCES practices(id),
            professional_id INTEGER NOT NULL REFERENCES professionals(id),  -- whose forms (printed name)
            placed_by       INTEGER NOT NULL REFERENCES professionals(id),  -- the doctor or a delegated CPE
            client_id       TEXT NOT NULL,                 -- idempotency key chosen by the client
            status          TEXT NOT NULL CHECK (status IN ('placed', 'dispatched', 'cancelled')),
            placed_at       REAL NOT NULL,
            updated_at      REAL NOT NULL,
            dispatched_at   REAL,
            cancelled_at    REAL,
            seq             INTEGER NOT NULL UNIQUE,
            UNIQUE (practice_id, client_id)
        );
        CREATE INDEX form_orders_by_seq ON form_orders(professional_id, seq);
        CREATE INDEX form_orders_due ON form_orders(practice_id, status, placed_at);
        CREATE TABLE form_order_lines (
            order_id        INTEGER NOT NULL REFERENCES form_orders(id),
            form            TEXT NOT NULL,
            quantity        INTEGER NOT NULL CHECK (quantity > 0),
            PRIMARY KEY (order_id, form)
        );

        CREATE TABLE message_threads (
            id              INTEGER PRIMARY KEY,
            practice_id     INTEGER NOT NULL REFERENCES practices(id),
            professional_id INTEGER NOT NULL REFERENCES professionals(id),
            client_id       TEXT NOT NULL,
            subject         TEXT NOT NULL,
            reason          TEXT NOT NULL CHECK (reason IN ('billing', 'patient_rights', 'payment_follow_up',
                                                            'other')),
            status          TEXT NOT NULL CHECK (status IN ('awaiting_answer', 'answered', 'closed')),
            answer_due_on   TEXT,                          -- while awaiting an answer
            created_at      REAL NOT NULL,
            updated_at      REAL NOT NULL,
            seq             INTEGER NOT NULL UNIQUE,
            UNIQUE (practice_id, client_id)
        );
        CREATE INDEX message_threads_by_seq ON message_threads(professional_id, seq);
        CREATE TABLE messages (
            id              INTEGER PRIMARY KEY,
            thread_id       INTEGER NOT NULL REFERENCES message_threads(id),
            client_id       TEXT,                          -- the professional's messages: idempotency key
            direction       TEXT NOT NULL CHECK (direction IN ('to_fund', 'from_fund')),
            author          TEXT NOT NULL,
            body            TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
            sent_at         REAL NOT NULL,
            answer_due_on   TEXT,                          -- to_fund only
            UNIQUE (thread_id, client_id)
        );
        CREATE INDEX messages_by_thread ON messages(thread_id, sent_at, id);

        CREATE TABLE contract_indicators (
            id              INTEGER PRIMARY KEY,
            practice_id     INTEGER NOT NULL REFERENCES practices(id),
            professional_id INTEGER NOT NULL REFERENCES professionals(id),
            program         TEXT NOT NULL CHECK (program IN ('rosp', 'optam')),
            period          TEXT NOT NULL,                 -- a year, e.g. '2025'
            code            TEXT NOT NULL,
            label           TEXT NOT NULL,
            value           REAL NOT NULL,
            target          REAL NOT NULL,
            unit            TEXT NOT NULL,                 -- '%' or 'points'
            higher_is_better INTEGER NOT NULL,
            UNIQUE (professional_id, program, period, code)
        );
        CREATE TABLE optam_contracts (
            professional_id INTEGER PRIMARY KEY REFERENCES professionals(id),
            adherent        INTEGER NOT NULL,
            since           TEXT
        );

        CREATE TABLE reimbursements (
            id              INTEGER PRIMARY KEY,
            practice_id     INTEGER NOT NULL REFERENCES practices(id),
            patient_nir     TEXT NOT NULL,
            care_date       TEXT NOT NULL,
            category        TEXT NOT NULL CHECK (category IN ('care', 'exam', 'drug')),
            label           TEXT NOT NULL,
            provider        TEXT NOT NULL,
            billed_cents    INTEGER NOT NULL,
            reimbursed_cents INTEGER NOT NULL,
            paid_on         TEXT NOT NULL
        );
        CREATE INDEX reimbursements_by_patient ON reimbursements(practice_id, patient_nir, care_date);
        CREATE TABLE history_access_log (              -- who read a patient's history, with which card
            id              INTEGER PRIMARY KEY,
            professional_id INTEGER NOT NULL REFERENCES professionals(id),
            patient_nir     TEXT NOT NULL,
            vitale_serial   TEXT NOT NULL,
            at              REAL NOT NULL
        );

        CREATE TABLE events (
            id              INTEGER PRIMARY KEY,
            practice_id     INTEGER NOT NULL REFERENCES practices(id),
            professional_id INTEGER NOT NULL REFERENCES professionals(id),
            kind            TEXT NOT NULL CHECK (kind IN ('reject_new', 'ald_due', 'message_answered',
                                'document_accepted', 'document_rejected', 'order_dispatched')),
            ref             TEXT NOT NULL,                 -- the resource under /v1, e.g. 'rejects/12'
            summary         TEXT NOT NULL,                 -- plain French
            at              REAL NOT NULL,
            seq             INTEGER NOT NULL UNIQUE
        );
        CREATE INDEX events_by_seq ON events(professional_id, seq);
        CREATE INDEX events_by_ref ON events(kind, ref);

        CREATE INDEX IF NOT EXISTS invoices_by_care_date ON invoices(professional_id, care_date);
        """

# A professional's practice situations, each with its numéro AM (a CPS may carry several).
_SITUATIONS = """
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

# Password failures counted per identifier typed, whether an account has it or not, so an unknown
# identifier is locked exactly like a real one (the counts move there from ``professionals``).
_AUTH_HARDENING = """
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

# ``touched_at``: the last declaration or chunk of an unfinished upload, from which it expires.
_DOCUMENT_HARDENING = """
        ALTER TABLE documents ADD COLUMN touched_at REAL NOT NULL DEFAULT 0;
        UPDATE documents SET touched_at = declared_at;
        CREATE INDEX documents_by_touch ON documents(status, touched_at);
        CREATE INDEX documents_by_declarer ON documents(professional_id, seq);
        """

# The cartes Vitale the fund issued and the beneficiaries each carries: the reimbursement history is
# shown only on the patient's own card, so its serial is checked here, not merely its format.
_VITALE_CARDS = """
        CREATE TABLE vitale_cards (
            serial          TEXT NOT NULL CHECK (length(serial) = 10),
            nir             TEXT NOT NULL CHECK (length(nir) = 15),   -- a beneficiary on the card
            PRIMARY KEY (serial, nir)
        );
        CREATE INDEX vitale_cards_by_nir ON vitale_cards(nir);
        """

# A secretary's or an accountant's view covers several doctors of the practice: their feeds are read
# in ``seq`` order across the practice, not doctor by doctor and then sorted (a group practice's first
# sync asked the whole practice's payments to be sorted for every page).
_PRACTICE_FEEDS = """
        CREATE INDEX payments_by_practice_seq ON payments(practice_id, seq);
        CREATE INDEX rejects_by_practice_seq ON rejects(practice_id, seq);
        """

# "Traité": a reject the practice marked as dealt with, from any of its workstations (status
# ``corrected``, a new ``seq`` so every workstation pulls it), with who marked it and when.
_REJECTS_TREATED = """
        ALTER TABLE rejects ADD COLUMN treated_at REAL;
        ALTER TABLE rejects ADD COLUMN treated_by INTEGER REFERENCES professionals(id);
        """

# SCOR's link to billing: each batch's logical acknowledgement (ARL: the fund read the batch, or
# refused it whole, or has not answered yet), and the degraded invoices (made without a carte Vitale)
# that wait for their justifying document. ``seq`` is taken from the global sequence when an invoice is
# added, justified (``justified_by`` the accepted document) or its batch's ARL changes.
_AWAITING_INVOICES = """
        ALTER TABLE batches ADD COLUMN arl TEXT NOT NULL DEFAULT 'positive'
            CHECK (arl IN ('pending', 'positive', 'negative'));
        ALTER TABLE batches ADD COLUMN arl_at REAL;
        ALTER TABLE batches ADD COLUMN arl_reason TEXT;                -- French, when negative
        CREATE TABLE degraded_invoices (
            id              INTEGER PRIMARY KEY,
            practice_id     INTEGER NOT NULL REFERENCES practices(id),
            professional_id INTEGER NOT NULL REFERENCES professionals(id),
            batch_id        INTEGER NOT NULL REFERENCES batches(id),
            batch           TEXT NOT NULL,             -- the batch's number, 3 digits
            number          TEXT NOT NULL,             -- numéro de facture, 9 digits
            nir             TEXT NOT NULL CHECK (length(nir) = 15),
            patient_name    TEXT NOT NULL,             -- « NOM Prénom »
            care_date       TEXT NOT NULL,
            amount_cents    INTEGER NOT NULL,
            seq             INTEGER NOT NULL UNIQUE,
            justified_by    INTEGER REFERENCES documents(id),
            justified_at    REAL,
            UNIQUE (practice_id, batch, number)
        );
        CREATE INDEX degraded_invoices_by_seq ON degraded_invoices(practice_id, seq);
        CREATE INDEX degraded_invoices_by_batch ON degraded_invoices(batch_id);
        """

MIGRATIONS: tuple[Migration, ...] = (
    Migration("001_accounts", _ACCOUNTS),
    Migration("002_practice_data", _PRACTICE_DATA),
    Migration("003_documents", _DOCUMENTS),
    Migration("004_forms_messages_activity", _FORMS_MESSAGES_ACTIVITY),
    Migration("005_situations", _SITUATIONS),
    Migration("006_auth_hardening", _AUTH_HARDENING),
    Migration("007_document_hardening", _DOCUMENT_HARDENING),
    Migration("008_vitale_cards", _VITALE_CARDS),
    Migration("009_practice_feeds", _PRACTICE_FEEDS),
    Migration("010_rejects_treated", _REJECTS_TREATED),
    Migration("011_awaiting_invoices", _AWAITING_INVOICES),
)
