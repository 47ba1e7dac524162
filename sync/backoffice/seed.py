"""Deterministic, realistic demo data: practices, their GPs and secretary, patients, 27 months of
batches, invoices, payments, rejects and ALD, and the degraded invoices awaiting their SCOR document.

Everything comes from one ``random.Random(seed)``, so the same arguments give the same rows (row ids
and ``seq`` numbers depend on what the database already held). Identifiers follow the public rules:
NIR keys (97 - NIR mod 97, Corsica 2A/2B), RPPS with a Luhn key (national id ``8`` + RPPS), numéro AM
of 9 digits starting with the department, FINESS of 9 characters with a key.

The first practice carries, by default, the identities of the emulators' stock cards (the CPS of
Dr Émilie Lefèvre-Dupré and of her partner Dr Yannick Kerbrat, the CPE of Chloé Marchand-Girard and
the insured persons of the stock Vitale cards), so the demo's virtual cards find their accounts and
patients. Those identities are
copied here, not imported: the back office does not import ``cardreader``.

The seed writes to the SQLite database directly, not through :class:`storage.Storage`: it is a bulk
generator of hundreds of thousands of rows for the SQLite engine, one transaction and ``executemany``
batches, which per-row domain operations would make many times slower. Another engine gets its demo
data by its own loader.
"""

from __future__ import annotations

import calendar
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from sync.protocol.search import fold

from .ids import luhn_digit, nir_key
from .seed_awaiting import seed_awaiting
from .seed_services import ServicesSeedSummary, seed_services
from .sqlite import Database, allocate_seq

__all__ = ["SeedSummary", "SeededAccount", "seed", "ALD_LIST", "REJECT_CODES", "ACTS"]


@dataclass(frozen=True)
class SeededAccount:
    practice: str
    national_id: str
    card_type: str
    last_name: str
    first_name: str
    am_number: str | None


@dataclass
class SeedSummary:
    practices: int = 0
    professionals: int = 0
    patients: int = 0
    batches: int = 0
    invoices: int = 0
    payments: int = 0
    rejects: int = 0
    ald: int = 0
    vitale_cards: int = 0
    degraded_invoices: int = 0  # awaiting their SCOR document
    accounts: list[SeededAccount] = field(default_factory=list)
    services: ServicesSeedSummary = field(default_factory=ServicesSeedSummary)

    def __str__(self) -> str:
        lines = [", ".join(f"{count} {name}" for name, count in (self.counts() | vars(self.services)).items())]
        lines += [f"  {a.card_type} {a.national_id} {a.first_name} {a.last_name}"
                  + (f" (numéro AM {a.am_number})" if a.am_number else "") + f" — {a.practice}"
                  for a in self.accounts]
        return "\n".join(lines)

    def counts(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in
                ("practices", "professionals", "patients", "batches", "invoices", "payments", "rejects", "ald",
                 "vitale_cards", "degraded_invoices")}


# --- reference data --------------------------------------------------------------------------------

# (department in the NIR, numeric department for numbers, city, fund)
_PLACES = [
    ("75", "75", "Paris", "CPAM de Paris"),
    ("69", "69", "Lyon", "CPAM du Rhône"),
    ("13", "13", "Marseille", "CPAM des Bouches-du-Rhône"),
    ("35", "35", "Rennes", "CPAM d'Ille-et-Vilaine"),
    ("33", "33", "Bordeaux", "CPAM de la Gironde"),
    ("31", "31", "Toulouse", "CPAM de la Haute-Garonne"),
    ("2A", "20", "Ajaccio", "CPAM de la Corse-du-Sud"),
    ("67", "67", "Strasbourg", "CPAM du Bas-Rhin"),
    ("44", "44", "Nantes", "CPAM de Loire-Atlantique"),
    ("29", "29", "Quimper", "CPAM du Finistère"),
    ("63", "63", "Clermont-Ferrand", "CPAM du Puy-de-Dôme"),
    ("59", "59", "Lille", "CPAM de Lille-Douai"),
]
_OTHER_FUNDS = ["MSA Île-de-France", "MSA Provence-Azur", "CPAM des Hauts-de-Seine", "CPAM du Val-de-Marne",
                "CPAM de la Seine-Saint-Denis", "CPAM du Nord"]
