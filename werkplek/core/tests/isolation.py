"""Another organisation with one of everything, for the isolation matrices (pages and API)."""

from django.apps import apps
from django.utils.module_loading import import_string

from werkplek.accounts.models import Membership

# Objects that trajectory_create does not make: each app adds a maker (trajectory=…, by=…)
# that creates one of each of its objects for the other organisation's trajectory.
FOREIGN_OBJECT_MAKERS = [
    "werkplek.intake.tests.factories.one_of_each",
    "werkplek.credentials.tests.factories.one_of_each",
    "werkplek.documents.tests.factories.one_of_each",
    "werkplek.printing.tests.factories.one_of_each",
    "werkplek.evaluations.tests.factories.one_of_each",
    "werkplek.portal.tests.factories.one_of_each",
]


def _public_id_models() -> list:
    """Every model a URL can name by `public_id`; history tables repeat their record's id."""
    return [
        model
        for model in apps.get_models()
        if any(field.name == "public_id" for field in model._meta.fields)
        and not hasattr(model, "instance_type")  # a django-simple-history table
    ]


def public_ids() -> dict[str, set]:
    return {
        model._meta.label: set(model.objects.values_list("public_id", flat=True))
        for model in _public_id_models()
    }


def build_foreign_world(*, pack, make_trajectory, mentor, with_token: bool = False) -> dict:
    """Our organisation with a trajectory, then "elders" with one of everything.

    Returns {"other": organisation, "foreign": {model label: one public_id of theirs}}.
    """
    from werkplek.accounts.tests.factories import MembershipFactory, OrganisationFactory
    from werkplek.candidates.tests.factories import CandidateFactory
    from werkplek.sectorpacks.services import organisation_adopt_pack
    from werkplek.trajectories.services import trajectory_create

    make_trajectory(mentors=[mentor])
    ours = public_ids()
    other = organisation_adopt_pack(organisation=OrganisationFactory(slug="elders"), pack=pack)
    boss = MembershipFactory(organisation=other, role=Membership.Role.ADMIN)
    if with_token:
        from werkplek.api.services import api_token_create

        api_token_create(user=boss.user, name="theirs")
    theirs = trajectory_create(
        candidate=CandidateFactory(organisation=other),
        created_by=boss.user,
        kind="ibo",
        mentors=[boss.user],
        coordinator=boss.user,
    )
    for maker in FOREIGN_OBJECT_MAKERS:
        import_string(maker)(trajectory=theirs, by=boss.user)
    foreign = {}
    for label, ids in public_ids().items():
        new = ids - ours.get(label, set())
        if new:
            foreign[label] = sorted(new, key=str)[0]
    return {"other": other, "foreign": foreign}
