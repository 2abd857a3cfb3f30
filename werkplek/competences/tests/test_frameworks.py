from werkplek.competences.models import Competence, CompetenceFramework
from werkplek.competences.tests.factories import framework_of


def test_staff_add_a_competence_in_three_languages(client_for, coordinator, organisation):
    framework = framework_of(organisation)
    url = f"/o/autocars/competences/{framework.public_id}/competences/new/"
    response = client_for(coordinator).post(
        url,
        {
            "label_nl": "Rolstoellift bedienen",
            "label_fr": "Utiliser l'élévateur",
            "label_en": "",
            "group": "skills",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    competence = framework.competences.get(label__nl="Rolstoellift bedienen")
    assert competence.label == {"nl": "Rolstoellift bedienen", "fr": "Utiliser l'élévateur"}
    assert competence.position == 17
    page = client_for(coordinator).get(f"/o/autocars/competences/{framework.public_id}/")
    assert "Rolstoellift bedienen" in page.content.decode()


def test_a_competence_needs_a_dutch_name(client_for, coordinator, organisation):
    framework = framework_of(organisation)
    url = f"/o/autocars/competences/{framework.public_id}/competences/new/"
    response = client_for(coordinator).post(
        url, {"label_nl": "", "label_fr": "Nom", "group": "skills"}
    )
    assert response.status_code == 422
    assert 'value="Nom"' in response.content.decode()
    assert framework.competences.count() == 16


def test_moving_a_competence_swaps_it_with_its_neighbour(client_for, coordinator, organisation):
    framework = framework_of(organisation)
    first, second = list(framework.competences.order_by("position"))[:2]
    client_for(coordinator).post(f"/o/autocars/competences/competence/{second.public_id}/move/up/")
    assert list(framework.competences.order_by("position"))[:2] == [second, first]


def test_mentors_read_but_do_not_edit_frameworks(client_for, mentor, organisation):
    framework = framework_of(organisation)
    client = client_for(mentor)
    page = client.get(f"/o/autocars/competences/{framework.public_id}/").content.decode()
    assert "Bus- en autocarchauffeur" in page and "competence/" not in page
    assert client.get(f"/o/autocars/competences/{framework.public_id}/edit/").status_code == 403


def test_an_organisation_without_the_framework_adopts_it_from_the_pack(
    client_for, coordinator, organisation
):
    CompetenceFramework.objects.filter(organisation=organisation).delete()
    page = client_for(coordinator).get("/o/autocars/competences/").content.decode()
    assert "Dit competentieprofiel gebruiken" in page
    source = CompetenceFramework.objects.get(organisation=None, code="bus_coach_driver")
    response = client_for(coordinator).post(f"/o/autocars/competences/{source.public_id}/adopt/")
    assert response.status_code == 302
    assert Competence.objects.filter(framework__organisation=organisation).count() == 16