_PRACTICE_NAMES = ["Cabinet médical des Tilleuls", "Maison de santé pluriprofessionnelle du Vieux-Port",
                   "Cabinet médical Pasteur", "Maison médicale des Glycines", "Cabinet médical de la Halle",
                   "Pôle santé Saint-Exupéry", "Cabinet médical des Acacias", "Maison de santé Simone-Veil",
                   "Cabinet médical du Château-d'Eau", "Cabinet médical de l'Écluse"]
_SURNAMES = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
             "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
             "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet",
             "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller",
             "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu", "Clément", "Gérard", "Lemaître",
             "Ménard", "Brunet", "Schmitt", "Caron", "Côté", "Boyer", "Lecœur", "Prévost", "Benoît",
             "Hébert", "Le Goff", "Le Bihan", "Da Silva", "N'Diaye", "Nguyen", "Ben Saïd", "Pélissier",
             "Chevallier", "Frémont", "Lévêque", "Béranger", "Château", "Sénéchal", "Aubrée-Delorme",
             "Dujardin-Fève"]
_MALE = ["Jean", "Pierre", "Michel", "André", "Philippe", "Éric", "Frédéric", "Stéphane", "Jérôme",
         "Sébastien", "Hervé", "Gérard", "René", "François", "Théo", "Hugo", "Lucas", "Noé", "Raphaël",
         "Maël", "Gaël", "Loïc", "Clément", "Benoît", "Joël", "Aurélien", "Jérémy", "Mathéo", "Timothée",
         "Léo", "Jean-Noël", "Anaël"]
_FEMALE = ["Marie", "Nathalie", "Isabelle", "Sylvie", "Hélène", "Céline", "Émilie", "Aurélie", "Élodie",
           "Chloé", "Léa", "Manon", "Inès", "Zoé", "Anaïs", "Maëlle", "Noémie", "Océane", "Mélanie",
           "Geneviève", "Françoise", "Thérèse", "Agnès", "Béatrice", "Cécile", "Josiane", "Jeanne",
           "Louise", "Camille", "Clémence", "Marie-Hélène", "Éloïse"]
_ABROAD = ["352", "350", "351", "341", "139", "127", "134", "109"]  # INSEE country codes

#: the public list of long-term illnesses (ALD 30): number -> label; weights follow prevalence
ALD_LIST: dict[int, str] = {
    1: "Accident vasculaire cérébral invalidant",
    3: "Artériopathies chroniques avec manifestations ischémiques",
    5: "Insuffisance cardiaque grave, troubles du rythme graves, cardiopathies valvulaires graves, "
       "cardiopathies congénitales graves",
    6: "Maladies chroniques actives du foie et cirrhoses",
    8: "Diabète de type 1 et diabète de type 2",
    9: "Formes graves des affections neurologiques et musculaires (dont myopathie), épilepsie grave",
    13: "Maladie coronaire",
    14: "Insuffisance respiratoire chronique grave",
    15: "Maladie d'Alzheimer et autres démences",
    16: "Maladie de Parkinson",
    19: "Néphropathie chronique grave et syndrome néphrotique primitif",
    22: "Polyarthrite rhumatoïde évolutive",
    23: "Affections psychiatriques de longue durée",
    25: "Sclérose en plaques",
    30: "Tumeur maligne, affection maligne du tissu lymphatique ou hématopoïétique",
}
_ALD_WEIGHTS = {1: 3, 3: 3, 5: 9, 6: 2, 8: 25, 9: 3, 13: 8, 14: 3, 15: 4, 16: 2, 19: 2, 22: 2, 23: 12,
                25: 1, 30: 21}

#: act code -> amount in cents (2025 tariffs, rounded)
ACTS: dict[str, int] = {"G": 3000, "GS": 3000, "VG+MD": 4000, "APC": 5600, "COE": 4700, "G+MEG": 3500,
                        "CCP": 4700, "TCG": 2500, "DEQP003": 1452}
_ADULT_ACTS = (["G", "GS", "VG+MD", "APC", "CCP", "TCG", "DEQP003"], [62, 12, 6, 2, 2, 8, 3])

