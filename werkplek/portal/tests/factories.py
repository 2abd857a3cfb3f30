from werkplek.accounts.models import Membership
from werkplek.accounts.tests.factories import MembershipFactory
from werkplek.portal.models import GuestAccess


def one_of_each(*, trajectory, by) -> None:
    """A guest access on another organisation's trajectory (for the permission matrix)."""
    guest = MembershipFactory(organisation=trajectory.organisation, role=Membership.Role.GUEST)
    GuestAccess.objects.create(
        organisation=trajectory.organisation, trajectory=trajectory, membership=guest, invited_by=by
    )
