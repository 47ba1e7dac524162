"""The rules of the services, without SQL: the forms catalogue, how an order and a message thread may
change, the event feed's kinds and summaries, and the refusals of these rules.

- the forms catalogue (CERFA numbers where public) and the quantities each form is sold by
  (:func:`check_lines`);
- an order can be changed or cancelled until it is dispatched, which happens at the earliest
  :data:`DISPATCH_DELAY` seconds after it was placed;
- a message from the professional is due an answer three working days on (:func:`dates.answer_due_on`);
- the médecin traitant hears of an ALD :data:`ALD_NOTICE_DAYS` before it ends.

Every engine applies these in its writes (:mod:`sqlite.services` for SQLite), so the routes, the seed
and the tests share them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .errors import DomainError

__all__ = ["DISPATCH_DELAY", "ALD_NOTICE_DAYS", "FormSpec", "FORMS", "FORMS_BY_ID", "REASONS", "EVENT_KINDS",
           "CATEGORIES", "check_lines", "check_event", "order_summary", "ald_summary", "InvalidOrder",
           "ClientIdTaken", "UnknownOrder", "OrderLocked", "OrderDispatched", "OrderCancelled", "UnknownThread",
           "locked", "changed_lines", "author_name"]

#: an order leaves the warehouse at the earliest this long after it was placed (seconds)
DISPATCH_DELAY = 3600.0
ALD_NOTICE_DAYS = 90  # M-3: the médecin traitant is told 3 months before an ALD ends


@dataclass(frozen=True)
class FormSpec:
    id: str
    title: str
    cerfa: str | None
    description: str
    unit: str
    quantities: tuple[int, ...]


FORMS: tuple[FormSpec, ...] = (
    FormSpec("feuille-soins-medecin", "Feuille de soins — médecin", "12541",
             "Feuille de soins papier pré-identifiée, pour les actes facturés sans carte Vitale.",
             "feuillets", tuple(range(50, 501, 50))),
    FormSpec("arret-travail", "Avis d'arrêt de travail", "10170",
             "Liasse en trois volets (service médical, employeur, assuré), quand l'arrêt en ligne "
             "n'est pas possible.", "liasses", (25, 50, 75, 100, 150, 200)),
    FormSpec("entente-prealable", "Demande d'entente préalable", "12039",
             "Pour les actes et prestations soumis à l'accord préalable de la caisse.",
             "feuillets", tuple(range(50, 251, 50))),
    FormSpec("protocole-soins-ald", "Protocole de soins (affection de longue durée)", "11626",
             "Protocole établi par le médecin traitant pour la prise en charge d'une ALD.",
             "liasses", (25, 50, 100)),
    FormSpec("maladie-professionnelle", "Déclaration de maladie professionnelle", "16130",
             "Déclaration de maladie professionnelle ou demande de reconnaissance.",
             "liasses", (25, 50)),
    FormSpec("certificat-at-mp", "Certificat médical accident du travail / maladie professionnelle", "11138",
             "Certificat initial, de prolongation ou final (AT/MP).", "liasses", (25, 50, 100)),
    FormSpec("ordonnance-bizone", "Ordonnance bizone", None,
             "Ordonnance en deux zones : soins en rapport avec l'ALD et soins sans rapport.",
             "feuillets", tuple(range(50, 501, 50))),
)
FORMS_BY_ID = {form.id: form for form in FORMS}

REASONS = {"billing": "Facturation", "patient_rights": "Droits d'un patient",
           "payment_follow_up": "Suivi des paiements", "other": "Autre demande"}
EVENT_KINDS = ("reject_new", "ald_due", "message_answered", "document_accepted", "document_rejected",
               "order_dispatched")
CATEGORIES = {"care": "Soins", "exam": "Examens", "drug": "Médicaments"}


# --- refusals --------------------------------------------------------------------------------------


class InvalidOrder(DomainError):
    """An unknown form, a form twice, a quantity it is not sold by, or an order left empty."""


class ClientIdTaken(DomainError):
    """The client's idempotency key is already used by another professional's order or thread."""

    def __init__(self, what: str) -> None:
        super().__init__(f"Cet identifiant de {what} est déjà utilisé : générez-en un nouveau.")


class UnknownOrder(DomainError):
    def __init__(self) -> None:
        super().__init__("Cette commande d'imprimés n'existe pas.")


class OrderLocked(DomainError):
    """The order is no longer ``placed``: it cannot change."""


class OrderDispatched(OrderLocked):
    def __init__(self) -> None:
        super().__init__("Cette commande est déjà expédiée : elle ne peut plus être modifiée.")


class OrderCancelled(OrderLocked):
    def __init__(self) -> None:
        super().__init__("Cette commande est annulée : passez une nouvelle commande.")


class UnknownThread(DomainError):
    def __init__(self) -> None:
        super().__init__("Cette conversation n'existe pas.")


def locked(status: str) -> OrderLocked:
    """Why an order in ``status`` (not ``placed``) cannot change."""
    return OrderDispatched() if status == "dispatched" else OrderCancelled()


# --- orders ----------------------------------------------------------------------------------------


def check_lines(lines: list[tuple[str, int]], *, removals: bool = False) -> dict[str, int]:
    """``lines`` as {form: quantity}, each form known and each quantity one it is sold by (0 removes a
    line when ``removals``); :class:`InvalidOrder` otherwise."""
    result: dict[str, int] = {}
    for form_id, quantity in lines:
        form = FORMS_BY_ID.get(form_id)
        if form is None:
            raise InvalidOrder(f"Le formulaire « {form_id} » n'existe pas au catalogue.")
        if form_id in result:
            raise InvalidOrder(f"Le formulaire « {form.title} » figure deux fois dans la commande.")
        if quantity not in form.quantities and not (removals and quantity == 0):
            allowed = ", ".join(str(q) for q in form.quantities)
            raise InvalidOrder(f"Quantité {quantity} impossible pour « {form.title} » : choisissez parmi "
                               f"{allowed} {form.unit}.")
        result[form_id] = quantity
    return result


def changed_lines(lines: dict[str, int], changes: dict[str, int]) -> dict[str, int]:
    """The order's lines after ``changes`` (0 removes a line); an order keeps at least one line."""
    lines = {form: quantity for form, quantity in {**lines, **changes}.items() if quantity}
    if not lines:
        raise InvalidOrder("Une commande garde au moins un formulaire : pour tout retirer, annulez-la.")
    return lines


