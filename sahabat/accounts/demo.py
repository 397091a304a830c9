"""Demo people: an admin, an officer and a viewer for Jember and for Sarolangun, and a superuser."""

from sahabat.accounts.models import Membership, User
from sahabat.accounts.permissions import Role
from sahabat.regions.models import Region

DEMO_PASSWORD = "sahabat-demo"
DEMO_REGIONS = {"jember": "35.09", "sarolangun": "15.03"}
DEMO_ROLES = {"admin": Role.REGION_ADMIN, "officer": Role.OFFICER, "viewer": Role.VIEWER}
_FULL_NAMES = {
    "jember.admin": "Dewi Lestari",
    "jember.officer": "Agus Setiawan",
    "jember.viewer": "Rina Wulandari",
    "sarolangun.admin": "Hendra Saputra",
    "sarolangun.officer": "Siti Aminah",
    "sarolangun.viewer": "Yusuf Hidayat",
}


def demo_logins() -> list[tuple[str, str]]:
    logins = [("superadmin", "platform superuser (Django admin at /admin/)")]
    for place, code in DEMO_REGIONS.items():
        for suffix, role in DEMO_ROLES.items():
            logins.append((f"{place}.{suffix}", f"{Role(role).label} · {code}"))
        # Created by the register's demo (sahabat/registry/demo.py), linked to one demo owner.
        logins.append((f"{place}.umkm", f"{Role.UMKM_OWNER.label} · {code}"))
    # Created by the events demo (sahabat/events/demo.py): records sales at the Jember carnival.
    logins.append(("jember.kasir", f"{Role.BOOTH_CASHIER.label} · {DEMO_REGIONS['jember']}"))
    # Created by the purchasing demo (sahabat/purchasing/demo.py): focal point of Dinas Koperasi Jember.
    logins.append(("jember.opd", f"{Role.AGENCY_FOCAL_POINT.label} · {DEMO_REGIONS['jember']}"))
    return [(username, str(description)) for username, description in logins]


def demo_load(*, stdout) -> None:
    superuser, _ = User.objects.get_or_create(
        username="superadmin", defaults={"full_name": "Admin Platform", "email": "superadmin@sahabat.example"}
    )
    superuser.is_staff = superuser.is_superuser = True
    superuser.set_password(DEMO_PASSWORD)
    superuser.save()
    for place, code in DEMO_REGIONS.items():
        region = Region.objects.get(code=code)
        for suffix, role in DEMO_ROLES.items():
            username = f"{place}.{suffix}"
            user, _ = User.objects.get_or_create(
                username=username,
                defaults={"full_name": _FULL_NAMES[username], "email": f"{username}@sahabat.example"},
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            Membership.objects.get_or_create(user=user, region=region, role=role)
    stdout.write("accounts: demo users for Jember and Sarolangun")
