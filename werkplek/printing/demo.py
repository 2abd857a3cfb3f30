"""Demo Autocars: werkpostfiches of the running trajectories and a kept copy of one plan."""

from werkplek.accounts.models import Membership
from werkplek.documents.models import Document
from werkplek.printing.models import WorkstationSheet
from werkplek.printing.registry import PRINTABLES
from werkplek.printing.selectors import workstation_sheet_of
from werkplek.printing.services import printable_store, workstation_sheet_save
from werkplek.trajectories.models import Trajectory

SHEETS = ["bram", "nina", "elise"]
RISKS = {
    "traffic": "Begeleid rijden tot de mentor groen licht geeft; dodehoekspiegels afgesteld",
    "vibration": "Bestuurdersstoel met luchtvering, instelling uitgelegd bij het onthaal",
    "aggression": "Opleiding omgaan met agressie; noodknop en procedure via de dispatching",
    "ergonomics": "Pauzes volgens de rij- en rusttijden; stoel en stuur correct instellen",
}
KEPT_PLAN = "elise"


def seed(context) -> None:
    coordinator = context.users["coordinator"]
    for key in SHEETS:
        trajectory = Trajectory.objects.select_related("organisation").get(
            pk=context.trajectories[key].pk
        )
        if WorkstationSheet.objects.filter(trajectory=trajectory).exists():
            continue
        sheet = workstation_sheet_of(trajectory)
        sheet.activities = (
            "Rijden met een autobus in streekvervoer onder begeleiding van de mentor; "
            "dagelijkse controle van het voertuig; onthaal van reizigers en ticketverkoop."
        )
        sheet.onboarding_emergencies = True
        sheet.protective_equipment = (
            "Fluohesje bij werken langs de weg; veiligheidsschoenen in de werkplaats"
        )
        workstation_sheet_save(sheet=sheet, risks=RISKS, by=coordinator)
    trajectory = Trajectory.objects.select_related("organisation", "candidate").get(
        pk=context.trajectories[KEPT_PLAN].pk
    )
    if not Document.objects.filter(
        trajectory=trajectory, source=Document.Source.GENERATED
    ).exists():
        membership = Membership.objects.select_related("organisation").get(
            user=coordinator, organisation=context.organisation
        )
        printable_store(
            PRINTABLES["plan"],
            trajectory=trajectory,
            membership=membership,
            params={},
            by=coordinator,
        )
