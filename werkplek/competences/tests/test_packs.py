import pytest

from werkplek.competences.models import Competence, CompetenceFramework, CompetenceRating
from werkplek.competences.packs import PackDataError, load_competences
from werkplek.competences.tests.factories import framework_of
from werkplek.sectorpacks.loader import load_all


def test_the_pack_ships_the_bus_and_coach_driver_framework_in_three_languages(bus_coach_pack):
    framework = CompetenceFramework.objects.get(
        sector_pack=bus_coach_pack, organisation=None, code="bus_coach_driver"
    )
    assert framework.name == {
        "nl": "Bus- en autocarchauffeur",
        "fr": "Chauffeur de bus et d'autocar",
        "en": "Bus and coach driver",
    }
    competences = list(framework.competences.all())
    assert len(competences) == 16
    assert {c.group for c in competences} == {"knowledge", "skills", "attitudes"}
    for competence in competences:
        for language in ("nl", "fr", "en"):
            assert competence.label[language].strip(), (competence.code, language)
            assert competence.description[language].strip(), (competence.code, language)
    scale = framework.scale
    assert [level["label"]["nl"] for level in scale.levels] == [
        "nog niet verworven",
        "in ontwikkeling",
        "verworven",
        "zelfstandig",
    ]
    assert scale.achieved_level == 3 and scale.label_for(3) == "acquired"  # English in tests


def test_an_adopting_organisation_gets_its_own_copy(organisation, bus_coach_pack):
    mine = framework_of(organisation)
    source = CompetenceFramework.objects.get(sector_pack=bus_coach_pack, organisation=None)
    assert mine.pk != source.pk and mine.scale.organisation == organisation
    assert [c.code for c in mine.competences.all()] == [c.code for c in source.competences.all()]


def test_reloading_the_pack_keeps_the_organisation_copy_and_its_ratings(
    organisation, make_trajectory, coordinator
):
    trajectory = make_trajectory()
    competence = framework_of(organisation).competences.first()
    CompetenceRating.objects.create(
        trajectory=trajectory,
        competence=competence,
        level=2,
        rated_on="2026-01-05",
        source="baseline",
    )
    load_all(force=True)
    assert Competence.objects.filter(pk=competence.pk).exists()
    assert CompetenceFramework.objects.filter(organisation=organisation).count() == 1


def test_bad_pack_data_is_refused_with_the_code(bus_coach_pack):
    data = {
        "scales": [
            {
                "code": "s",
                "name": {"nl": "Schaal"},
                "achieved": 9,
                "levels": [{"value": 1, "label": {"nl": "a"}}, {"value": 2, "label": {"nl": "b"}}],
            }
        ]
    }
    with pytest.raises(PackDataError, match="s:"):
        load_competences(bus_coach_pack, data)
    data = {
        "frameworks": [{"code": "f", "name": {"nl": "F"}, "scale": "missing", "competences": []}]
    }
    with pytest.raises(PackDataError, match="unknown scale"):
        load_competences(bus_coach_pack, data)
