"""Staff rename the levels of their rating scale; the levels themselves stay."""

from werkplek.competences.tests.factories import framework_of


def scale_form_data(scale, **changes) -> dict:
    data = {f"name_{lang}": scale.name.get(lang, "") for lang in ("nl", "fr", "en")}
    for index, level in enumerate(scale.levels, start=1):
        for lang in ("nl", "fr", "en"):
            data[f"label{index}_{lang}"] = level["label"].get(lang, "")
            data[f"description{index}_{lang}"] = (level.get("description") or {}).get(lang, "")
    data["achieved_level"] = scale.achieved_level
    data.update(changes)
    return data


def test_a_coordinator_renames_a_level_and_moves_the_acquired_mark(
    client_for, coordinator, organisation
):
    framework = framework_of(organisation)
    scale = framework.scale
    values = [level["value"] for level in scale.levels]
    url = f"/o/autocars/competences/scale/{scale.public_id}/edit/?framework={framework.public_id}"
    client = client_for(coordinator)
    detail = client.get(f"/o/autocars/competences/{framework.public_id}/").content.decode()
    assert "Bewerk de schaal" in detail
    form = client.get(url)
    assert form.status_code == 200
    response = client.post(
        url,
        scale_form_data(
            scale, label1_nl="Nog niet gezien", label1_fr="Pas encore vu", achieved_level=values[-1]
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == f"/o/autocars/competences/{framework.public_id}/"
    scale.refresh_from_db()
    assert scale.levels[0]["label"]["nl"] == "Nog niet gezien"
    assert [level["value"] for level in scale.levels] == values
    assert scale.achieved_level == values[-1]
    page = client.get(response["Location"]).content.decode()
    assert "Nog niet gezien" in page


def test_every_level_needs_a_dutch_name_and_typed_text_is_kept(
    client_for, coordinator, organisation
):
    scale = framework_of(organisation).scale
    before = scale.levels
    response = client_for(coordinator).post(
        f"/o/autocars/competences/scale/{scale.public_id}/edit/",
        scale_form_data(scale, label2_nl="", label2_fr="En route"),
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert 'value="En route"' in page
    assert "Dit veld is verplicht" in page
    scale.refresh_from_db()
    assert scale.levels == before


def test_only_staff_of_the_organisation_edit_its_scale(client_for, mentor, outsider, organisation):
    scale = framework_of(organisation).scale
    url = f"/o/autocars/competences/scale/{scale.public_id}/edit/"
    assert client_for(mentor).get(url).status_code == 403
    assert (
        client_for(outsider).get(f"/o/andere/competences/scale/{scale.public_id}/edit/").status_code
        == 404
    )


def test_a_malformed_framework_to_return_to_is_ignored(client_for, coordinator, organisation):
    scale = framework_of(organisation).scale
    url = f"/o/autocars/competences/scale/{scale.public_id}/edit/?framework=not-a-uuid"
    response = client_for(coordinator).post(url, scale_form_data(scale))
    assert response.status_code == 302
    assert response["Location"] == "/o/autocars/competences/"
