from pathlib import Path

from werkplek.checklists.models import ChecklistTemplate
from werkplek.sectorpacks.loader import DATA_DIR, load_all

SOURCE = DATA_DIR / "bus_coach" / "SOURCE.txt"
# The handbook's own typos, corrected in the pack.
CORRECTED = {"breng de formatliteiten in orde": "breng de formaliteiten in orde"}


def normalise(text: str) -> str:
    return " ".join(text.replace(":", "").split()).lower()


def test_every_line_of_the_handbook_checklist_is_an_item(bus_coach_pack):
    """SOURCE.txt is the checklist as printed at the end of the handbook."""
    template = ChecklistTemplate.objects.get(sector_pack=bus_coach_pack, organisation=None)
    labels = {normalise(item.label["nl"]) for item in template.items.all()}
    headings = {
        "checklist werkplekleren",
        "voorbereiding",
        "voor de start van de stage/ibo/etc.",
        "tijdens de stage/ibo/etc.",
        "op het einde van de stage/ibo etc.",
    }
    lines = [normalise(line) for line in Path(SOURCE).read_text().splitlines() if line.strip()]
    lines = [CORRECTED.get(line, line) for line in lines]
    missing = [line for line in lines if line not in headings and line not in labels]
    assert missing == []
    assert len(lines) - len(headings) == template.items.count()


def test_every_item_has_dutch_french_and_english(bus_coach_pack):
    template = ChecklistTemplate.objects.get(sector_pack=bus_coach_pack, organisation=None)
    for item in template.items.all():
        assert all(item.label.get(language, "").strip() for language in ("nl", "fr", "en")), (
            item.code
        )


def test_loading_twice_changes_nothing(bus_coach_pack):
    template = ChecklistTemplate.objects.get(sector_pack=bus_coach_pack, organisation=None)
    results = load_all()
    assert [loaded for _pack, loaded in results] == [False]
    assert (
        ChecklistTemplate.objects.get(sector_pack=bus_coach_pack, organisation=None).pk
        == template.pk
    )


def test_forced_reload_keeps_organisation_copies(bus_coach_pack, organisation):
    mine = ChecklistTemplate.objects.get(organisation=organisation)
    count = mine.items.count()
    load_all(force=True)
    assert ChecklistTemplate.objects.get(organisation=organisation).items.count() == count
