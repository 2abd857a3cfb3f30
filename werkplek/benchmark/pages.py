"""The key pages the benchmark measures, for an organisation built by generate_data."""

from werkplek.accounts.models import Membership, User
from werkplek.trajectories.models import Trajectory

# Queries a key page may make (the target). The trajectory page is above it: it
# gathers the panels of eight apps. Its 'What is next' panel now answers from what the other
# panels loaded (checklist, follow-up moments, meetings, evaluations: core.memo), and the
# header reads the switcher's memberships and the unread count with the current membership
# (28 → 20); the credential types are read once for the gate and the credentials panel, and
# the follow-up settings come with the membership (→ 18; the same for 5 or 60 trajectories).
# Bringing it to 12 is open work.
MAX_QUERIES = 12
MAX_QUERIES_TRAJECTORY_PAGE = 18
# Today asks each agenda source once (checklists, meetings, plans, follow-up, evaluations)
# and, for its 'Waiting for you' panel, each obligation source (signatures, self-assessment,
# attendance, follow-up, credentials, action points, plan acknowledgements): 21 → 18 with the
# header's queries merged and the trajectories' dates taken from the page's own rows; → 16
# with the attendance and credential obligations in one query each; the same for 5 or 60
# trajectories. Above the target; see docs/benchmarks.md.
MAX_QUERIES_TODAY = 16


def key_pages(slug: str) -> list[tuple[str, str, str]]:
    """(name, path, who) of the key pages; who is "coordinator" or "mentor"."""
    trajectory = (
        Trajectory.objects.filter(organisation__slug=slug, status="running").order_by("id").first()
    )
    base = f"/o/{slug}"
    return [
        ("trajectory list ?status=running", f"{base}/trajectories/?status=running", "coordinator"),
        ("trajectory page", f"{base}/trajectories/{trajectory.public_id}/", "coordinator"),
        ("mentor Today", f"{base}/today/", "mentor"),
        ("credentials radar", f"{base}/credentials/", "coordinator"),
        ("at-risk board", f"{base}/followup/board/", "coordinator"),
    ]


def users_of(slug: str) -> dict[str, User]:
    memberships = Membership.objects.filter(organisation__slug=slug).select_related("user")
    return {
        "coordinator": memberships.get(role=Membership.Role.COORDINATOR).user,
        "mentor": memberships.filter(role=Membership.Role.MENTOR).order_by("id").first().user,
    }
