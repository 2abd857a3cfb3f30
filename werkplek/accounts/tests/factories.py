import factory

from werkplek.accounts.models import Membership, Organisation, User


def enterprise_number(n: int) -> str:
    """A valid Belgian enterprise number built from a sequence number."""
    base = 10_000_000 + n
    return f"{base:08d}{97 - base % 97:02d}"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.be")
    full_name = factory.Faker("name", locale="nl_BE")
    language = "nl"
    password = factory.PostGenerationMethodCall("set_password", "secret-pass-123")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Autocars {n}")
    slug = factory.Sequence(lambda n: f"autocars-{n}")
    enterprise_number = factory.Sequence(enterprise_number)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.COORDINATOR
