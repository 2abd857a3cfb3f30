from werkplek.intake.models import QuestionGuide


def guide_of(organisation, code):
    return QuestionGuide.objects.get(organisation=organisation, code=code)


def html(response) -> str:
    return response.content.decode()


def answers(count: int) -> dict:
    return {f"answer_{index}": f"Antwoord {index + 1}" for index in range(count)}


def state(trajectory, code):
    return trajectory.checklist_items.get(code=code).state


def test_the_policy_answers_tick_the_strategic_item_of_every_open_trajectory(
    client_for, coordinator, make_trajectory
):
    first, second = make_trajectory(), make_trajectory()
    client = client_for(coordinator)
    response = client.post("/o/autocars/intake/policy/edit/", answers(4))
    assert response.status_code == 302
    assert state(first, "strategic_preparation") == "open"  # the fifth question is open
    client.post("/o/autocars/intake/policy/edit/", answers(5))
    assert state(first, "strategic_preparation") == state(second, "strategic_preparation") == "done"
    # a new question in the strategic guide reopens it
    guide = guide_of(first.organisation, QuestionGuide.Code.STRATEGIC)
    client.post(
        f"/o/autocars/intake/guides/{guide.public_id}/questions/new/",
        {"text_nl": "Hoe meten we of werkplekleren werkt?"},
    )
    assert state(first, "strategic_preparation") == "open"


def test_mentors_read_the_policy_but_do_not_edit_it(client_for, coordinator, mentor):
    client_for(coordinator).post("/o/autocars/intake/policy/edit/", answers(5))
    page = html(client_for(mentor).get("/o/autocars/intake/policy/"))
    assert "Wordt er een opleiding voorzien voor de peter/meter?" in page
    assert "Antwoord 2" in page
    assert client_for(mentor).get("/o/autocars/intake/policy/edit/").status_code == 403


def test_the_operational_preparation_is_per_trajectory_and_by_the_mentor(
    client_for, mentor, make_trajectory
):
    trajectory = make_trajectory(mentors=[mentor])
    url = f"/o/autocars/intake/trajectory/{trajectory.public_id}/preparation/"
    client_for(mentor).post(url, {**answers(3), "answer_3": ""})
    assert state(trajectory, "operational_preparation") == "open"
    client_for(mentor).post(url, answers(4))
    assert state(trajectory, "operational_preparation") == "done"
    assert trajectory.operational_preparation.updated_by == mentor


def test_an_organisation_edits_its_own_guides(
    client_for, coordinator, organisation, other_organisation
):
    guide = guide_of(organisation, QuestionGuide.Code.INTRODUCTION)
    first = guide.questions.order_by("position").first()
    client = client_for(coordinator)
    client.post(
        f"/o/autocars/intake/questions/{first.public_id}/",
        {
            "text_nl": "Hoe stel ik mezelf voor aan de kandidaat?",
            "text_fr": "Comment me présenter ?",
        },
    )
    client.post(f"/o/autocars/intake/questions/{first.public_id}/move/down/")
    texts = [q.text["nl"] for q in guide.questions.order_by("position")]
    assert texts[1] == "Hoe stel ik mezelf voor aan de kandidaat?"
    client.post(f"/o/autocars/intake/questions/{first.public_id}/delete/")
    assert guide.questions.count() == 6
    theirs = guide_of(other_organisation, QuestionGuide.Code.INTRODUCTION)
    assert theirs.questions.count() == 7
    assert theirs.questions.order_by("position").first().text["nl"] == "Hoe stel ik mezelf voor?"
