"""Demo Autocars: the drivers' credentials, with one expired and a few expiring ones.

- Yasmine El Amrani (preparing): her medical fitness expired five days ago, so the ready
  gate refuses her start and the expiry radar lists it.
- Kevin Mertens (running): his code 95 expires in 20 days, before his planned end, with
  periodic training still to do.
- Bram Willems (running): his driver card expires in 75 days.
- Lotte Van den Broeck (ready, 20 years old): licence D with code 121.
- Emma De Smet (draft): a licence recorded but not verified yet.
"""

from datetime import date, timedelta
from decimal import Decimal

from werkplek.checklists.services import checklist_item_waive
from werkplek.credentials.models import CredentialType
from werkplek.credentials.services import credential_record
from werkplek.demo.foundation import DemoContext, DemoTrajectory
from werkplek.trajectories.models import Status, Trajectory

# Days until expiry per trajectory and credential code, where it is not the default.
EXPIRY = {
    ("yasmine", "medical_fitness"): -5,
    ("kevin", "professional_competence"): 20,
    ("bram", "driver_card"): 75,
    ("elise", "medical_fitness"): 200,
}
LICENCE_NUMBERS = {
    "lars": "2312345671",
    "yasmine": "2298765432",
    "thomas": "1856473829",
    "lotte": "2501928374",
    "kevin": "1723344556",
    "nina": "2411223344",
    "bram": "0998877665",
    "elise": "1987654321",
    "fatima": "1765432198",
    "jonas": "1612398745",
    "ruben": "2087766554",
    "emma": "2155443322",
}


def _issued_for(expiry: date, today: date) -> date:
    """Issued five years before it expires (the longest validity), and not in the future."""
    try:
        issued = expiry.replace(year=expiry.year - 5) + timedelta(days=1)
    except ValueError:  # 29 February
        issued = expiry.replace(year=expiry.year - 5, day=28) + timedelta(days=1)
    return min(issued, today)


def seed_trajectory(context: DemoContext, trajectory: Trajectory, spec: DemoTrajectory) -> None:
    candidate = trajectory.candidate
    if candidate.credentials.exists():
        return
    today, coordinator = context.today, context.users["coordinator"]
    types = {t.code: t for t in CredentialType.objects.filter(organisation=context.organisation)}

    def expires(code: str, default_days: int) -> date:
        return today + timedelta(days=EXPIRY.get((spec.key, code), default_days))

    def record(code: str, *, verified: bool = True, **fields) -> None:
        credential_record(
            candidate=candidate,
            credential_type=types[code],
            by=coordinator,
            verified=verified,
            today=today,
            **fields,
        )

    licence_expiry = expires("licence_d", 900)
    licence_issue = _issued_for(licence_expiry, today)
    if spec.key == "lotte":  # licence D with code 95 at 19: code 121 until she is 21
        licence_issue = date(2025, 9, 1) if date(2025, 9, 1) <= today else today
    record(
        "licence_d",
        verified=spec.target != Status.DRAFT,
        number=LICENCE_NUMBERS.get(spec.key, "2000000000"),
        issued_on=licence_issue,
        expires_on=licence_expiry,
        categories=["D", "DE"] if spec.key in {"bram", "jonas"} else ["D"],
    )
    if spec.target == Status.DRAFT:
        return
    competence_expiry = expires("professional_competence", 700)
    competence_issue = _issued_for(competence_expiry, today)
    if spec.key == "lotte":  # basic qualification together with her licence
        competence_issue = licence_issue
        competence_expiry = licence_expiry
    record(
        "professional_competence",
        issued_on=competence_issue,
        expires_on=competence_expiry,
        training_hours=Decimal("14") if spec.key == "kevin" else None,
        remarks="Basiskwalificatie via het Sociaal Fonds." if spec.key != "kevin" else "",
    )
    record("medical_fitness", expires_on=expires("medical_fitness", 600))
    if spec.key == "nina":
        _waive(trajectory, "driver_card", coordinator, "Leerling rijdt enkel met begeleider.")
    elif spec.key != "lars":  # Lars: the driver card is requested at DIGITACH
        card_expiry = expires("driver_card", 1200)
        record(
            "driver_card",
            number=f"B1{LICENCE_NUMBERS.get(spec.key, '2000000000')}0001",
            issued_on=_issued_for(card_expiry, today),
            expires_on=card_expiry,
        )
    if spec.key != "lars":
        record(
            "driving_test",
            issued_on=min(
                today - timedelta(days=15), trajectory.planned_start - timedelta(days=30)
            ),
            examiner="Luc Janssens",
            result="passed",
            remarks="Vlot in het stadsverkeer; let op het spiegelgebruik bij het achteruitrijden.",
        )


def _waive(trajectory: Trajectory, code: str, by, reason: str) -> None:
    item = trajectory.checklist_items.filter(code=code, state="open").first()
    if item is not None:
        checklist_item_waive(item=item, by=by, reason=reason)
