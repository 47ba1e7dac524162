"""SQLite storage, practice data part: payments, rejects, ALD, patients, forms, messages, activity,
history and events.

The SQL behind :class:`storage.Storage`'s data methods; the writing rules of forms and messages stay in
:mod:`services_data` (shared with the seed), called here inside one transaction per use case.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from . import services_data as sd
from .db import Database
from .problems import Problem
from .sqlite_accounts import placeholders, row, rows
from .storage import PaymentFilter, Row

__all__ = ["SqliteData"]


class SqliteData:
    db: Database

    def _changes(self, table: str, owners: Iterable[int], practice_id: int, after: int, limit: int,
                 **equal: Any) -> list[Row]:
        """Rows of ``table`` of ``owners`` in ``practice_id`` after ``seq`` (``equal``: column = value,
        None ignored), in ``seq`` order."""
        ids = list(owners)
        where = [f"professional_id IN ({placeholders(ids)})", "practice_id = ?", "seq > ?"]
        args: list[Any] = [*ids, practice_id, after]
        for column, value in equal.items():
            if value is not None:
                where.append(f"{column} = ?")
                args.append(value)
        return rows(self.db.connection.execute(
            f"SELECT * FROM {table} WHERE {' AND '.join(where)} ORDER BY seq LIMIT ?", (*args, limit)))

    # -- payments, rejects, ALD, patients

    def payments(self, owners: Iterable[int], practice_id: int, after: int, limit: int,
                 where: PaymentFilter) -> list[Row]:
        ids = list(owners)
        clauses = [f"professional_id IN ({placeholders(ids)})", "practice_id = ?", "seq > ?"]
        args: list[Any] = [*ids, practice_id, after]
        for clause, value in (("paid_on >= ?", where.date_from and where.date_from.isoformat()),
                              ("paid_on <= ?", where.date_to and where.date_to.isoformat()),
                              ("kind = ?", where.kind), ("invoice_number = ?", where.invoice_number),
                              ("batch_number = ?", where.batch_number), ("patient_nir = ?", where.patient_nir),
                              ("substr(patient_nir, 1, 13) = ?", where.patient_nir_prefix)):
            if value:
                clauses.append(clause)
                args.append(value)
        for word in where.patient_words:  # a whole word of the folded name, as the client's store matches;
            clauses.append("' ' || patient_search || ' ' LIKE ?")  # folded words are letters and digits only
            args.append(f"% {word} %")
        return rows(self.db.connection.execute(
            f"SELECT * FROM payments WHERE {' AND '.join(clauses)} ORDER BY seq LIMIT ?", (*args, limit)))

    def rejects(self, owners: Iterable[int], practice_id: int, after: int, limit: int,
                status: str | None) -> list[Row]:
        return self._changes("rejects", owners, practice_id, after, limit, status=status)

    def ald_ending(self, professional_id: int, practice_id: int, start: date, end: date) -> list[Row]:
        return rows(self.db.connection.execute(
            "SELECT a.*, p.last_name, p.first_name, p.birth_date FROM ald a "
            "JOIN patients p ON p.practice_id = a.practice_id AND p.nir = a.patient_nir "
            "WHERE a.professional_id = ? AND a.practice_id = ? AND a.end_date BETWEEN ? AND ? "
            "ORDER BY a.end_date, a.patient_nir, a.ald_number",
            (professional_id, practice_id, start.isoformat(), end.isoformat())))

    def patient(self, practice_id: int, nir: str) -> Row | None:
        return row(self.db.connection.execute(
            "SELECT p.*, d.last_name AS doctor_last, d.first_name AS doctor_first FROM patients p "
            "LEFT JOIN professionals d ON d.id = p.treating_doctor_id WHERE p.practice_id = ? AND p.nir = ?",
            (practice_id, nir)))

    def vitale_card_carries(self, serial: str, nir: str) -> bool:
        return self.db.connection.execute("SELECT 1 FROM vitale_cards WHERE serial = ? AND nir = ?",
                                          (serial, nir)).fetchone() is not None

    # -- forms

    def catch_up(self, practice_id: int, now: float, today: date, dispatch_delay: float) -> None:
        db = self.db.connection
        if sd.has_due_orders(db, practice_id, now, dispatch_delay) or sd.has_due_ald(db, practice_id, today):
            with self.db.transaction() as tx:
                sd.advance_orders(tx, practice_id, now, dispatch_delay)
                sd.raise_ald_due_events(tx, practice_id, today, now)

    def form_orders(self, owners: Iterable[int], practice_id: int, after: int, limit: int,
                    status: str | None) -> list[Row]:
        return self._changes("form_orders", owners, practice_id, after, limit, status=status)

    def form_order(self, order_id: int) -> Row:
        return dict(self.db.connection.execute("SELECT * FROM form_orders WHERE id = ?", (order_id,)).fetchone())

    def order_lines(self, order_ids: list[int]) -> dict[int, dict[str, int]]:
        return sd.load_orders(self.db.connection, order_ids)

    def place_order(self, *, practice_id: int, professional_id: int, placed_by: int, client_id: str,
                    lines: dict[str, int], now: float, visible: set[int]) -> tuple[int, bool]:
        with self.db.transaction() as tx:
            return sd.place_order(tx, practice_id=practice_id, professional_id=professional_id,
                                  placed_by=placed_by, client_id=client_id, lines=lines, now=now, visible=visible)

    def change_order(self, *, order_id: int, practice_id: int, visible: set[int], changes: dict[str, int],
                     now: float, delay: float) -> None:
        self._keeping_dispatch(sd.change_order, order_id=order_id, practice_id=practice_id, visible=visible,
                               changes=changes, now=now, delay=delay)

    def cancel_order(self, *, order_id: int, practice_id: int, visible: set[int], now: float,
                     delay: float) -> None:
        self._keeping_dispatch(sd.cancel_order, order_id=order_id, practice_id=practice_id, visible=visible,
                               now=now, delay=delay)

    def _keeping_dispatch(self, change: Any, **arguments: Any) -> None:
        """Run ``change`` in a transaction; a 409 refusal (the order was dispatched meanwhile) still
        commits the dispatch the check made before it is raised."""
        refusal = None
        with self.db.transaction() as tx:
            try:
                change(tx, **arguments)
            except Problem as problem:
                if problem.status != 409:
                    raise
                refusal = problem
        if refusal:
            raise refusal

    # -- messages

    def threads(self, owners: Iterable[int], practice_id: int, after: int, limit: int,
                status: str | None) -> list[Row]:
        return self._changes("message_threads", owners, practice_id, after, limit, status=status)

    def thread(self, thread_id: int) -> Row:
        return dict(self.db.connection.execute("SELECT * FROM message_threads WHERE id = ?",
                                               (thread_id,)).fetchone())

    def thread_messages(self, thread_ids: list[int]) -> dict[int, list[Row]]:
        return {i: [dict(m) for m in messages]
                for i, messages in sd.load_threads(self.db.connection, thread_ids).items()}

    def open_thread(self, *, practice_id: int, professional_id: int, author_id: int, client_id: str,
                    subject: str, reason: str, body: str, now: float, visible: set[int]) -> tuple[int, bool]:
        with self.db.transaction() as tx:
            return sd.open_thread(tx, practice_id=practice_id, professional_id=professional_id,
                                  author_id=author_id, client_id=client_id, subject=subject, reason=reason,
                                  body=body, now=now, visible=visible)

    def add_message(self, *, thread_id: int, practice_id: int, visible: set[int], author_id: int,
                    client_id: str, body: str, now: float) -> bool:
        with self.db.transaction() as tx:
            return sd.add_message(tx, thread_id=thread_id, practice_id=practice_id, visible=visible,
                                  author_id=author_id, client_id=client_id, body=body, now=now)

    # -- activity

    def acts_by_month(self, professional_id: int, practice_id: int, first: date, last: date) -> list[Row]:
        return rows(self.db.connection.execute(
            "SELECT substr(care_date, 1, 7) AS month, act_code, count(*) AS acts, sum(tiers_payant) AS tp, "
            "sum(CASE WHEN status != 'rejected' THEN amount_cents ELSE 0 END) AS fees FROM invoices "
            "WHERE professional_id = ? AND practice_id = ? AND care_date BETWEEN ? AND ? GROUP BY 1, 2",
            (professional_id, practice_id, first.isoformat(), last.isoformat())))

    def patients_by_month(self, professional_id: int, practice_id: int, first: date, last: date) -> dict[str, int]:
        return {month: n for month, n in self.db.connection.execute(
            "SELECT substr(care_date, 1, 7) AS month, count(DISTINCT patient_nir) AS n FROM invoices "
            "WHERE professional_id = ? AND practice_id = ? AND care_date BETWEEN ? AND ? GROUP BY 1",
            (professional_id, practice_id, first.isoformat(), last.isoformat()))}

    def treating_declarations(self, professional_id: int, practice_id: int) -> list[str | None]:
        return [d for d, in self.db.connection.execute(
            "SELECT treating_declared_on FROM patients WHERE practice_id = ? AND treating_doctor_id = ?",
            (practice_id, professional_id))]

    def contract_indicators(self, professional_id: int, practice_id: int) -> list[Row]:
        return rows(self.db.connection.execute(
            "SELECT * FROM contract_indicators WHERE professional_id = ? AND practice_id = ? "
            "ORDER BY period, program, code", (professional_id, practice_id)))

    def optam(self, professional_id: int) -> Row:
        return dict(self.db.connection.execute(
            "SELECT p.national_id, p.convention_sector, o.adherent, o.since FROM professionals p "
            "LEFT JOIN optam_contracts o ON o.professional_id = p.id WHERE p.id = ?", (professional_id,)).fetchone())

    # -- history and events

    def log_history_access(self, professional_id: int, nir: str, vitale_serial: str, at: float) -> None:
        with self.db.transaction() as tx:
            tx.execute("INSERT INTO history_access_log (professional_id, patient_nir, vitale_serial, at) "
                       "VALUES (?, ?, ?, ?)", (professional_id, nir, vitale_serial, at))

    def reimbursements(self, practice_id: int, nir: str, first: date, last: date) -> list[Row]:
        return rows(self.db.connection.execute(
            "SELECT * FROM reimbursements WHERE practice_id = ? AND patient_nir = ? AND care_date "
            "BETWEEN ? AND ? ORDER BY care_date DESC, id DESC",
            (practice_id, nir, first.isoformat(), last.isoformat())))

    def events(self, owners: Iterable[int], practice_id: int, after: int, limit: int,
               kind: str | None) -> list[Row]:
        return self._changes("events", owners, practice_id, after, limit, kind=kind)
