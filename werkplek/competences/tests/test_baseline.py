from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from werkplek.competences.models import CompetenceFramework, CompetenceRating, RatingScale
from werkplek.competences.services import BaselineLevel, baseline_save, competence_profile_set
from werkplek.competences.tests.factories import framework_of


def state(trajectory, code):
    return trajectory.checklist_items.get(code=code).state


def save_all(trajectory, framework, by, level=2, *, skip=0):
    competences = list(framework.competences.order_by("position"))
    levels = [BaselineLevel(c, level) for c in competences[skip:]]
    levels += [BaselineLevel(c, None) for c in competences[:skip]]
    return baseline_save(
        trajectory=trajectory, framework=framework, levels=levels, on=timezone.localdate(), by=by
    )


def test_mapping_every_competence_ticks_the_checklist_item(
    make_trajectory, organisation, coordinator
):
    trajectory = make_trajectory()
    framework = framework_of(organisation)
    assert save_all(trajectory, framework, coordinator, skip=1) == 15
    assert state(trajectory, "competence_baseline") == "open"
    assert save_all(trajectory, framework, coordinator) == 16
    item = trajectory.checklist_items.get(code="competence_baseline")
    assert item.state == "done" and item.resolved_by is None
    save_all(trajectory, framework, coordinator, skip=2)  # two cleared again
    assert state(trajectory, "competence_baseline") == "open"
    assert CompetenceRating.objects.filter(trajectory=trajectory, source="baseline").count() == 14


def test_a_level_off_the_scale_or_a_future_date_is_refused(
    make_trajectory, organisation, coordinator
):
    trajectory = make_trajectory()
    framework = framework_of(organisation)
    competence = framework.competences.first()
    with pytest.raises(ValidationError, match="Choose a level of the scale"):
        baseline_save(
            trajectory=trajectory,
            framework=framework,
            levels=[BaselineLevel(competence, 7)],
            on=timezone.localdate(),
            by=coordinator,
        )
    with pytest.raises(ValidationError, match="cannot be in the future"):
        baseline_save(
            trajectory=trajectory,
            framework=framework,
            levels=[BaselineLevel(competence, 2)],
            on=timezone.localdate() + timedelta(days=1),
            by=coordinator,
        )
    assert not CompetenceRating.objects.filter(trajectory=trajectory).exists()


def test_the_framework_cannot_change_once_competences_are_rated(
    make_trajectory, organisation, coordinator
):
    trajectory = make_trajectory()
    save_all(trajectory, framework_of(organisation), coordinator)
    other = CompetenceFramework.objects.create(
        organisation=organisation,
        code="planner",
        name={"nl": "Planner"},
        scale=RatingScale.objects.get(organisation=organisation),
    )
    with pytest.raises(ValidationError, match="already rated on another framework"):
        competence_profile_set(trajectory=trajectory, framework=other)


def test_the_baseline_page_shows_the_groups_and_saves(
    client_for, make_trajectory, organisation, mentor
):
    trajectory = make_trajectory(mentors=[mentor])
    framework = framework_of(organisation)
    url = f"/o/autocars/competences/trajectory/{trajectory.public_id}/baseline/"
    page = client_for(mentor).get(url).content.decode()
    for text in ("Kennis", "Vaardigheden", "Attitudes", "Manoeuvreren", "nog niet verworven"):
        assert text in page
    data = {"rated_on": timezone.localdate().isoformat()}
    for competence in framework.competences.all():
        data[f"level_{competence.pk}"] = "3" if competence.code == "manoeuvring" else "1"
    data[f"note_{framework.competences.get(code='manoeuvring').pk}"] = "Reed vrachtwagen"
    response = client_for(mentor).post(url, data)
    assert response.status_code == 302
    rating = CompetenceRating.objects.get(trajectory=trajectory, competence__code="manoeuvring")
    assert (rating.level, rating.note, rating.rated_by) == (3, "Reed vrachtwagen", mentor)
    assert state(trajectory, "competence_baseline") == "done"


def test_the_baseline_page_keeps_what_was_typed_on_bad_input(
    client_for, make_trajectory, organisation, mentor
):
    trajectory = make_trajectory(mentors=[mentor])
    competence = framework_of(organisation).competences.get(code="eco_driving")
    url = f"/o/autocars/competences/trajectory/{trajectory.public_id}/baseline/"
    response = client_for(mentor).post(
        url,
        {
            "rated_on": "31/02/2026",
            f"level_{competence.pk}": "2",
            f"note_{competence.pk}": "Zuinig",
        },
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Voer een geldige datum in." in page
    assert 'value="Zuinig"' in page and 'value="2" selected' in page
    assert not CompetenceRating.objects.filter(trajectory=trajectory).exists()


def test_a_mentor_cannot_map_someone_elses_trainee(
    client_for, make_trajectory, mentor, other_mentor
):
    trajectory = make_trajectory(mentors=[other_mentor])
    url = f"/o/autocars/competences/trajectory/{trajectory.public_id}/baseline/"
    assert client_for(mentor).get(url).status_code == 404
