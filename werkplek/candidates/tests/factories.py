from datetime import date

import factory
from faker import Faker

from werkplek.accounts.tests.factories import OrganisationFactory
from werkplek.candidates.models import Candidate

_faker = Faker("nl_BE")


def _plain_last_name() -> str:
    while "'" in (name := _faker.last_name()):
        pass
    return name


class CandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Candidate

    organisation = factory.SubFactory(OrganisationFactory)
    first_name = factory.Faker("first_name", locale="nl_BE")
    # Faker's nl_BE names include "D'Hondt", which HTML shows as "D&#x27;Hondt": tests that
    # look for a name in a page would fail one run in ~500. Names with quotes and markup are
    # tested on purpose by the hostile-input tests.
    last_name = factory.LazyFunction(_plain_last_name)
    email = factory.Sequence(lambda n: f"candidate{n}@example.be")
    phone = "0470 12 34 56"
    date_of_birth = date(1995, 5, 17)
    street = "Kerkstraat 1"
    postal_code = "9000"
    city = "Gent"
    source = Candidate.Source.VDAB
    subsector_interest = "Streekvervoer"
    has_relations_in_company = False
