import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from werkplek.accounts.models import Membership
from werkplek.conftest import membership_of
from werkplek.portal.models import GuestAccess
from werkplek.portal.services import guest_access_grant, guest_access_revoke, trainee_invite
from werkplek.trajectories.models import Status, Trajectory
from werkplek.trajectories.selectors import trajectories_visible_to

BASE = "http://testserver/"


@pytest.fixture
def trajectory(make_trajectory, mentor):
    trajectory = make_trajectory(mentors=[mentor])
    trajectory.candidate.email = "Sara.Stagiair@example.be"
    trajectory.candidate.language = "fr"
    trajectory.candidate.save()
    mail.outbox.clear()  # the mentor's "you are now the mentor" prompt; tested in notifications
    return trajectory


def link_in(message) -> str:
    return re.search(r"http://testserver/\S+", message.body).group(0)


def test_a_candidate_gets_a_trainee_login_with_a_one_time_link_in_their_language(
    trajectory, coordinator, organisation
):
    membership = trainee_invite(trajectory=trajectory, by=coordinator, base_url=BASE)
    trajectory.candidate.refresh_from_db()
    assert membership.role == Membership.Role.TRAINEE
    assert trajectory.candidate.user == membership.user
    assert membership.user.email == "sara.stagiair@example.be"
    assert not membership.user.has_usable_password()
    [message] = mail.outbox
    assert "mot de passe" in message.body  # in the candidate's language, French
    link = link_in(message)
    client = Client()
    response = client.get(link, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "Bus-en-car-2026!", "new_password2": "Bus-en-car-2026!"}
    )
    assert response.status_code == 302
    membership.user.refresh_from_db()
    assert membership.user.check_password("Bus-en-car-2026!")
    # The link works once.
    assert Client().get(link, follow=True).context["validlink"] is False
    assert trajectories_visible_to(membership).get() == trajectory


def test_a_trainee_without_password_gets_the_link_again_but_not_once_the_password_is_set(
    trajectory, coordinator
):
    membership = trainee_invite(trajectory=trajectory, by=coordinator, base_url=BASE)
    trainee_invite(trajectory=trajectory, by=coordinator, base_url=BASE)
    assert len(mail.outbox) == 2
    membership.user.set_password("Bus-en-car-2026!")
    membership.user.save()
    with pytest.raises(ValidationError, match="already has a login"):
        trainee_invite(trajectory=trajectory, by=coordinator, base_url=BASE)


def test_no_trainee_login_without_an_e_mail_address_or_for_a_member_with_another_role(
    make_trajectory, coordinator, mentor
):
    trajectory = make_trajectory()
    trajectory.candidate.email = ""
    trajectory.candidate.save()
    with pytest.raises(ValidationError, match="e-mail address first"):
        trainee_invite(trajectory=trajectory, by=coordinator, base_url=BASE)
    trajectory.candidate.email = mentor.email
    trajectory.candidate.save()
    with pytest.raises(ValidationError, match="already a member"):
        trainee_invite(trajectory=trajectory, by=coordinator, base_url=BASE)
    assert mail.outbox == []


def test_a_guest_is_invited_follows_the_trajectory_and_loses_access_when_revoked(
    trajectory, coordinator, organisation
):
    access = guest_access_grant(
        trajectory=trajectory,
        email="Tine@School.be",
        full_name="Tine Trajectbegeleider",
        language="nl",
        by=coordinator,
        base_url=BASE,
    )
    guest = access.membership
    assert guest.role == Membership.Role.GUEST
    assert "wachtwoord" in mail.outbox[0].body
    assert list(trajectories_visible_to(guest)) == [trajectory]
    guest_access_revoke(access=access, by=coordinator)
    assert list(trajectories_visible_to(guest)) == []
    with pytest.raises(ValidationError, match="already revoked"):
        guest_access_revoke(access=access, by=coordinator)
    # Invited again later: a new access, an e-mail without a new password link.
    guest_access_grant(
        trajectory=trajectory,
        email="tine@school.be",
        full_name="Tine",
        language="nl",
        by=coordinator,
        base_url=BASE,
    )
    assert len(mail.outbox) == 2
    assert "/portal/follow/" in mail.outbox[1].body
    assert GuestAccess.objects.filter(membership=guest).count() == 2
    assert list(trajectories_visible_to(guest)) == [trajectory]


def test_a_guest_sees_only_the_trajectories_they_were_invited_to_while_open(
    trajectory, make_trajectory, coordinator, guest, organisation
):
    other = make_trajectory()
    guest_access_grant(
        trajectory=trajectory,
        email=guest.email,
        full_name=guest.full_name,
        language="nl",
        by=coordinator,
        base_url=BASE,
    )
    membership = membership_of(guest, organisation)
    assert list(trajectories_visible_to(membership)) == [trajectory]
    assert other not in trajectories_visible_to(membership)
    Trajectory.objects.filter(pk=trajectory.pk).update(status=Status.CLOSED)
    assert list(trajectories_visible_to(membership)) == []


def test_guest_access_is_refused_twice_for_staff_members_and_on_closed_trajectories(
    trajectory, coordinator, mentor, guest
):
    kwargs = {"full_name": "X", "language": "nl", "by": coordinator, "base_url": BASE}
    guest_access_grant(trajectory=trajectory, email=guest.email, **kwargs)
    with pytest.raises(ValidationError, match="already follow"):
        guest_access_grant(trajectory=trajectory, email=guest.email, **kwargs)
    with pytest.raises(ValidationError, match="already a member as"):
        guest_access_grant(trajectory=trajectory, email=mentor.email, **kwargs)
    Trajectory.objects.filter(pk=trajectory.pk).update(status=Status.CLOSED)
    trajectory.refresh_from_db()
    with pytest.raises(ValidationError, match="closed"):
        guest_access_grant(trajectory=trajectory, email="new@vdab.be", **kwargs)


def test_a_guest_with_access_still_gets_no_credentials_documents_or_checklist_by_selector(
    trajectory, coordinator, guest, organisation
):
    from werkplek.credentials.selectors import credentials_visible_to
    from werkplek.documents.selectors import documents_visible_to
    from werkplek.intake.selectors import meetings_visible_to

    guest_access_grant(
        trajectory=trajectory,
        email=guest.email,
        full_name=guest.full_name,
        language="nl",
        by=coordinator,
        base_url=BASE,
    )
    membership = membership_of(guest, organisation)
    assert trajectories_visible_to(membership).exists()
    assert not credentials_visible_to(membership).exists()
    assert not documents_visible_to(membership).exists()
    assert not meetings_visible_to(membership).exists()


@pytest.mark.parametrize("resend", [False, True])
def test_the_invitation_names_the_role_in_the_candidates_language_whatever_the_senders(
    trajectory, coordinator, resend
):
    if resend:
        trainee_invite(trajectory=trajectory, by=coordinator, base_url=BASE)
        mail.outbox.clear()
    with translation.override("nl"):  # the coordinator works in Dutch
        trainee_invite(trajectory=trajectory, by=coordinator, base_url=BASE)
    [message] = mail.outbox
    assert "Votre rôle : Apprenant." in message.body
    assert "Kandidaat" not in message.body