#: reject code -> plain French cause and fix; the last two apply to children's acts only
REJECT_CODES: dict[str, str] = {
    "A081": "Droits du patient fermés à la date des soins. Vérifiez ses droits (ADRi) ou faites mettre à "
            "jour sa carte Vitale, puis renvoyez la facture ; à défaut, faites régler le patient.",
    "B135": "Le NIR et la date de naissance du patient ne concordent pas (date ou rang de naissance mal "
            "saisi). Corrigez l'identité du patient dans votre logiciel puis renvoyez la facture.",
    "C212": "Facture en double : une facture identique (même patient, même date, même acte) a déjà été "
            "payée. Ne la renvoyez pas : annulez-la dans votre logiciel.",
    "D307": "Pièce justificative non reçue : facture sans carte Vitale (flux dégradé) dont la feuille de "
            "soins signée n'est pas parvenue. Envoyez-la par SCOR, la facture sera alors reprise.",
    "E410": "Exonération ALD non justifiée : l'acte n'est pas en rapport avec l'ALD du patient ou l'ALD a "
            "expiré. Refacturez sans exonération (ticket modérateur à la charge du patient ou de sa "
            "complémentaire).",
    "G620": "Parcours de soins non respecté : vous n'êtes pas le médecin traitant déclaré et aucun motif "
            "(urgence, remplacement, hors résidence) n'est indiqué. Ajoutez l'indicateur de parcours "
            "puis renvoyez la facture.",
    "H702": "Date des soins invalide : postérieure à la date d'envoi du lot ou hors du délai de deux ans "
            "et trois mois. Corrigez la date des soins puis renvoyez la facture.",
    "F503": "Acte incompatible avec l'âge du patient : la consultation obligatoire de l'enfant (COE) et la "
            "majoration enfant sont réservées à certains âges. Vérifiez la date de naissance ou choisissez "
            "le bon code d'acte, puis renvoyez la facture.",
}
_REJECT_WEIGHTS = {"A081": 24, "B135": 18, "C212": 10, "D307": 16, "E410": 10, "G620": 12, "H702": 4,
                   "F503": 6}

_MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
              "octobre", "novembre", "décembre"]

# The emulators' stock cards (cardreader/emulator/profiles.py), copied on purpose.
_STOCK_SIRET = "3831234560001" + luhn_digit("3831234560001")
_STOCK_GP = ("8" + "1000345678" + luhn_digit("1000345678"), "Lefèvre-Dupré", "Émilie", "751123456")
_STOCK_GP2 = ("8" + "1000456789" + luhn_digit("1000456789"), "Kerbrat", "Yannick", "751123464")
_STOCK_CPE = ("3" + _STOCK_SIRET + "/0042", "Marchand-Girard", "Chloé")
_STOCK_PATIENTS = [  # (NIR 13, last name, first name, birth date as on the card)
    ("2850375115042", "Bérard", "Éloïse", "1985-03-14"),
    ("172082A004027", "Paoli", "Jean-Noël", "1972-08-17"),
    ("2790399341015", "Diop-Lefèbvre", "Aïssatou", "1979-03-00"),
]
_STOCK_VITALE = {"2850375115042": "1234567890", "172082A004027": "1234500201", "2790399341015": "1234598765"}


# --- helpers ---------------------------------------------------------------------------------------


