"""Demo Autocars: Kevin (running) signs in as trainee; a VDAB consultant follows him."""

from django.conf import settings

from werkplek.accounts.models import Membership, User
from werkplek.demo.foundation import EMAIL_DOMAIN
from werkplek.portal.models import GuestAccess
from werkplek.trajectories.models import Trajectory

TRAINEE = "kevin"
# (e-mail local part, full name, role, language), printed by load_demo with the staff logins
LOGINS = [
    ("kevin", "Kevin Mertens", Membership.Role.TRAINEE, "nl"),
    ("vdab", "Veerle Dewitte", Membership.Role.GUEST, "nl"),
]


def _user(context, key: str, name: str, role: str, language: str) -> Membership:
    email = f"{key}@{EMAIL_DOMAIN}"
    user = User.objects.filter(email=email).first() or User.objects.create_user(
        email=email, password=settings.DEMO_PASSWORD, full_name=name, language=language
    )
    membership, _made = Membership.objects.get_or_create(
        user=user, organisation=context.organisation, defaults={"role": role}
    )
    return membership


def seed(context) -> None:
    trajectory = Trajectory.objects.select_related("candidate").get(
        pk=context.trajectories[TRAINEE].pk
    )
    trainee = _user(context, *LOGINS[0])
    if trajectory.candidate.user_id is None:
        trajectory.candidate.user = trainee.user
        trajectory.candidate.save(update_fields=["user", "updated_at"])
    guest = _user(context, *LOGINS[1])
    if not GuestAccess.objects.filter(trajectory=trajectory, membership=guest).exists():
        GuestAccess.objects.create(
            organisation=context.organisation,
            trajectory=trajectory,
            membership=guest,
            invited_by=context.users["coordinator"],
        )
