from datetime import date

import factory

from werkplek.accounts.tests.factories import OrganisationFactory
from werkplek.candidates.models import Candidate


class CandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Candidate

    organisation = factory.SubFactory(OrganisationFactory)
    first_name = factory.Faker("first_name", locale="nl_BE")
    last_name = factory.Faker("last_name", locale="nl_BE")
    email = factory.Sequence(lambda n: f"candidate{n}@example.be")
    phone = "0470 12 34 56"
    date_of_birth = date(1995, 5, 17)
    street = "Kerkstraat 1"
    postal_code = "9000"
    city = "Gent"
    source = Candidate.Source.VDAB
    subsector_interest = "Streekvervoer"
    has_relations_in_company = False