def _add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _weekday_on_or_after(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _quarter_label(quarter: int, year: int) -> str:
    return f"{'1er' if quarter == 1 else f'{quarter}e'} trimestre {year}"


def _age(birth: date, today: date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


class _Unique:
    """Draws values that are not yet taken (in this run nor in the database)."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = taken

    def draw(self, make: Callable[[], str]) -> str:
        for _ in range(10_000):
            value = make()
            if value not in self.taken:
                self.taken.add(value)
                return value
        raise RuntimeError("identifier space exhausted")


@dataclass
class _Patient:
    nir: str
    last_name: str
    first_name: str
    birth: date
    birth_text: str
    fund: str
    treating: int | None
    ald: bool = False

    @property
    def display_name(self) -> str:
        return f"{self.last_name.upper()} {self.first_name}"


# --- the generator ---------------------------------------------------------------------------------


def seed(db: Database, *, seed: int = 1, practices: int = 1, patients: int = 300, months: int = 27,
         today: date | None = None, clock: Callable[[], float] = time.time,
         stock_cards: bool = True, doctors: int | None = None) -> SeedSummary:
    """Add ``practices`` practices with ``patients`` patients each and ``months`` months of activity
    up to ``today`` (default: the clock's date), in one transaction. ``created_at`` of the accounts is
    the clock's time; their password fields stay empty (``enrol`` gives a first-login code).

    ``doctors`` GPs per practice (a group practice: ten); by default one to three, drawn. The patients
    and their activity are shared among them, so the practice's volume follows ``patients`` alone."""
    if practices < 1 or patients < 1 or months < 1 or (doctors is not None and doctors < 1):
        raise ValueError("practices, patients, months and doctors must be at least 1")
    r = random.Random(seed)
    now = clock()
    today = today or date.fromtimestamp(now)
    start = _add_months(today, -months)
    summary = SeedSummary()
    connection = db.connection
    unique = {
        "national_id": _Unique({row[0] for row in connection.execute("SELECT national_id FROM professionals")}),
        "am": _Unique({row[0] for row in connection.execute("SELECT am_number FROM professionals") if row[0]}),
        "finess": _Unique({row[0] for row in connection.execute("SELECT finess FROM practices") if row[0]}),
    }
    use_stock = stock_cards and not {_STOCK_GP[0], _STOCK_GP2[0], _STOCK_CPE[0]} & unique["national_id"].taken \
        and not {_STOCK_GP[3], _STOCK_GP2[3]} & unique["am"].taken
    rows: dict[str, list[tuple]] = {name: [] for name in ("payments", "rejects")}

    with db.transaction() as tx:
        last_practice = tx.execute("SELECT coalesce(max(id), 0) FROM practices").fetchone()[0]
        for index in range(practices):
            stock = use_stock and index == 0
            _seed_practice(tx, r, stock=stock, index=index, patients=patients, doctors=doctors, start=start,
                           today=today, now=now, unique=unique, summary=summary, rows=rows)
        # one global change sequence, in the order the changes happened
        changes = sorted([("p", row) for row in rows["payments"]] + [("r", row) for row in rows["rejects"]],
                         key=lambda item: (item[1][0], item[0]))
        first = allocate_seq(tx, len(changes)) if changes else 0
        payments, rejects = [], []
        for offset, (what, row) in enumerate(changes):
            (payments if what == "p" else rejects).append(row[1:] + (first + offset,))
        tx.executemany(
            "INSERT INTO payments (professional_id, practice_id, paid_on, kind, label, patient_nir, "
            "patient_name, patient_search, invoice_number, batch_number, amount_cents, payer, seq) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", payments)
        tx.executemany(
            "INSERT INTO rejects (professional_id, practice_id, rejected_on, batch_number, invoice_number, "
            "nir, birth_date, act_date, act_code, amount_cents, reject_code, label_fr, status, seq) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rejects)
        summary.payments, summary.rejects = len(payments), len(rejects)
        new_practices = [i for i, in tx.execute("SELECT id FROM practices WHERE id > ?", (last_practice,))]
        _seed_situations(tx, last_practice)
        summary.vitale_cards = _seed_vitale_cards(tx, random.Random(f"vitale/{seed}"), last_practice)
        # forms, messages, activity, reimbursements, events: a generator of their own, so the rows
        # above stay the same whatever is added there
        summary.services = seed_services(tx, random.Random(f"services/{seed}"), practice_ids=new_practices,
                                         today=today, now=now)
        # the batches' ARL and the degraded invoices awaiting their document: a generator of their own too
        summary.degraded_invoices = seed_awaiting(tx, random.Random(f"awaiting/{seed}"), practice_ids=new_practices,
                                         today=today)
    return summary


def _seed_situations(tx, last_practice: int) -> None:  # noqa: ANN001
    """One situation per billing number; the stock GP also practises at a health centre, as her card says."""
    tx.execute("INSERT INTO situations (professional_id, am_number, structure_name, mode, convention_sector) "
               "SELECT p.id, p.am_number, s.name, 'L', p.convention_sector FROM professionals p "
               "JOIN practices s ON s.id = p.practice_id WHERE p.am_number IS NOT NULL AND s.id > ?",
               (last_practice,))
    tx.execute("INSERT INTO situations (professional_id, am_number, structure_name, mode) "
               "SELECT p.id, '921987654', 'Centre de santé Simone-Veil', 'S' FROM professionals p "
               "JOIN practices s ON s.id = p.practice_id WHERE p.national_id = ? AND s.id > ?",
               (_STOCK_GP[0], last_practice))


def _seed_vitale_cards(tx, r: random.Random, last_practice: int) -> int:  # noqa: ANN001
    """One carte Vitale for each new patient without one (the stock cards' serials for their NIRs);
    a random generator of its own, so the other rows stay the same."""
    taken = {serial for serial, in tx.execute("SELECT serial FROM vitale_cards")} | set(_STOCK_VITALE.values())
    unique = _Unique(taken)
    cards = []
    for nir, in tx.execute("SELECT DISTINCT nir FROM patients WHERE practice_id > ? AND nir NOT IN "
                           "(SELECT nir FROM vitale_cards) ORDER BY nir", (last_practice,)).fetchall():
        serial = _STOCK_VITALE.get(nir[:13]) or unique.draw(lambda: str(r.randrange(10**9, 10**10)))
        cards.append((serial, nir))
    tx.executemany("INSERT INTO vitale_cards (serial, nir) VALUES (?, ?)", cards)
    return len(cards)


def _seed_practice(tx, r: random.Random, *, stock: bool, index: int, patients: int,  # noqa: ANN001
                   doctors: int | None, start: date, today: date, now: float, unique: dict[str, _Unique],
                   summary: SeedSummary, rows: dict[str, list[tuple]]) -> None:
    nir_dept, num_dept, city, fund = _PLACES[0] if stock else r.choice(_PLACES)
    others = _PRACTICE_NAMES[1:]
    name = _PRACTICE_NAMES[0] if stock else f"{others[(index + r.randrange(len(others))) % len(others)]} ({city})"

    def make_finess() -> str:
        body = num_dept + f"{r.randrange(10**6):06d}"
        return (nir_dept + body[2:] if nir_dept == "2A" else body) + luhn_digit(body)

    finess = unique["finess"].draw(make_finess)
    siret = _STOCK_SIRET if stock else (lambda b: b + luhn_digit(b))(f"{r.randrange(10**12, 10**13)}")
    practice_id = tx.execute("INSERT INTO practices (name, finess, structure_id) VALUES (?, ?, ?)",
                             (name, finess, siret)).lastrowid
    summary.practices += 1

    # professionals: ``doctors`` GPs (CPS; drawn from 1 to 3 when not given, at least the two stock
    # doctors in the stock practice) and one secretary (CPE)
    gps: list[tuple[int, str]] = []  # (id, display name)
    count = doctors if doctors is not None else r.randint(1, 3)
    stock_gps = [_STOCK_GP, _STOCK_GP2] if stock else []
    for g in range(max(count, len(stock_gps)) if doctors is None else count):
        sex = r.choice("MF")
        if g < len(stock_gps):
            national_id, last, first, am = stock_gps[g]
            unique["national_id"].taken.add(national_id)
            unique["am"].taken.add(am)
        else:
            national_id = unique["national_id"].draw(
                lambda: "8" + (lambda b: b + luhn_digit(b))(f"10{r.randrange(10**8):08d}"))
            last, first = r.choice(_SURNAMES), r.choice(_MALE if sex == "M" else _FEMALE)
            am = unique["am"].draw(lambda: (lambda b: b + luhn_digit(b))(f"{num_dept}1{r.randrange(10**5):05d}"))
        iban = f"FR76 •••• •••• •••• •••• •••{r.randrange(10)} {r.randrange(1000):03d}"
        email = f"{fold(first).replace(' ', '-')}.{fold(last).replace(' ', '-')}@medecin.example.fr"
        professional_id = tx.execute(
            "INSERT INTO professionals (practice_id, national_id, card_type, last_name, first_name, am_number, "
            "email, convention_sector, iban_masked, created_at) VALUES (?, ?, 'CPS', ?, ?, ?, ?, ?, ?, ?)",
            (practice_id, national_id, last, first, am, email, r.choice("1112"), iban, now)).lastrowid
        gps.append((professional_id, f"Dr {first} {last}"))
        summary.accounts.append(SeededAccount(name, national_id, "CPS", last, first, am))
    if stock:
        cpe_id, cpe_last, cpe_first = _STOCK_CPE
        unique["national_id"].taken.add(cpe_id)
    else:
        cpe_id = unique["national_id"].draw(lambda: f"3{siret}/{r.randrange(1, 10**4):04d}")
        cpe_last, cpe_first = r.choice(_SURNAMES), r.choice(_FEMALE + _MALE)
    tx.execute("INSERT INTO professionals (practice_id, national_id, card_type, last_name, first_name, "
               "created_at) VALUES (?, ?, 'CPE', ?, ?, ?)", (practice_id, cpe_id, cpe_last, cpe_first, now))
    summary.accounts.append(SeededAccount(name, cpe_id, "CPE", cpe_last, cpe_first, None))
    tx.executemany("INSERT INTO delegations (titular_id, delegate_national_id, scopes) VALUES (?, ?, ?)",
                   [(gp_id, cpe_id, "documents forms messages payments") for gp_id, _ in gps])
    summary.professionals += len(gps) + 1

    people = _make_patients(r, stock=stock, count=patients, nir_dept=nir_dept, fund=fund, gps=gps,
                            today=today)
    summary.patients += len(people)
    ald_rows = _make_ald(r, practice_id, people, today)
    summary.ald += len(ald_rows)
    patient_rows = []
    for p in people:
        closed = r.random() < 0.04
        if closed:
            rights = (0, (today - timedelta(days=r.randint(400, 900))).isoformat(),
                      (today - timedelta(days=r.randint(1, 300))).isoformat())
        else:
            rights = (1, (today - timedelta(days=r.randint(1, 400))).isoformat(),
                      (today + timedelta(days=r.randint(20, 720))).isoformat())
        external = None
        if p.treating is None and r.random() < 0.55:
            external = f"Dr {r.choice(_MALE + _FEMALE)} {r.choice(_SURNAMES)}"
        declared = (today - timedelta(days=r.randint(30, 3000))).isoformat() \
            if (p.treating or external) else None
        patient_rows.append((practice_id, p.nir, p.last_name, p.first_name,
                             fold(f"{p.last_name} {p.first_name}"), p.birth_text, p.fund, *rights,
                             p.treating, external, declared))
    tx.executemany(
        "INSERT INTO patients (practice_id, nir, last_name, first_name, search_name, birth_date, fund, "
        "rights_open, rights_start, rights_end, treating_doctor_id, treating_doctor_name, treating_declared_on) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", patient_rows)
    tx.executemany("INSERT INTO ald (practice_id, professional_id, patient_nir, ald_number, label, start_date, "
                   "end_date) VALUES (?, ?, ?, ?, ?, ?, ?)", ald_rows)

    ald_count: dict[int, int] = {}
    for row in ald_rows:
        if row[6] >= today.isoformat():
            ald_count[row[1]] = ald_count.get(row[1], 0) + 1
    for gp_id, _ in gps:
        _seed_activity(tx, r, gp_id=gp_id, practice_id=practice_id, people=people, n_gps=len(gps),
                       fund=fund, start=start, today=today, ald_count=ald_count.get(gp_id, 0),
                       summary=summary, rows=rows)


def _make_patients(r: random.Random, *, stock: bool, count: int, nir_dept: str, fund: str,
                   gps: list[tuple[int, str]], today: date) -> list[_Patient]:
    people: list[_Patient] = []
    taken: set[str] = set()

    def treating_for(age: int) -> int | None:
        return r.choice(gps)[0] if r.random() < (0.85 if age >= 16 else 0.6) else None

    if stock:
        for nir13, last, first, birth_text in _STOCK_PATIENTS[:count]:
            y, m, d = (int(x) for x in birth_text.split("-"))
            birth = date(y, max(m, 1), max(d, 1))
            taken.add(nir13)
            people.append(_Patient(nir13 + f"{nir_key(nir13):02d}", last, first, birth, birth_text, fund,
                                   gps[0][0]))
    bands = [(0, 5), (6, 15), (16, 29), (30, 44), (45, 59), (60, 74), (75, 95)]
    weights = [6, 11, 16, 19, 20, 17, 11]
    while len(people) < count:
        low, high = r.choices(bands, weights)[0]
        birth = today - timedelta(days=r.randint(low * 365 + 1, high * 365 + 364))
        sex = r.choice("12")
        if r.random() < 0.04:
            place = "99" + r.choice(_ABROAD)
        else:
            dept = nir_dept if r.random() < 0.7 else r.choice(_PLACES)[0]
            place = dept + f"{r.randint(1, 400):03d}"
        nir13 = f"{sex}{birth.year % 100:02d}{birth.month:02d}{place}{r.randint(1, 999):03d}"
        if nir13 in taken:
            continue
        taken.add(nir13)
        roll = r.random()
        patient_fund = fund if roll < 0.9 else r.choice(_OTHER_FUNDS)
        first = r.choice(_MALE if sex == "1" else _FEMALE)
        people.append(_Patient(nir13 + f"{nir_key(nir13):02d}", r.choice(_SURNAMES), first, birth,
                               birth.isoformat(), patient_fund, treating_for(_age(birth, today))))
    return people


def _make_ald(r: random.Random, practice_id: int, people: list[_Patient], today: date) -> list[tuple]:
    numbers, weights = list(_ALD_WEIGHTS), list(_ALD_WEIGHTS.values())
    rows = []
    for p in people:
        if p.treating is None:
            continue
        age = _age(p.birth, today)
        chance = 0.03 if age < 20 else 0.06 if age < 40 else 0.15 if age < 60 else 0.30 if age < 75 else 0.45
        if r.random() >= chance:
            continue
        p.ald = True
        for number in sorted(set(r.choices(numbers, weights, k=1 if r.random() < 0.93 else 2))):
            roll = r.random()
            if roll < 0.12:  # due for renewal within the next 90 days
                end = today + timedelta(days=r.randint(0, 90))
            elif roll < 0.17:  # already ended
                end = today - timedelta(days=r.randint(1, 120))
            else:
                end = today + timedelta(days=r.randint(91, 5 * 365))
            start = _add_months(end, -(120 if number == 8 else 60))
            rows.append((practice_id, p.treating, p.nir, number, ALD_LIST[number], start.isoformat(),
                         end.isoformat()))
    return rows


def _seed_activity(tx, r: random.Random, *, gp_id: int, practice_id: int, people: list[_Patient],  # noqa: ANN001
                   n_gps: int, fund: str, start: date, today: date, ald_count: int, summary: SeedSummary,
                   rows: dict[str, list[tuple]]) -> None:
    own = [p for p in people if p.treating == gp_id] or people
    per_day = len(people) * 4.2 / 250 / n_gps
    lot = r.randint(1, 999)
    invoice_no = r.randint(10_000_000, 80_000_000)
    batches, invoices = [], []
    payments, rejects = rows["payments"], rows["rejects"]
    reject_codes, reject_weights = list(_REJECT_WEIGHTS), list(_REJECT_WEIGHTS.values())
    day = start
    while day <= today:
        if day.weekday() >= 5 and not (day.weekday() == 5 and r.random() < 0.5):
            day += timedelta(days=1)
            continue
        count = max(0, round(r.gauss(per_day * (0.5 if day.weekday() == 5 else 1), max(1.0, per_day * 0.25))))
        if count == 0:
            day += timedelta(days=1)
            continue
        batch = f"{lot:03d}"
        lot = lot % 999 + 1
        rejected_in_batch = 0
        for _ in range(count):
            p = r.choice(own) if r.random() < 0.85 else r.choice(people)
            age = _age(p.birth, day)
            if age < 6 and r.random() < 0.75:
                act = "G+MEG" if r.random() < 0.8 else "COE"
            elif age < 17 and r.random() < 0.2:
                act = "COE"
            else:
                act = r.choices(*_ADULT_ACTS)[0]
            amount = ACTS[act]
            invoice_no += 1
            number = f"{invoice_no:09d}"
            tiers_payant = p.ald or age < 18 or r.random() < 0.4
            if r.random() < 0.02:
                status = "rejected"
                codes = reject_codes if act in ("COE", "G+MEG") else reject_codes[:-1]
                code = r.choices(codes, reject_weights[:len(codes)])[0]
                rejected_on = _weekday_on_or_after(day + timedelta(days=r.randint(2, 6)))
                if rejected_on <= today:
                    corrected = (today - rejected_on).days > 45 and r.random() < 0.9
                    rejects.append((rejected_on.isoformat(), gp_id, practice_id, rejected_on.isoformat(), batch,
                                    number, p.nir, p.birth_text, day.isoformat(), act, amount, code,
                                    REJECT_CODES[code], "corrected" if corrected else "open"))
                    rejected_in_batch += 1
                else:
                    status = "pending"
            elif tiers_payant:
                paid_on = _weekday_on_or_after(day + timedelta(days=r.randint(2, 6)))
                if paid_on <= today:
                    status = "paid"
                    paid = amount if p.ald else round(amount * 0.7)
                    payments.append((paid_on.isoformat(), gp_id, practice_id, paid_on.isoformat(), "tiers_payant",
                                     f"Tiers payant — {act} du {day.strftime('%d/%m/%Y')}", p.nir,
                                     p.display_name, fold(f"{p.last_name} {p.first_name}"), number, batch, paid,
                                     p.fund))
                else:
                    status = "pending"
            else:
                status = "patient_paid"
            invoices.append((gp_id, practice_id, batch, number, p.nir, day.isoformat(), act, amount,
                             int(tiers_payant), status))
        batches.append((gp_id, batch, day.isoformat(), count,
                        "partly_rejected" if rejected_in_batch else "acknowledged"))
        day += timedelta(days=1)

    def pay(on: date, kind: str, label: str, amount: int) -> None:
        on = _weekday_on_or_after(on)
        if start <= on <= today and amount > 0:
            payments.append((on.isoformat(), gp_id, practice_id, on.isoformat(), kind, label, None, None, None,
                             None, None, amount, fund))

    treated = sum(1 for p in people if p.treating == gp_id)
    month = date(start.year, start.month, 1)
    while month <= today:
        # the month before ``month`` is what these payments are for
        previous = _add_months(month, -1)
        if r.random() < 0.6:
            nights = r.randint(1, 4)
            pay(month.replace(day=10), "on_call",
                f"Astreintes de permanence des soins — {_MONTHS_FR[previous.month - 1]} {previous.year} "
                f"({nights} {'nuit' if nights == 1 else 'nuits'})", nights * 15000)
        if month.month in (1, 4, 7, 10):
            quarter, year = (previous.month - 1) // 3 + 1, previous.year
            pay(month.replace(day=20), "lump_sum",
                f"Forfait médecin traitant (FMT) — {_quarter_label(quarter, year)}",
                treated * 125 + r.randint(0, 40) * 100)
            pay(month.replace(day=15), "mt_ald",
                f"Rémunération médecin traitant des patients en ALD — {_quarter_label(quarter, year)}",
                ald_count * 1000)
        if month.month == 4:
            year = month.year - 1
            pay(month.replace(day=25), "lump_sum", f"Forfait structure — année {year}",
                147000 + r.randint(0, 30) * 1000)
            pay(month.replace(day=25), "lump_sum",
                f"Rémunération sur objectifs de santé publique (ROSP) — année {year}",
                420000 + r.randint(0, 200) * 1000)
        if month.month == 5:
            pay(month.replace(day=12), "teletransmission_help",
                f"Aide à la télétransmission — année {month.year - 1}", 40000)
        month = _add_months(month, 1)

    tx.executemany("INSERT INTO batches (professional_id, batch_number, sent_on, invoice_count, status) "
                   "VALUES (?, ?, ?, ?, ?)", batches)
    tx.executemany(
        "INSERT INTO invoices (professional_id, practice_id, batch_number, invoice_number, patient_nir, "
        "care_date, act_code, amount_cents, tiers_payant, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        invoices)
    summary.batches += len(batches)
    summary.invoices += len(invoices)
