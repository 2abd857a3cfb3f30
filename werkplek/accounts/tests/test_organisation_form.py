import pytest

from werkplek.accounts.models import Organisation


@pytest.fixture
def admin_client(client_for, admin):
    return client_for(admin)


def test_admin_saves_a_valid_enterprise_number_normalised(admin_client, organisation):
    response = admin_client.post(
        "/o/autocars/settings/",
        {
            "name": "Autocars Vlaanderen NV",
            "enterprise_number": "BE 0403.170.701",
            "sector": "Bus",
            "default_language": "fr",
        },
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.enterprise_number == "0403170701"
    assert organisation.name == "Autocars Vlaanderen NV"
    assert organisation.default_language == "fr"


def test_bad_enterprise_number_shows_error_beside_field_keeps_input_saves_nothing(
    admin_client, organisation
):
    before = Organisation.objects.get(pk=organisation.pk)
    response = admin_client.post(
        "/o/autocars/settings/",
        {
            "name": "Nieuwe naam",
            "enterprise_number": "0403.170.702",
            "sector": "Bus",
            "default_language": "nl",
        },
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert 'class="field-error" id="id_enterprise_number_error"' in html
    assert "mod 97" in html
    assert 'value="0403.170.702"' in html
    assert 'value="Nieuwe naam"' in html
    after = Organisation.objects.get(pk=organisation.pk)
    assert (after.name, after.enterprise_number) == (before.name, before.enterprise_number)


def test_only_admins_edit_the_organisation(client_for, coordinator, organisation):
    response = client_for(coordinator).get("/o/autocars/settings/")
    assert response.status_code == 403
