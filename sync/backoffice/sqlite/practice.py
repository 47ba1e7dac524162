"""SQLite storage, what the fund knows of a practice: payments, rejects, ALD, patients
(:class:`storage.PracticeData`), the activity figures (:class:`storage.Activity`) and a patient's
reimbursement history (:class:`storage.History`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from ..storage import PaymentFilter, Row
from .database import Database
from .changes import allocate_seq
from .rows import changed_since, of_owners, placeholders, row, rows

__all__ = ["SqlitePractice", "SqliteActivity", "SqliteHistory"]


class SqlitePractice:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- payments, rejects, ALD, patients

    def payments(self, owners: Iterable[int], practice_id: int, after: int, limit: int,
                 where: PaymentFilter) -> list[Row]:
        clauses, args = of_owners(owners, practice_id)
        clauses.append("seq > ?")
        args.append(after)
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
        return changed_since(self.db.connection, "rejects", owners, practice_id, after, limit, status=status)

    def mark_reject_treated(self, reject_id: int, practice_id: int, visible: Iterable[int], by: int,
                            now: float) -> Row | None:
        ids = list(visible)
        if not ids:
            return None
        with self.db.transaction() as tx:
            found = row(tx.execute(f"SELECT * FROM rejects WHERE id = ? AND practice_id = ? "
                                   f"AND professional_id IN ({placeholders(ids)})", (reject_id, practice_id, *ids)))
            if found is None or found["status"] == "corrected":
                return found
            return row(tx.execute("UPDATE rejects SET status = 'corrected', treated_at = ?, treated_by = ?, seq = ? "
                                  "WHERE id = ? RETURNING *", (now, by, allocate_seq(tx), reject_id)))

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


class SqliteActivity:
    def __init__(self, db: Database) -> None:
        self.db = db

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


class SqliteHistory:
    def __init__(self, db: Database) -> None:
        self.db = db

    def log_history_access(self, professional_id: int, nir: str, vitale_serial: str, at: float) -> None:
        with self.db.transaction() as tx:
            tx.execute("INSERT INTO history_access_log (professional_id, patient_nir, vitale_serial, at) "
                       "VALUES (?, ?, ?, ?)", (professional_id, nir, vitale_serial, at))

    def reimbursements(self, practice_id: int, nir: str, first: date, last: date) -> list[Row]:
        return rows(self.db.connection.execute(
            "SELECT * FROM reimbursements WHERE practice_id = ? AND patient_nir = ? AND care_date "
            "BETWEEN ? AND ? ORDER BY care_date DESC, id DESC",
            (practice_id, nir, first.isoformat(), last.isoformat())))
