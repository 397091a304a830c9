"""Roles and what each may do: the one table every check reads.

Later capabilities add their permissions here, next to the roles that hold them, so that a
reader finds the whole access model in one place.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    REGION_ADMIN = "region_admin", _("Region admin")
    OFFICER = "officer", _("Officer")
    VIEWER = "viewer", _("Viewer")
    AGENCY_FOCAL_POINT = "agency_focal_point", _("Agency focal point")
    BOOTH_CASHIER = "booth_cashier", _("Booth cashier")
    UMKM_OWNER = "umkm_owner", _("UMKM owner")


class Perm:
    """Permission names, `<capability>.<action>`."""

    MEMBERS_MANAGE = "accounts.manage_members"
    TOKENS_MANAGE = "accounts.manage_tokens"
    AUDIT_VIEW = "accounts.view_audit"
    REGION_VIEW = "accounts.view_region"
    REGISTRY_VIEW = "registry.view"
    REGISTRY_EDIT = "registry.edit"
    REGISTRY_IMPORT = "registry.import"
    # UMKM owners edit the enterprises whose owner record is linked to their login, nothing else.
    REGISTRY_EDIT_OWN = "registry.edit_own"
    PERSONAL_REVEAL = "registry.reveal_personal"
    PERSONAL_EXPORT = "registry.export_personal"
    EVENTS_VIEW = "events.view"
    EVENTS_MANAGE = "events.manage"
    SALES_RECORD = "events.record_sales"
    VISITORS_RECORD = "events.record_visitors"
    PURCHASES_VIEW = "purchasing.view"
    PURCHASES_RECORD = "purchasing.record"
    PROCUREMENT_MANAGE = "purchasing.manage"
    # The list of agencies and their ASN counts, which rank them: not for an agency's own focal point.
    AGENCIES_MANAGE = "purchasing.manage_agencies"
    COOPERATION_VIEW = "cooperation.view"
    COOPERATION_MANAGE = "cooperation.manage"
    COACHING_VIEW = "coaching.view"
    COACHING_MANAGE = "coaching.manage"
    INVESTMENT_VIEW = "investment.view"
    INVESTMENT_MANAGE = "investment.manage"
    INDICATORS_VIEW = "indicators.view"
    INDICATORS_MANAGE = "indicators.manage"
    # Reports for the regent: generate and download; manage the letterhead logo and monthly e-mails.
    REPORTS_VIEW = "reports.view"
    REPORTS_MANAGE = "reports.manage"
    # Find duplicate enterprises, merge them and undo merges (sahabat.dedupe).
    DEDUPE_REVIEW = "dedupe.review"


ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.REGION_ADMIN: frozenset(
        {
            Perm.MEMBERS_MANAGE,
            Perm.TOKENS_MANAGE,
            Perm.AUDIT_VIEW,
            Perm.REGION_VIEW,
            Perm.REGISTRY_VIEW,
            Perm.REGISTRY_EDIT,
            Perm.REGISTRY_IMPORT,
            Perm.PERSONAL_REVEAL,
            Perm.PERSONAL_EXPORT,
            Perm.EVENTS_VIEW,
            Perm.EVENTS_MANAGE,
            Perm.SALES_RECORD,
            Perm.VISITORS_RECORD,
            Perm.PURCHASES_VIEW,
            Perm.PURCHASES_RECORD,
            Perm.PROCUREMENT_MANAGE,
            Perm.AGENCIES_MANAGE,
            Perm.COOPERATION_VIEW,
            Perm.COOPERATION_MANAGE,
            Perm.COACHING_VIEW,
            Perm.COACHING_MANAGE,
            Perm.INVESTMENT_VIEW,
            Perm.INVESTMENT_MANAGE,
            Perm.INDICATORS_VIEW,
            Perm.INDICATORS_MANAGE,
            Perm.REPORTS_VIEW,
            Perm.REPORTS_MANAGE,
            Perm.DEDUPE_REVIEW,
        }
    ),
    Role.OFFICER: frozenset(
        {
            Perm.TOKENS_MANAGE,
            Perm.REGION_VIEW,
            Perm.REGISTRY_VIEW,
            Perm.REGISTRY_EDIT,
            Perm.REGISTRY_IMPORT,
            Perm.EVENTS_VIEW,
            Perm.EVENTS_MANAGE,
            Perm.SALES_RECORD,
            Perm.VISITORS_RECORD,
            Perm.PURCHASES_VIEW,
            Perm.PURCHASES_RECORD,
            Perm.PROCUREMENT_MANAGE,
            Perm.AGENCIES_MANAGE,
            Perm.COOPERATION_VIEW,
            Perm.COOPERATION_MANAGE,
            Perm.COACHING_VIEW,
            Perm.COACHING_MANAGE,
            Perm.INVESTMENT_VIEW,
            Perm.INVESTMENT_MANAGE,
            Perm.INDICATORS_VIEW,
            Perm.INDICATORS_MANAGE,
            Perm.REPORTS_VIEW,
            Perm.REPORTS_MANAGE,
            Perm.DEDUPE_REVIEW,
        }
    ),
    Role.VIEWER: frozenset(
        {
            Perm.REGION_VIEW,
            Perm.REGISTRY_VIEW,
            Perm.EVENTS_VIEW,
            Perm.PURCHASES_VIEW,
            Perm.COOPERATION_VIEW,
            Perm.COACHING_VIEW,
            Perm.INVESTMENT_VIEW,
            Perm.INDICATORS_VIEW,
            Perm.REPORTS_VIEW,
        }
    ),
    # Bound to one agency (Membership.agency): its writes stop at that agency's records.
    Role.AGENCY_FOCAL_POINT: frozenset({Perm.PURCHASES_VIEW, Perm.PURCHASES_RECORD, Perm.PROCUREMENT_MANAGE}),
    Role.BOOTH_CASHIER: frozenset({Perm.SALES_RECORD, Perm.VISITORS_RECORD}),
    # Records sales to civil servants for its own enterprises only.
    Role.UMKM_OWNER: frozenset({Perm.REGISTRY_EDIT_OWN, Perm.PURCHASES_RECORD}),
}

# Roles a token may carry: a token never holds more than an officer, and never manages people.
TOKEN_ROLES = (Role.OFFICER, Role.VIEWER, Role.BOOTH_CASHIER)

# Who may hand out which role: an admin any role; an officer only device roles (for tokens).
GRANTABLE_ROLES: dict[str, tuple[str, ...]] = {
    Role.REGION_ADMIN: tuple(Role.values),
    Role.OFFICER: (Role.VIEWER, Role.BOOTH_CASHIER),
}


def permissions_of(role: str) -> frozenset[str]:
    return ROLE_PERMISSIONS.get(role, frozenset())
