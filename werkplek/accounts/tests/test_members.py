from django.core import mail

from werkplek.accounts.models import Membership, User


def test_admin_invites_a_new_mentor_who_receives_a_password_link(client_for, admin, organisation):
    response = client_for(admin).post(
        "/o/autocars/settings/members/invite/",
        {
            "email": "Nieuwe.Peter@Example.be",
            "full_name": "Nieuwe Peter",
            "role": "mentor",
            "language": "fr",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="nieuwe.peter@example.be")
    assert not user.has_usable_password()
    assert Membership.objects.get(user=user, organisation=organisation).role == "mentor"
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/" in mail.outbox[0].body
    assert "Autocars Vlaanderen" in mail.outbox[0].subject


def test_inviting_an_existing_member_is_refused_beside_the_field(client_for, admin, mentor):
    response = client_for(admin).post(
        "/o/autocars/settings/members/invite/",
        {"email": mentor.email, "full_name": "X", "role": "mentor", "language": "nl"},
    )
    assert response.status_code == 422
    assert "id_email_error" in response.content.decode()


def test_admin_cannot_remove_their_own_access(client_for, admin, organisation):
    membership = Membership.objects.get(user=admin, organisation=organisation)
    response = client_for(admin).post(
        f"/o/autocars/settings/members/{membership.public_id}/", {"role": "mentor"}
    )
    assert response.status_code == 422
    membership.refresh_from_db()
    assert membership.role == "admin" and membership.is_active
