import factory
from factory.django import DjangoModelFactory

from sahabat.accounts.models import Membership, User
from sahabat.accounts.permissions import Role
from sahabat.purchasing.models import Agency
from sahabat.regions.models import Region


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.id")
    full_name = factory.Faker("name", locale="id_ID")
    password = factory.PostGenerationMethodCall("set_password", "rahasia-123")

    @factory.post_generation
    def _save(user, create, extracted, **kwargs):
        if create:
            user.save()


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    region = factory.LazyFunction(lambda: Region.objects.get(code="35.09"))
    role = Role.OFFICER
    # A focal point works for one agency: by default the region's first, as in a region with one agency.
    agency = factory.LazyAttribute(
        lambda membership: (
            Agency.unscoped.filter(region=membership.region).order_by("pk").first()
            if membership.role == Role.AGENCY_FOCAL_POINT
            else None
        )
    )
