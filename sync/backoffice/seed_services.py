"""Deterministic demo data of the 004 tables: form orders, message threads with the fund, contract
indicators and OPTAM, patients' reimbursements (care, exams, drugs) and the event feed (rejects and ALD
due from the 002 tables, answers of the fund, dispatched orders).

Call :func:`seed_services` inside the seed's transaction, after the practices of this run are written,
with an ``rng`` of its own (so the 002 rows do not change when this generator does). Orders and
threads go through the same functions as the routes (:mod:`sqlite.services`), replayed in time order so
the global change sequence follows time. Like :mod:`seed`, it writes to SQLite directly.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from . import dates
from . import service_rules as rules
from .sqlite import services as sql

__all__ = ["ServicesSeedSummary", "seed_services"]


@dataclass
class ServicesSeedSummary:
    form_orders: int = 0
    threads: int = 0
    messages: int = 0
    reimbursements: int = 0
    indicators: int = 0
    events: int = 0


def _at(day: date, hour: int, minute: int = 0) -> float:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=dates.PARIS).timestamp()


def _working_day_on_or_before(day: date) -> date:
    while not dates.is_working_day(day):
        day -= timedelta(days=1)
    return day


# --- reference data --------------------------------------------------------------------------------

_THREADS = {
    "billing": [
        ("Facture rejetée à tort (code {code})",
         "Bonjour,\n\nLa facture {invoice} du lot {batch} a été rejetée avec le code {code}. Le patient avait "
         "pourtant présenté une carte Vitale à jour. Pouvez-vous vérifier et reprendre la facture ?"
         "\n\nCordialement,"),
        ("Cotation d'une consultation longue",
         "Bonjour,\n\nPouvez-vous me confirmer les conditions de facturation de la consultation APC pour un "
         "patient adressé par un confrère ?\n\nMerci d'avance,"),
    ],
    "patient_rights": [
        ("Droits fermés pour un patient",
         "Bonjour,\n\nUn de mes patients apparaît avec des droits fermés alors qu'il dit avoir envoyé son "
         "justificatif il y a un mois. Pouvez-vous me dire où en est son dossier ?\n\nCordialement,"),
        ("Déclaration de médecin traitant non prise en compte",
         "Bonjour,\n\nJ'ai enregistré une déclaration de médecin traitant en ligne il y a trois semaines, elle "
         "n'apparaît toujours pas. Pouvez-vous vérifier ?\n\nBien cordialement,"),
    ],
    "payment_follow_up": [
        ("Paiement du forfait médecin traitant",
         "Bonjour,\n\nJe ne retrouve pas le versement du forfait médecin traitant du dernier trimestre sur "
         "mon relevé. Pouvez-vous m'indiquer la date et le libellé du virement ?\n\nCordialement,"),
        ("Tiers payant non réglé",
         "Bonjour,\n\nPlusieurs factures en tiers payant du lot {batch} ne sont toujours pas payées après trois "
         "semaines. Pouvez-vous regarder ?\n\nMerci,"),
    ],
    "other": [
        ("Changement de coordonnées bancaires",
         "Bonjour,\n\nJe change de banque le mois prochain. Quelle est la marche à suivre pour que les "
         "paiements arrivent sur le nouveau compte ?\n\nCordialement,"),
    ],
}
_ANSWERS = [
    "Bonjour Docteur,\n\nNous avons bien pris en compte votre demande. Le dossier est régularisé ; vous "
    "verrez l'effet sur vos prochains relevés.\n\nCordialement,\nVotre caisse d'assurance maladie",
    "Bonjour Docteur,\n\nAprès vérification, la situation est maintenant à jour. N'hésitez pas à nous "
    "recontacter si besoin.\n\nCordialement,\nVotre caisse d'assurance maladie",
    "Bonjour Docteur,\n\nPour traiter votre demande, merci de nous transmettre le numéro de facture concerné "
    "et la date des soins.\n\nCordialement,\nVotre caisse d'assurance maladie",
]

_INDICATORS = [  # code, label, target, unit, higher is better, value range
    ("DIAB_HBA1C", "Patients diabétiques ayant eu 2 à 4 dosages d'HbA1c dans l'année", 93.0, "%", True, (55, 92)),
    ("DIAB_FO", "Patients diabétiques ayant eu un examen du fond d'œil en deux ans", 68.0, "%", True, (45, 75)),
    ("GRIPPE_65", "Patients de 65 ans et plus vaccinés contre la grippe saisonnière", 75.0, "%", True, (45, 72)),
    ("COLORECTAL", "Patients de 50 à 74 ans dépistés du cancer colorectal en deux ans", 70.0, "%", True, (25, 50)),
    ("COL_UTERUS", "Patientes de 25 à 65 ans dépistées du cancer du col de l'utérus en trois ans", 80.0, "%",
     True, (50, 72)),
    ("BENZO_12S", "Patients traités plus de 12 semaines par benzodiazépine hypnotique", 4.0, "%", False, (3, 12)),
    ("ANTIBIO", "Prescriptions d'antibiotiques pour 100 patients de 16 à 65 ans sans ALD", 14.0, "pour 100",
     False, (12, 30)),
    ("GENERIQUES", "Prescriptions dans le répertoire des génériques (statines, antihypertenseurs, IPP)", 92.0,
     "%", True, (80, 96)),
]
_OPTAM = [
    ("TAUX_DEPASSEMENT", "Taux de dépassement d'honoraires", 30.0, "%", False, (15, 40)),
    ("PART_OPPOSABLE", "Part de l'activité réalisée à tarif opposable", 45.0, "%", True, (30, 60)),
]

_SPECIALISTS = ["cardiologue", "dermatologue", "ophtalmologiste", "rhumatologue", "gynécologue", "ORL"]
_SPECIALIST_NAMES = ["Dr Anne Vasseur", "Dr Karim Benali", "Dr Sophie Le Gall", "Dr Marc Aubert",
                     "Dr Hélène Pichon", "Dr Yann Kervella"]
_LABS = ["Laboratoire de biologie médicale Pasteur", "Laboratoire Cerballiance", "Laboratoire Bio-Santé"]
_IMAGING = ["Centre d'imagerie médicale du Parc", "Cabinet de radiologie Saint-Louis"]
_PHARMACIES = ["Pharmacie du Marché", "Pharmacie de la Gare", "Grande Pharmacie Centrale", "Pharmacie des Écoles"]
_NURSES = ["Cabinet infirmier des Lilas", "Mme Claire Jacob, infirmière"]
_PHYSIOS = ["M. Julien Roche, masseur-kinésithérapeute", "Cabinet de kinésithérapie du Stade"]
_LAB_TESTS = [("Bilan sanguin (NFS, glycémie, créatinine)", 2200), ("Bilan lipidique et HbA1c", 2900),
              ("Bilan thyroïdien (TSH)", 1400), ("Examen cytobactériologique des urines", 1700)]
_IMAGING_TESTS = [("Radiographie du thorax", 2130), ("Échographie abdominale", 5670),
                  ("Radiographie du genou", 2660), ("Mammographie de dépistage", 6600)]


def _age(birth: str, today: date) -> int:
    year, month, day = (int(x) for x in birth.split("-"))
    return today.year - year - ((today.month, today.day) < (max(month, 1), max(day, 1)))


# --- the generator ---------------------------------------------------------------------------------


def seed_services(connection: sqlite3.Connection, rng: random.Random, *, practice_ids: Iterable[int],
                  today: date, now: float) -> ServicesSeedSummary:
    """Write the 004 data of ``practice_ids`` (inside the caller's transaction)."""
    summary = ServicesSeedSummary()
    before = connection.execute("SELECT count(*) FROM events").fetchone()[0]
    for practice_id in sorted(practice_ids):
        _seed_practice(connection, rng, practice_id, today, now, summary)
    summary.events = connection.execute("SELECT count(*) FROM events").fetchone()[0] - before
    return summary


def _seed_practice(c: sqlite3.Connection, r: random.Random, practice_id: int, today: date, now: float,
                   summary: ServicesSeedSummary) -> None:
    pros = c.execute("SELECT * FROM professionals WHERE practice_id = ? ORDER BY id", (practice_id,)).fetchall()
    gps = [p for p in pros if p["card_type"] in ("CPS", "CPF")]
    staff = [p for p in pros if p["card_type"] == "CPE"]
    timeline: list[tuple[float, int, Callable[[], None]]] = []

    def later(at: float, action: Callable[[], None]) -> None:
        timeline.append((at, len(timeline), action))

    # rejects of the 002 tables: one event each, the morning they were notified
    for row in c.execute("SELECT * FROM rejects WHERE practice_id = ? ORDER BY seq", (practice_id,)).fetchall():
        cause = row["label_fr"].split(". ")[0].rstrip(".")
        text = (f"Facture {row['invoice_number']} du lot {row['batch_number']} rejetée (code {row['reject_code']}) : "
                f"{cause}.")
        later(_at(date.fromisoformat(row["rejected_on"]), 7),
              lambda row=row, text=text: sql.record_event(c, practice_id, row["professional_id"], "reject_new",
                                                          f"rejects/{row['id']}", text,
                                                          _at(date.fromisoformat(row["rejected_on"]), 7)))

    client_ids = iter(range(1, 10**9))
    for gp in gps:
        _indicators(c, r, gp, practice_id, today, summary)
        _orders(c, r, gp, staff, practice_id, today, now, later, client_ids, summary)
        _threads(c, r, gp, staff, practice_id, today, now, later, client_ids, summary)

    for _, _, action in sorted(timeline, key=lambda item: (item[0], item[1])):
        action()
    sql.advance_orders(c, practice_id, now)
    sql.raise_ald_due_events(c, practice_id, today, now)
    _reimbursements(c, r, practice_id, gps, today, summary)


def _indicators(c: sqlite3.Connection, r: random.Random, gp: sqlite3.Row, practice_id: int, today: date,
                summary: ServicesSeedSummary) -> None:
    rows = []
    for year in (today.year - 2, today.year - 1):
        for code, label, target, unit, higher, (low, high) in _INDICATORS:
            rows.append((practice_id, gp["id"], "rosp", str(year), code, label, round(r.uniform(low, high), 1),
                         target, unit, int(higher)))
    if gp["convention_sector"] == "2":
        adherent = r.random() < 0.7
        since = date(today.year - r.randint(1, 6), 1, 1) if adherent else None
        c.execute("INSERT INTO optam_contracts (professional_id, adherent, since) VALUES (?, ?, ?)",
                  (gp["id"], int(adherent), since.isoformat() if since else None))
        if adherent:
            for year in (today.year - 2, today.year - 1):
                for code, label, target, unit, higher, (low, high) in _OPTAM:
                    rows.append((practice_id, gp["id"], "optam", str(year), code, label,
                                 round(r.uniform(low, high), 1), target, unit, int(higher)))
    c.executemany("INSERT INTO contract_indicators (practice_id, professional_id, program, period, code, label, "
                  "value, target, unit, higher_is_better) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    summary.indicators += len(rows)


def _orders(c, r, gp, staff, practice_id, today, now, later, client_ids, summary) -> None:  # noqa: ANN001
    visible = {gp["id"]}
    day = today - timedelta(days=365)
    forms = list(rules.FORMS_BY_ID)
    placements: list[tuple[float, bool]] = []
    while True:
        day += timedelta(days=r.randint(20, 60))
        if day >= today:
            break
        placements.append((_at(_working_day_on_or_before(day), r.randint(8, 18), r.randint(0, 59)),
                           r.random() < 0.1))
    placements.append((now - 20 * 60, False))  # one still open: the demo can change or cancel it
    for at, cancelled in placements:
        by = r.choice(staff)["id"] if staff and r.random() < 0.6 else gp["id"]
        picks = sorted(r.sample(forms, r.choices([1, 2, 3], [5, 3, 1])[0]))
        lines = {form: r.choice(rules.FORMS_BY_ID[form].quantities[:4]) for form in picks}
        client_id = f"seed-order-{practice_id}-{next(client_ids)}"
        summary.form_orders += 1

        def place(at=at, by=by, lines=lines, client_id=client_id, cancelled=cancelled) -> None:  # noqa: ANN001
            order_id, _ = sql.place_order(c, practice_id=practice_id, professional_id=gp["id"], placed_by=by,
                                          client_id=client_id, lines=lines, now=at, visible=visible)
            if cancelled:
                sql.cancel_order(c, order_id=order_id, practice_id=practice_id, visible=visible, now=at + 600)

        later(at, place)
        if not cancelled and at + rules.DISPATCH_DELAY <= now:
            due = at + rules.DISPATCH_DELAY
            later(due, lambda due=due: sql.advance_orders(c, practice_id, due))


def _threads(c, r, gp, staff, practice_id, today, now, later, client_ids, summary) -> None:  # noqa: ANN001
    visible = {gp["id"]}
    batch = c.execute("SELECT batch_number FROM batches WHERE professional_id = ? ORDER BY id DESC LIMIT 1",
                      (gp["id"],)).fetchone()
    reject = c.execute("SELECT * FROM rejects WHERE professional_id = ? ORDER BY seq DESC LIMIT 1",
                       (gp["id"],)).fetchone()
    values = {"batch": batch[0] if batch else "001",
              "invoice": reject["invoice_number"] if reject else "000000001",
              "code": reject["reject_code"] if reject else "A081"}
    reasons, weights = list(_THREADS), [4, 3, 4, 1]
    count = r.randint(4, 9)
    for index in range(count):
        recent = index == count - 1  # the last one is still waiting for its answer
        sent_day = today - timedelta(days=r.randint(0, 2) if recent else r.randint(5, 300))
        at = min(_at(_working_day_on_or_before(sent_day), r.randint(8, 19), r.randint(0, 59)), now - 600)
        reason = r.choices(reasons, weights)[0]
        subject, body = r.choice(_THREADS[reason])
        author = r.choice(staff)["id"] if staff and r.random() < 0.4 else gp["id"]
        signature = c.execute("SELECT first_name, last_name, card_type FROM professionals WHERE id = ?",
                              (gp["id"],)).fetchone()
        body = body.format(**values) + f"\nDr {signature['first_name']} {signature['last_name']}"
        client_id = f"seed-thread-{practice_id}-{next(client_ids)}"
        summary.threads += 1
        summary.messages += 1
        holder: dict[str, int] = {}

        def open_(at=at, author=author, client_id=client_id, subject=subject.format(**values), reason=reason,
                  body=body, holder=holder) -> None:  # noqa: ANN001
            holder["id"], _ = sql.open_thread(c, practice_id=practice_id, professional_id=gp["id"], author_id=author,
                                              client_id=client_id, subject=subject, reason=reason, body=body,
                                              now=at, visible=visible)

        later(at, open_)
        if recent:
            continue
        # the fund answers within two working days, most often the next one
        answered = _at(dates.add_working_days(dates.paris_date(at), r.choices([1, 2, 3], [6, 3, 1])[0]),
                       r.randint(9, 17), r.randint(0, 59))
        if answered >= now:
            continue
        answer = r.choice(_ANSWERS)
        follow_up = answer is _ANSWERS[2] and r.random() < 0.7
        summary.messages += 1
        close = not follow_up and r.random() < 0.5
        later(answered, lambda holder=holder, answer=answer, answered=answered, close=close:
              sql.answer_thread(c, holder["id"], answer, answered, close=close))
        if follow_up:
            again = answered + r.randint(2, 30) * 3600
            if again < now:
                summary.messages += 1
                later(again, lambda holder=holder, again=again, author=author, n=next(client_ids): sql.add_message(
                    c, thread_id=holder["id"], practice_id=practice_id, visible=visible, author_id=author,
                    client_id=f"seed-message-{practice_id}-{n}",
                    body=f"Bonjour,\n\nIl s'agit de la facture {values['invoice']}, soins du lot {values['batch']}."
                         "\n\nMerci,", now=again))
                final = _at(dates.add_working_days(dates.paris_date(again), 1), 10, r.randint(0, 59))
                if final < now:
                    summary.messages += 1
                    later(final, lambda holder=holder, final=final: sql.answer_thread(
                        c, holder["id"], _ANSWERS[0], final, close=True))


def _reimbursements(c: sqlite3.Connection, r: random.Random, practice_id: int, gps: list[sqlite3.Row],
                    today: date, summary: ServicesSeedSummary) -> None:
    patients = c.execute("SELECT p.nir, p.birth_date, p.treating_doctor_id, "
                         "EXISTS (SELECT 1 FROM ald a WHERE a.practice_id = p.practice_id AND a.patient_nir = p.nir "
                         "AND a.end_date >= ?) AS ald FROM patients p WHERE p.practice_id = ? ORDER BY p.id",
                         (today.isoformat(), practice_id)).fetchall()
    names = {gp["id"]: f"Dr {gp['first_name']} {gp['last_name']}, médecin généraliste" for gp in gps}
    default_gp = next(iter(names.values()), "Médecin généraliste")
    start = today - timedelta(days=395)
    rows: list[tuple] = []

    def add(day: date, category: str, label: str, provider: str, billed: int, rate: float, deductible: int) -> None:
        if day > today:
            return
        paid = day + timedelta(days=r.randint(1, 8))
        if paid > today:
            paid = today
        rows.append((practice_id, nir, day.isoformat(), category, label, provider, billed,
                     max(0, round(billed * rate) - deductible), paid.isoformat()))

    for patient in patients:
        nir, ald = patient["nir"], bool(patient["ald"])
        age = _age(patient["birth_date"], today)
        adult = age >= 18
        visits = max(0, round(r.gauss(3 + age / 20 + (4 if ald else 0), 1.5)))
        doctor = names.get(patient["treating_doctor_id"], default_gp)
        for _ in range(visits):
            day = start + timedelta(days=r.randrange(396))
            if day.weekday() == 6:
                day -= timedelta(days=1)
            add(day, "care", "Consultation de médecine générale", doctor, 3000, 1.0 if ald else 0.7,
                200 if adult else 0)
            if r.random() < 0.7:
                boxes = r.randint(1, 5)
                add(day + timedelta(days=r.randint(0, 1)), "drug",
                    f"Médicaments délivrés ({boxes} {'boîte' if boxes == 1 else 'boîtes'})", r.choice(_PHARMACIES),
                    sum(r.randint(250, 2500) for _ in range(boxes)), 1.0 if ald else 0.65, boxes * 100 if adult else 0)
            roll = r.random()
            if roll < 0.2:
                label, billed = r.choice(_LAB_TESTS)
                add(day + timedelta(days=r.randint(1, 10)), "exam", label, r.choice(_LABS), billed,
                    1.0 if ald else 0.6, 0)
            elif roll < 0.28:
                label, billed = r.choice(_IMAGING_TESTS)
                add(day + timedelta(days=r.randint(3, 30)), "exam", label, r.choice(_IMAGING), billed,
                    1.0 if ald else 0.7, 200 if adult else 0)
            elif roll < 0.34:
                i = r.randrange(len(_SPECIALISTS))
                add(day + timedelta(days=r.randint(10, 60)), "care", f"Consultation de {_SPECIALISTS[i]}",
                    f"{_SPECIALIST_NAMES[i]}, {_SPECIALISTS[i]}", 5000, 1.0 if ald else 0.7, 200 if adult else 0)
            elif roll < 0.37:
                sessions = r.choice([6, 10, 15])
                add(day + timedelta(days=r.randint(5, 20)), "care", f"Séances de kinésithérapie ({sessions})",
                    r.choice(_PHYSIOS), sessions * 1698, 1.0 if ald else 0.6, 0)
            elif ald and roll < 0.45:
                add(day + timedelta(days=r.randint(1, 5)), "care", "Soins infirmiers à domicile", r.choice(_NURSES),
                    r.randint(4, 20) * 715, 1.0, 0)
    c.executemany("INSERT INTO reimbursements (practice_id, patient_nir, care_date, category, label, provider, "
                  "billed_cents, reimbursed_cents, paid_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    summary.reimbursements += len(rows)