def order_summary(order_id: int, lines: dict[str, int]) -> str:
    parts = [f"{quantity} × {FORMS_BY_ID[form].title}" for form, quantity in sorted(lines.items())
             if form in FORMS_BY_ID]
    return f"Votre commande d'imprimés n° {order_id} est expédiée : " + ", ".join(parts) + "."


# --- events ----------------------------------------------------------------------------------------


def check_event(kind: str, summary: str) -> None:
    """An event has a known kind and a one-sentence summary (1 to 500 characters)."""
    if kind not in EVENT_KINDS:
        raise ValueError(f"unknown event kind {kind!r}")
    if not summary or len(summary) > 500:
        raise ValueError("an event summary has 1 to 500 characters")


def ald_summary(ald_number: int, first_name: str, last_name: str, end_date: str) -> str:
    end = date.fromisoformat(end_date).strftime("%d/%m/%Y")
    return (f"L'ALD n° {ald_number} de {first_name} {last_name.upper()} prend fin le {end} : "
            f"préparez un protocole de soins argumenté pour son renouvellement.")


def author_name(card_type: str, first_name: str, last_name: str) -> str:
    """How a professional signs a message to the fund."""
    prefix = "Dr " if card_type in ("CPS", "CPF") else ""
    return f"{prefix}{first_name} {last_name}"
