"""Every page and every API operation, for every kind of caller, against a declared rule.

Routes are discovered from the URL resolver and the OpenAPI schema, so a new route without a
rule fails `test_every_route_has_a_rule` until someone decides who may use it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from sahabat.accounts.permissions import Perm, Role, permissions_of
from sahabat.api import api
from tests.portal.world import make_public, shared
from tests.purchasing.world import NIP
from tests.security.world import World

CALLERS = ["anonymous", "superuser", *[f"jember:{role}" for role in Role.values], "sarolangun:region_admin"]

# Allow: anyone; LOGGED_IN: any authenticated user; a Perm name: holders of it in the object's region.
ANYONE = "anyone"
LOGGED_IN = "logged_in"
SUPERUSER = "superuser"


@dataclass
class Rule:
    access: str
    method: str = "get"
    # Builds the URL kwargs from the world fixture; routes without parameters need none.
    kwargs: Callable[[World], dict] | None = None
    data: dict = field(default_factory=dict)
    # True when the URL names a Jember record: a caller from another region must be refused.
    jember_object: bool = False


PAGE_RULES: dict[str, Rule] = {
    "core:home": Rule(ANYONE),
    "core:healthz": Rule(ANYONE),
    "set_language": Rule(ANYONE, method="post", data={"language": "id"}),
    "admin:*": Rule(SUPERUSER),
    "accounts:login": Rule(ANYONE),
    "accounts:logout": Rule(ANYONE, method="post"),
    "accounts:password_change": Rule(LOGGED_IN),
    "accounts:password_change_done": Rule(LOGGED_IN),
    "accounts:password_reset": Rule(ANYONE),
    "accounts:password_reset_done": Rule(ANYONE),
    "accounts:password_reset_confirm": Rule(ANYONE, kwargs=lambda w: {"uidb64": "MQ", "token": "x-y"}),
    "accounts:password_reset_complete": Rule(ANYONE),
    "accounts:switch_region": Rule(LOGGED_IN, method="post", data={"region": "35.09", "next": "/"}),
    "accounts:members": Rule(Perm.MEMBERS_MANAGE),
    "accounts:member_role": Rule(
        Perm.MEMBERS_MANAGE,
        method="post",
        kwargs=lambda w: {"membership_id": w.viewer_membership.pk},
        data={"role": Role.VIEWER},
        jember_object=True,
    ),
    "accounts:member_deactivate": Rule(
        Perm.MEMBERS_MANAGE,
        method="post",
        kwargs=lambda w: {"membership_id": w.viewer_membership.pk},
        jember_object=True,
    ),
    "accounts:tokens": Rule(Perm.TOKENS_MANAGE),
    "accounts:token_revoke": Rule(
        Perm.TOKENS_MANAGE, method="post", kwargs=lambda w: {"token_id": w.token.pk}, jember_object=True
    ),
    "accounts:audit": Rule(Perm.AUDIT_VIEW),
    "accounts:access_log": Rule(Perm.AUDIT_VIEW),
    "registry:enterprise_list": Rule(Perm.REGISTRY_VIEW),
    "registry:enterprise_export": Rule(Perm.REGISTRY_VIEW, data={"format": "csv"}),
    "registry:enterprise_create": Rule(Perm.REGISTRY_EDIT),
    "registry:village_options": Rule(LOGGED_IN),
    "registry:enterprise_detail": Rule(
        Perm.REGISTRY_VIEW, kwargs=lambda w: {"enterprise_id": w.enterprise.pk}, jember_object=True
    ),
    "registry:enterprise_edit": Rule(
        Perm.REGISTRY_EDIT, kwargs=lambda w: {"enterprise_id": w.enterprise.pk}, jember_object=True
    ),
    "registry:licence_add": Rule(
        Perm.REGISTRY_EDIT,
        method="post",
        kwargs=lambda w: {"enterprise_id": w.enterprise.pk},
        data={"type": "halal", "number": "ID35110000123450123"},
        jember_object=True,
    ),
    "registry:licence_remove": Rule(
        Perm.REGISTRY_EDIT, method="post", kwargs=lambda w: {"licence_id": w.licence.pk}, jember_object=True
    ),
    "registry:owner_reveal_nik": Rule(
        Perm.PERSONAL_REVEAL,
        method="post",
        kwargs=lambda w: {"owner_id": w.owned_enterprise.owner_id},
        jember_object=True,
    ),
    "registry:owner_grant_access": Rule(
        Perm.MEMBERS_MANAGE,
        method="post",
        kwargs=lambda w: {"enterprise_id": w.owned_enterprise.pk},
        data={"email": "pemilik@example.id"},
        jember_object=True,
    ),
    "registry:product_create": Rule(
        Perm.REGISTRY_EDIT, kwargs=lambda w: {"enterprise_id": w.enterprise.pk}, jember_object=True
    ),
    "registry:product_edit": Rule(
        Perm.REGISTRY_EDIT, kwargs=lambda w: {"product_id": w.product.pk}, jember_object=True
    ),
    "registry:product_delete": Rule(
        Perm.REGISTRY_EDIT, method="post", kwargs=lambda w: {"product_id": w.product.pk}, jember_object=True
    ),
    # Owners reach their own enterprises here; their detail and edit access is tested in tests/registry.
    "registry:my_enterprises": Rule(Perm.REGISTRY_EDIT_OWN),
    "registry:import_list": Rule(Perm.REGISTRY_IMPORT),
    "registry:import_upload": Rule(Perm.REGISTRY_IMPORT),
    "registry:import_template": Rule(Perm.REGISTRY_IMPORT),
    **{
        f"registry:import_{name}": Rule(
            Perm.REGISTRY_IMPORT,
            method=method,
            kwargs=lambda w: {"job_id": w.import_job.pk},
            data={"mode": "valid_only"} if name == "apply" else {},
            jember_object=True,
        )
        for name, method in (
            ("detail", "get"),
            ("mapping", "get"),
            ("progress", "get"),
            ("rejected", "get"),
            ("apply", "post"),
            ("cancel", "post"),
        )
    },
    "events:cashier": Rule(Perm.SALES_RECORD, kwargs=lambda w: {"event_id": w.event.pk}, jember_object=True),
    "events:cashier_booth_total": Rule(
        Perm.SALES_RECORD,
        kwargs=lambda w: {"event_id": w.event.pk},
        data={"booth": "A-001"},
        jember_object=True,
    ),
    # The offline worker script holds no data: URLs of the page and its static files only.
    "events:cashier_service_worker": Rule(ANYONE, kwargs=lambda w: {"event_id": w.event.pk}),
    "events:event_list": Rule(Perm.EVENTS_VIEW),
    "events:event_create": Rule(Perm.EVENTS_MANAGE),
    "events:event_detail": Rule(
        Perm.EVENTS_VIEW, kwargs=lambda w: {"event_id": w.event.pk}, jember_object=True
    ),
    "events:event_edit": Rule(
        Perm.EVENTS_MANAGE, kwargs=lambda w: {"event_id": w.event.pk}, jember_object=True
    ),
    "events:zone_create": Rule(
        Perm.EVENTS_MANAGE,
        method="post",
        kwargs=lambda w: {"event_id": w.event.pk},
        data={"code": "B", "name": "Zona Kriya"},
        jember_object=True,
    ),
    "events:booth_list": Rule(
        Perm.EVENTS_VIEW, kwargs=lambda w: {"event_id": w.event.pk}, jember_object=True
    ),
    "events:booth_create": Rule(
        Perm.EVENTS_MANAGE,
        method="post",
        kwargs=lambda w: {"event_id": w.event.pk},
        data={"codes": "B-001"},
        jember_object=True,
    ),
    "events:booth_qr_sheet": Rule(
        Perm.EVENTS_VIEW, kwargs=lambda w: {"event_id": w.event.pk}, jember_object=True
    ),
    "events:participant_list": Rule(
        Perm.EVENTS_VIEW, kwargs=lambda w: {"event_id": w.event.pk}, jember_object=True
    ),
    "events:participant_invite": Rule(
        Perm.EVENTS_MANAGE, method="post", kwargs=lambda w: {"event_id": w.event.pk}, jember_object=True
    ),
    "events:participant_decide": Rule(
        Perm.EVENTS_MANAGE,
        method="post",
        kwargs=lambda w: {"event_id": w.event.pk, "participation_id": w.participation.pk},
        data={"status": "rejected"},
        jember_object=True,
    ),
    "events:device_list": Rule(
        Perm.EVENTS_VIEW, kwargs=lambda w: {"event_id": w.event.pk}, jember_object=True
    ),
    "events:device_create": Rule(
        Perm.EVENTS_MANAGE,
        method="post",
        kwargs=lambda w: {"event_id": w.event.pk},
        data={"name": "HP kasir B-001"},
        jember_object=True,
    ),
    "events:device_revoke": Rule(
        Perm.EVENTS_MANAGE,
        method="post",
        kwargs=lambda w: {"event_id": w.event.pk, "token_id": w.device.pk},
        jember_object=True,
    ),
    "events:dashboard": Rule(Perm.EVENTS_VIEW, kwargs=lambda w: {"event_id": w.event.pk}, jember_object=True),
    "events:dashboard_panel": Rule(
        Perm.EVENTS_VIEW, kwargs=lambda w: {"event_id": w.event.pk}, jember_object=True
    ),
    # The big-screen board shows aggregates of a published event (World's event is published) to anyone.
    "events:board": Rule(ANYONE, kwargs=lambda w: {"event_id": w.event.pk}),
    "events:board_panel": Rule(ANYONE, kwargs=lambda w: {"event_id": w.event.pk}),
    # The public portal (docs/portal.md): anyone, for what the owner or the region made public.
    "portal:catalogue": Rule(ANYONE),
    "portal:enterprise": Rule(ANYONE, kwargs=lambda w: {"enterprise_id": make_public(w.enterprise).pk}),
    "portal:product": Rule(
        ANYONE, kwargs=lambda w: {"product_id": make_public(w.enterprise) and w.product.pk}
    ),
    "portal:events": Rule(ANYONE),
    "portal:investment": Rule(ANYONE),
    "portal:investment_detail": Rule(ANYONE, kwargs=lambda w: {"project_id": w.investment.project.pk}),
    "portal:practices": Rule(ANYONE),
    "portal:practice_detail": Rule(
        ANYONE, kwargs=lambda w: {"practice_id": shared(w.cooperation.practice).pk}
    ),
    "portal:open_data": Rule(ANYONE),
    "portal:sitemap": Rule(ANYONE),
    "portal:sitemap_section": Rule(ANYONE, kwargs=lambda w: {"section": "products"}),
    "cooperation:agreement_list": Rule(Perm.COOPERATION_VIEW),
    "cooperation:agreement_create": Rule(Perm.COOPERATION_MANAGE),
    **{
        f"cooperation:agreement_{name}": Rule(
            permission,
            method=method,
            kwargs=lambda w: {"agreement_id": w.cooperation.agreement.pk},
            data=data,
            jember_object=True,
        )
        for name, permission, method, data in (
            ("detail", Perm.COOPERATION_VIEW, "get", {}),
            ("edit", Perm.COOPERATION_MANAGE, "get", {}),
            ("sign", Perm.COOPERATION_MANAGE, "post", {"signed_on": "2026-01-05"}),
            ("terminate", Perm.COOPERATION_MANAGE, "post", {}),
            ("document_add", Perm.COOPERATION_MANAGE, "post", {}),
        )
    },
    "cooperation:agreement_document": Rule(
        Perm.COOPERATION_VIEW, kwargs=lambda w: {"document_id": w.cooperation.document.pk}, jember_object=True
    ),
    **{
        f"cooperation:{name}": Rule(
            Perm.COOPERATION_MANAGE,
            kwargs=lambda w: {"agreement_id": w.cooperation.agreement.pk},
            jember_object=True,
        )
        for name in ("action_create", "report_create")
    },
    **{
        f"cooperation:action_{name}": Rule(
            permission,
            method=method,
            kwargs=lambda w: {"action_item_id": w.cooperation.action_item.pk},
            data=data,
            jember_object=True,
        )
        for name, permission, method, data in (
            ("detail", Perm.COOPERATION_VIEW, "get", {}),
            ("edit", Perm.COOPERATION_MANAGE, "get", {}),
            ("evidence_add", Perm.COOPERATION_MANAGE, "post", {"url": "https://jemberkab.go.id"}),
            ("comment_add", Perm.COOPERATION_MANAGE, "post", {"text": "Siap."}),
        )
    },
    "cooperation:action_evidence": Rule(
        Perm.COOPERATION_VIEW, kwargs=lambda w: {"evidence_id": w.cooperation.evidence.pk}, jember_object=True
    ),
    **{
        f"cooperation:report_{name}": Rule(
            permission,
            method=method,
            kwargs=lambda w: {"report_id": w.cooperation.report.pk},
            jember_object=True,
        )
        for name, permission, method in (
            ("detail", Perm.COOPERATION_VIEW, "get"),
            ("edit", Perm.COOPERATION_MANAGE, "get"),
            ("finalise", Perm.COOPERATION_MANAGE, "post"),
            ("pdf", Perm.COOPERATION_VIEW, "get"),
        )
    },
    "cooperation:practice_list": Rule(Perm.COOPERATION_VIEW),
    "cooperation:practice_create": Rule(Perm.COOPERATION_MANAGE),
    **{
        f"cooperation:practice_{name}": Rule(
            permission,
            method=method,
            kwargs=lambda w: {"practice_id": w.cooperation.practice.pk},
            jember_object=True,
        )
        for name, permission, method in (
            ("detail", Perm.COOPERATION_VIEW, "get"),
            ("edit", Perm.COOPERATION_MANAGE, "get"),
            ("document_add", Perm.COOPERATION_MANAGE, "post"),
        )
    },
    "cooperation:practice_document": Rule(
        Perm.COOPERATION_VIEW,
        kwargs=lambda w: {"document_id": w.cooperation.practice_document.pk},
        jember_object=True,
    ),
    # Banyuwangi shares its practice with Jember through their agreement; Sarolangun has none.
    "cooperation:adoption_create": Rule(
        Perm.COOPERATION_MANAGE,
        kwargs=lambda w: {"practice_id": w.cooperation.partner_practice.pk},
        jember_object=True,
    ),
    "cooperation:adoption_detail": Rule(
        Perm.COOPERATION_VIEW, kwargs=lambda w: {"adoption_id": w.cooperation.adoption.pk}, jember_object=True
    ),
    "cooperation:milestone_add": Rule(
        Perm.COOPERATION_MANAGE,
        method="post",
        kwargs=lambda w: {"adoption_id": w.cooperation.adoption.pk},
        data={"title": "Evaluasi", "due_date": "2027-01-31"},
        jember_object=True,
    ),
    "cooperation:milestone_done": Rule(
        Perm.COOPERATION_MANAGE,
        method="post",
        kwargs=lambda w: {"milestone_id": w.cooperation.milestone.pk},
        jember_object=True,
    ),
    "cooperation:partner_list": Rule(Perm.COOPERATION_VIEW),
    # Only aggregates, and only for a region with an agreement in force with the partner.
    "cooperation:partner_dashboard": Rule(
        Perm.COOPERATION_VIEW, kwargs=lambda w: {"code": w.cooperation.partner.code}, jember_object=True
    ),
    "cooperation:notification_list": Rule(LOGGED_IN),
    "purchasing:dashboard": Rule(Perm.PURCHASES_VIEW),
    "purchasing:leaderboard_export": Rule(Perm.PURCHASES_VIEW, data={"year": 2023}),
    "purchasing:agency_list": Rule(Perm.PURCHASES_VIEW),
    "purchasing:agency_create": Rule(Perm.AGENCIES_MANAGE),
    "purchasing:agency_detail": Rule(
        Perm.PURCHASES_VIEW, kwargs=lambda w: {"agency_id": w.purchasing.agency.pk}, jember_object=True
    ),
    "purchasing:agency_edit": Rule(
        Perm.AGENCIES_MANAGE, kwargs=lambda w: {"agency_id": w.purchasing.agency.pk}, jember_object=True
    ),
    "purchasing:focal_point_invite": Rule(
        Perm.MEMBERS_MANAGE,
        method="post",
        kwargs=lambda w: {"agency_id": w.purchasing.agency.pk},
        data={"full_name": "Nur Aini", "email": "nur.aini@example.id"},
        jember_object=True,
    ),
    "purchasing:budget_set": Rule(
        Perm.PROCUREMENT_MANAGE,
        method="post",
        kwargs=lambda w: {"agency_id": w.purchasing.agency.pk},
        data={"year": 2023, "goods_services_budget": "9 M"},
        jember_object=True,
    ),
    "purchasing:package_create": Rule(
        Perm.PROCUREMENT_MANAGE, kwargs=lambda w: {"agency_id": w.purchasing.agency.pk}, jember_object=True
    ),
    "purchasing:package_edit": Rule(
        Perm.PROCUREMENT_MANAGE, kwargs=lambda w: {"package_id": w.purchasing.package.pk}, jember_object=True
    ),
    "purchasing:purchase_list": Rule(Perm.PURCHASES_VIEW),
    "purchasing:purchase_export": Rule(Perm.PURCHASES_VIEW),
    # Agency staff and UMKM owners (their own sales) record purchases on the same page.
    "purchasing:purchase_create": Rule(Perm.PURCHASES_RECORD),
    "purchasing:enterprise_options": Rule(Perm.PURCHASES_RECORD, data={"q": "kopi"}),
    # Whoever may see the enterprise; its owner's access is tested in tests/purchasing.
    "purchasing:enterprise_buyers": Rule(
        Perm.REGISTRY_VIEW, kwargs=lambda w: {"enterprise_id": w.enterprise.pk}, jember_object=True
    ),
    "purchasing:import_list": Rule(Perm.PROCUREMENT_MANAGE),
    "purchasing:import_upload": Rule(Perm.PROCUREMENT_MANAGE),
    "purchasing:import_template": Rule(Perm.PROCUREMENT_MANAGE, data={"kind": "purchases"}),
    **{
        f"purchasing:import_{name}": Rule(
            Perm.PROCUREMENT_MANAGE,
            method=method,
            kwargs=lambda w: {"job_id": w.purchasing.import_job.pk},
            data={"mode": "valid_only"} if name == "apply" else {},
            jember_object=True,
        )
        for name, method in (("detail", "get"), ("rejected", "get"), ("apply", "post"), ("cancel", "post"))
    },
    **{
        f"coaching:{name}": Rule(permission, method=method, kwargs=kwargs, jember_object=kwargs is not None)
        for name, permission, method, kwargs in (
            ("programme_list", Perm.COACHING_VIEW, "get", None),
            ("programme_create", Perm.COACHING_MANAGE, "get", None),
            (
                "programme_detail",
                Perm.COACHING_VIEW,
                "get",
                lambda w: {"programme_id": w.coaching.programme.pk},
            ),
            (
                "programme_edit",
                Perm.COACHING_MANAGE,
                "get",
                lambda w: {"programme_id": w.coaching.programme.pk},
            ),
            (
                "programme_delete",
                Perm.COACHING_MANAGE,
                "post",
                lambda w: {"programme_id": w.coaching.programme.pk},
            ),
            (
                "session_create",
                Perm.COACHING_MANAGE,
                "post",
                lambda w: {"programme_id": w.coaching.programme.pk},
            ),
            (
                "participant_add",
                Perm.COACHING_MANAGE,
                "post",
                lambda w: {"programme_id": w.coaching.programme.pk},
            ),
            ("session_edit", Perm.COACHING_MANAGE, "get", lambda w: {"session_id": w.coaching.session.pk}),
            ("session_delete", Perm.COACHING_MANAGE, "post", lambda w: {"session_id": w.coaching.session.pk}),
            (
                "participant_remove",
                Perm.COACHING_MANAGE,
                "post",
                lambda w: {"participant_id": w.coaching.participant.pk},
            ),
            (
                "outcome_create",
                Perm.COACHING_MANAGE,
                "get",
                lambda w: {"participant_id": w.coaching.participant.pk},
            ),
            ("outcome_delete", Perm.COACHING_MANAGE, "post", lambda w: {"outcome_id": w.coaching.outcome.pk}),
        )
    },
    **{
        f"investment:{name}": Rule(permission, method=method, kwargs=kwargs, jember_object=kwargs is not None)
        for name, permission, method, kwargs in (
            ("project_list", Perm.INVESTMENT_VIEW, "get", None),
            ("project_create", Perm.INVESTMENT_MANAGE, "get", None),
            (
                "project_detail",
                Perm.INVESTMENT_VIEW,
                "get",
                lambda w: {"project_id": w.investment.project.pk},
            ),
            (
                "project_edit",
                Perm.INVESTMENT_MANAGE,
                "get",
                lambda w: {"project_id": w.investment.project.pk},
            ),
            (
                "project_delete",
                Perm.INVESTMENT_MANAGE,
                "get",
                lambda w: {"project_id": w.investment.project.pk},
            ),
            (
                "document_add",
                Perm.INVESTMENT_MANAGE,
                "post",
                lambda w: {"project_id": w.investment.project.pk},
            ),
            ("photo_add", Perm.INVESTMENT_MANAGE, "post", lambda w: {"project_id": w.investment.project.pk}),
            (
                "document_delete",
                Perm.INVESTMENT_MANAGE,
                "post",
                lambda w: {"document_id": w.investment.document.pk},
            ),
            ("photo_delete", Perm.INVESTMENT_MANAGE, "post", lambda w: {"photo_id": w.investment.photo.pk}),
            ("pipeline", Perm.INVESTMENT_VIEW, "get", None),
            ("lead_create", Perm.INVESTMENT_MANAGE, "get", None),
            ("lead_edit", Perm.INVESTMENT_MANAGE, "get", lambda w: {"lead_id": w.investment.lead.pk}),
            ("lead_move", Perm.INVESTMENT_MANAGE, "post", lambda w: {"lead_id": w.investment.lead.pk}),
            ("investor_list", Perm.INVESTMENT_VIEW, "get", None),
            ("investor_create", Perm.INVESTMENT_MANAGE, "get", None),
            (
                "investor_detail",
                Perm.INVESTMENT_VIEW,
                "get",
                lambda w: {"investor_id": w.investment.investor.pk},
            ),
            (
                "investor_edit",
                Perm.INVESTMENT_MANAGE,
                "get",
                lambda w: {"investor_id": w.investment.investor.pk},
            ),
            ("gathering_list", Perm.INVESTMENT_VIEW, "get", None),
            ("gathering_create", Perm.INVESTMENT_MANAGE, "get", None),
            (
                "gathering_detail",
                Perm.INVESTMENT_VIEW,
                "get",
                lambda w: {"gathering_id": w.investment.gathering.pk},
            ),
            (
                "gathering_edit",
                Perm.INVESTMENT_MANAGE,
                "get",
                lambda w: {"gathering_id": w.investment.gathering.pk},
            ),
        )
    },
    **{
        f"indicators:{name}": Rule(permission, method=method, kwargs=kwargs, jember_object=kwargs is not None)
        for name, permission, method, kwargs in (
            ("indicator_list", Perm.INDICATORS_VIEW, "get", None),
            ("indicator_create", Perm.INDICATORS_MANAGE, "get", None),
            (
                "indicator_detail",
                Perm.INDICATORS_VIEW,
                "get",
                lambda w: {"indicator_id": w.indicators.indicator.pk},
            ),
            (
                "indicator_edit",
                Perm.INDICATORS_MANAGE,
                "get",
                lambda w: {"indicator_id": w.indicators.indicator.pk},
            ),
            (
                "indicator_delete",
                Perm.INDICATORS_MANAGE,
                "post",
                lambda w: {"indicator_id": w.indicators.indicator.pk},
            ),
            (
                "target_create",
                Perm.INDICATORS_MANAGE,
                "post",
                lambda w: {"indicator_id": w.indicators.indicator.pk},
            ),
            (
                "realisation_create",
                Perm.INDICATORS_MANAGE,
                "post",
                lambda w: {"indicator_id": w.indicators.indicator.pk},
            ),
            ("target_edit", Perm.INDICATORS_MANAGE, "get", lambda w: {"target_id": w.indicators.target.pk}),
            (
                "target_delete",
                Perm.INDICATORS_MANAGE,
                "post",
                lambda w: {"target_id": w.indicators.target.pk},
            ),
            (
                "realisation_delete",
                Perm.INDICATORS_MANAGE,
                "post",
                lambda w: {"realisation_id": w.indicators.realisation.pk},
            ),
        )
    },
    "reports:index": Rule(Perm.REPORTS_VIEW),
    "reports:file_download": Rule(
        Perm.REPORTS_VIEW, kwargs=lambda w: {"report_file_id": w.reports.report_file.pk}, jember_object=True
    ),
    "reports:file_delete": Rule(
        Perm.REPORTS_MANAGE,
        method="post",
        kwargs=lambda w: {"report_file_id": w.reports.report_file.pk},
        jember_object=True,
    ),
    "reports:letterhead": Rule(Perm.REPORTS_MANAGE),
    "reports:schedules": Rule(Perm.REPORTS_MANAGE),
    "reports:schedule_edit": Rule(
        Perm.REPORTS_MANAGE, kwargs=lambda w: {"schedule_id": w.reports.schedule.pk}, jember_object=True
    ),
    "reports:schedule_delete": Rule(
        Perm.REPORTS_MANAGE,
        method="post",
        kwargs=lambda w: {"schedule_id": w.reports.schedule.pk},
        jember_object=True,
    ),
    "dedupe:group_list": Rule(Perm.DEDUPE_REVIEW),
    "dedupe:group_detail": Rule(
        Perm.DEDUPE_REVIEW, kwargs=lambda w: {"group_id": w.dedupe.group.pk}, jember_object=True
    ),
    "dedupe:group_decide": Rule(
        Perm.DEDUPE_REVIEW,
        method="post",
        kwargs=lambda w: {"group_id": w.dedupe.group.pk},
        data={"decision": "skipped"},
        jember_object=True,
    ),
    "dedupe:bulk_accept": Rule(Perm.DEDUPE_REVIEW, method="post", data={"threshold": "0.99"}),
    "dedupe:run_start": Rule(Perm.DEDUPE_REVIEW, method="post", data={"threshold": "2"}),
    "dedupe:run_progress": Rule(
        Perm.DEDUPE_REVIEW, kwargs=lambda w: {"run_id": w.dedupe.run.pk}, jember_object=True
    ),
    "dedupe:merge_list": Rule(Perm.DEDUPE_REVIEW),
    "dedupe:merge_undo": Rule(
        Perm.DEDUPE_REVIEW,
        method="post",
        kwargs=lambda w: {"merge_id": w.dedupe.merge.pk},
        jember_object=True,
    ),
}

_SALE = {
    "client_uuid": "0b9c3b8e-6d3f-4c1e-9a51-2f4f1d7e8a10",
    "booth": "A-001",
    "amount": 25000,
    "occurred_at": "2023-08-05T19:30:00+07:00",
}
_COUNT = {
    "client_uuid": "5d1c0e7a-2b1f-4a8e-8f0e-0c9d6f3b2a11",
    "gate": "Utara",
    "period_start": "2023-08-05T19:00:00+07:00",
    "period_end": "2023-08-05T19:15:00+07:00",
    "count": 10,
}

API_RULES: dict[str, Rule] = {
    "POST /api/events/{event_id}/sales": Rule(
        Perm.SALES_RECORD,
        method="post",
        kwargs=lambda w: {"event_id": w.event.pk},
        data={"items": [_SALE]},
        jember_object=True,
    ),
    "POST /api/events/{event_id}/visitors": Rule(
        Perm.VISITORS_RECORD,
        method="post",
        kwargs=lambda w: {"event_id": w.event.pk},
        data={"items": [_COUNT]},
        jember_object=True,
    ),
    "GET /api/events/{event_id}/progress": Rule(
        Perm.EVENTS_VIEW, kwargs=lambda w: {"event_id": w.event.pk}, jember_object=True
    ),
    "GET /api/accounts/me": Rule(LOGGED_IN),
    "GET /api/events": Rule(Perm.EVENTS_VIEW),
    # The booth list is what a cashier device chooses from, so recording sales is the right to read it.
    "GET /api/events/{event_id}/booths": Rule(
        Perm.SALES_RECORD, kwargs=lambda w: {"event_id": w.event.pk}, jember_object=True
    ),
    "GET /api/registry/enterprises": Rule(Perm.REGISTRY_VIEW),
    "POST /api/registry/enterprises": Rule(
        Perm.REGISTRY_EDIT, method="post", data={"region": "35.09", "name": "Kopi Rakyat"}, jember_object=True
    ),
    "GET /api/registry/enterprises/{enterprise_id}": Rule(
        Perm.REGISTRY_VIEW, kwargs=lambda w: {"enterprise_id": w.enterprise.pk}, jember_object=True
    ),
    "PATCH /api/registry/enterprises/{enterprise_id}": Rule(
        Perm.REGISTRY_EDIT,
        method="patch",
        kwargs=lambda w: {"enterprise_id": w.enterprise.pk},
        data={"brand": "Kopi Panti"},
        jember_object=True,
    ),
    "GET /api/registry/enterprises/{enterprise_id}/products": Rule(
        Perm.REGISTRY_VIEW, kwargs=lambda w: {"enterprise_id": w.enterprise.pk}, jember_object=True
    ),
    "POST /api/registry/enterprises/{enterprise_id}/products": Rule(
        Perm.REGISTRY_EDIT,
        method="post",
        kwargs=lambda w: {"enterprise_id": w.enterprise.pk},
        data={"name": "Kopi bubuk 250 g", "price": 35000},
        jember_object=True,
    ),
    "PATCH /api/registry/products/{product_id}": Rule(
        Perm.REGISTRY_EDIT,
        method="patch",
        kwargs=lambda w: {"product_id": w.product.pk},
        data={"price": 40000},
        jember_object=True,
    ),
    "DELETE /api/registry/products/{product_id}": Rule(
        Perm.REGISTRY_EDIT, method="delete", kwargs=lambda w: {"product_id": w.product.pk}, jember_object=True
    ),
    "POST /api/registry/imports/": Rule(Perm.REGISTRY_IMPORT, method="post"),
    "GET /api/registry/imports/{job_id}": Rule(
        Perm.REGISTRY_IMPORT, kwargs=lambda w: {"job_id": w.import_job.pk}, jember_object=True
    ),
    "GET /api/registry/imports/{job_id}/rows": Rule(
        Perm.REGISTRY_IMPORT, kwargs=lambda w: {"job_id": w.import_job.pk}, jember_object=True
    ),
    "POST /api/registry/imports/{job_id}/apply": Rule(
        Perm.REGISTRY_IMPORT,
        method="post",
        kwargs=lambda w: {"job_id": w.import_job.pk},
        data={"mode": "valid_only"},
        jember_object=True,
    ),
    "GET /api/cooperation/agreements": Rule(Perm.COOPERATION_VIEW),
    "POST /api/cooperation/agreements": Rule(
        Perm.COOPERATION_MANAGE,
        method="post",
        jember_object=True,
        data={
            "region": "35.09",
            "title": "Kesepakatan Bersama",
            "parties": [{"region": "35.09"}, {"region": "35.10"}],
        },
    ),
    "GET /api/cooperation/agreements/{agreement_id}": Rule(
        Perm.COOPERATION_VIEW,
        kwargs=lambda w: {"agreement_id": w.cooperation.agreement.pk},
        jember_object=True,
    ),
    "POST /api/cooperation/agreements/{agreement_id}/action-items": Rule(
        Perm.COOPERATION_MANAGE,
        method="post",
        kwargs=lambda w: {"agreement_id": w.cooperation.agreement.pk},
        data={"title": "Temu bisnis", "owner_region": "35.10", "due_date": "2027-01-31"},
        jember_object=True,
    ),
    "PATCH /api/cooperation/action-items/{action_item_id}": Rule(
        Perm.COOPERATION_MANAGE,
        method="patch",
        kwargs=lambda w: {"action_item_id": w.cooperation.action_item.pk},
        data={"progress": 50},
        jember_object=True,
    ),
    "GET /api/cooperation/partners/{code}/dashboard": Rule(
        Perm.COOPERATION_VIEW, kwargs=lambda w: {"code": w.cooperation.partner.code}, jember_object=True
    ),
    "GET /api/cooperation/notifications": Rule(LOGGED_IN),
    "GET /api/purchasing/agencies": Rule(Perm.PURCHASES_VIEW),
    "GET /api/purchasing/purchases": Rule(Perm.PURCHASES_VIEW),
    # An UMKM owner may record, but only its own enterprises' sales: refused with 422 on this one.
    "POST /api/purchasing/purchases": Rule(
        Perm.PURCHASES_RECORD,
        method="post",
        jember_object=True,
        data={
            "region": "35.09",
            "agency": "2.17.01",
            "enterprise_nib": "9120001234567",
            "purchased_on": "2023-08-05",
            "buyer_nip": NIP,
            "amount": 150000,
        },
    ),
    "GET /api/purchasing/commitment": Rule(Perm.PURCHASES_VIEW, data={"year": 2023}),
    "GET /api/purchasing/agencies/{agency_id}/commitment": Rule(
        Perm.PURCHASES_VIEW, kwargs=lambda w: {"agency_id": w.purchasing.agency.pk}, jember_object=True
    ),
    "GET /api/coaching/programmes": Rule(Perm.COACHING_VIEW),
    "POST /api/coaching/programmes": Rule(
        Perm.COACHING_MANAGE,
        method="post",
        jember_object=True,
        data={
            "region": "35.09",
            "name": "Kelas Foto Produk",
            "type": "digital_marketing",
            "starts_on": "2024-02-05",
        },
    ),
    "GET /api/coaching/programmes/{programme_id}": Rule(
        Perm.COACHING_VIEW, kwargs=lambda w: {"programme_id": w.coaching.programme.pk}, jember_object=True
    ),
    "PATCH /api/coaching/programmes/{programme_id}": Rule(
        Perm.COACHING_MANAGE,
        method="patch",
        kwargs=lambda w: {"programme_id": w.coaching.programme.pk},
        data={"partner": "BPJPH"},
        jember_object=True,
    ),
    "POST /api/coaching/programmes/{programme_id}/sessions": Rule(
        Perm.COACHING_MANAGE,
        method="post",
        kwargs=lambda w: {"programme_id": w.coaching.programme.pk},
        data={"title": "Klinik NIB", "held_on": "2024-03-12"},
        jember_object=True,
    ),
    "GET /api/coaching/programmes/{programme_id}/participants": Rule(
        Perm.COACHING_VIEW, kwargs=lambda w: {"programme_id": w.coaching.programme.pk}, jember_object=True
    ),
    # The body names no enterprise that exists: the refusal, or the 422, is what is tested.
    "POST /api/coaching/programmes/{programme_id}/participants": Rule(
        Perm.COACHING_MANAGE,
        method="post",
        kwargs=lambda w: {"programme_id": w.coaching.programme.pk},
        data={"enterprise_id": 0},
        jember_object=True,
    ),
    "POST /api/coaching/participants/{participant_id}/outcomes": Rule(
        Perm.COACHING_MANAGE,
        method="post",
        kwargs=lambda w: {"participant_id": w.coaching.participant.pk},
        data={"type": "credit_obtained", "achieved_on": "2024-04-02"},
        jember_object=True,
    ),
    "GET /api/coaching/outcomes": Rule(Perm.COACHING_VIEW),
    "GET /api/investment/projects": Rule(Perm.INVESTMENT_VIEW),
    "POST /api/investment/projects": Rule(
        Perm.INVESTMENT_MANAGE,
        method="post",
        jember_object=True,
        data={"region": "35.09", "title": "Pusat Perdagangan", "sector": "trade"},
    ),
    "GET /api/investment/projects/{project_id}": Rule(
        Perm.INVESTMENT_VIEW, kwargs=lambda w: {"project_id": w.investment.project.pk}, jember_object=True
    ),
    "PATCH /api/investment/projects/{project_id}": Rule(
        Perm.INVESTMENT_MANAGE,
        method="patch",
        kwargs=lambda w: {"project_id": w.investment.project.pk},
        data={"status": "in_negotiation"},
        jember_object=True,
    ),
    "GET /api/investment/investors": Rule(Perm.INVESTMENT_VIEW),
    "POST /api/investment/investors": Rule(
        Perm.INVESTMENT_MANAGE,
        method="post",
        data={"region": "35.09", "company": "PT Graha Niaga"},
        jember_object=True,
    ),
    "GET /api/investment/leads": Rule(Perm.INVESTMENT_VIEW),
    # The body names no project that exists; whoever may manage investment somewhere gets the 422.
    "POST /api/investment/leads": Rule(
        Perm.INVESTMENT_MANAGE, method="post", data={"investor_id": 0, "project_id": 0}
    ),
    "PATCH /api/investment/leads/{lead_id}": Rule(
        Perm.INVESTMENT_MANAGE,
        method="patch",
        kwargs=lambda w: {"lead_id": w.investment.lead.pk},
        data={"next_step": "Kunjungan lapangan"},
        jember_object=True,
    ),
    "POST /api/investment/leads/{lead_id}/stage": Rule(
        Perm.INVESTMENT_MANAGE,
        method="post",
        kwargs=lambda w: {"lead_id": w.investment.lead.pk},
        data={"stage": "meeting"},
        jember_object=True,
    ),
    "GET /api/investment/pipeline": Rule(Perm.INVESTMENT_VIEW),
    "GET /api/investment/gatherings": Rule(Perm.INVESTMENT_VIEW),
    "POST /api/investment/gatherings": Rule(
        Perm.INVESTMENT_MANAGE,
        method="post",
        jember_object=True,
        data={"region": "35.09", "name": "Forum 2021", "held_on": "2021-11-18", "place": "Jakarta"},
    ),
    "GET /api/investment/gatherings/{gathering_id}": Rule(
        Perm.INVESTMENT_VIEW, kwargs=lambda w: {"gathering_id": w.investment.gathering.pk}, jember_object=True
    ),
    "GET /api/indicators": Rule(Perm.INDICATORS_VIEW),
    "POST /api/indicators": Rule(
        Perm.INDICATORS_MANAGE,
        method="post",
        data={"region": "35.09", "name": "Jalan mantap", "unit": "km"},
        jember_object=True,
    ),
    # The list of computations is the same fixed list for everyone; it names no region's data.
    "GET /api/indicators/computations": Rule(LOGGED_IN),
    "GET /api/indicators/{indicator_id}": Rule(
        Perm.INDICATORS_VIEW, kwargs=lambda w: {"indicator_id": w.indicators.indicator.pk}, jember_object=True
    ),
    "PATCH /api/indicators/{indicator_id}": Rule(
        Perm.INDICATORS_MANAGE,
        method="patch",
        kwargs=lambda w: {"indicator_id": w.indicators.indicator.pk},
        data={"source": "Dinas PU"},
        jember_object=True,
    ),
    "POST /api/indicators/{indicator_id}/targets": Rule(
        Perm.INDICATORS_MANAGE,
        method="post",
        kwargs=lambda w: {"indicator_id": w.indicators.indicator.pk},
        data={"period_start": "2022-01-01", "period_end": "2022-12-31", "target": "100"},
        jember_object=True,
    ),
    "POST /api/indicators/{indicator_id}/realisations": Rule(
        Perm.INDICATORS_MANAGE,
        method="post",
        kwargs=lambda w: {"indicator_id": w.indicators.indicator.pk},
        data={"measured_on": "2021-06-30", "value": "230"},
        jember_object=True,
    ),
    # Open data: aggregates for anyone, no login and no token.
    "GET /api/public/datasets": Rule(ANYONE),
    "GET /api/public/datasets/{dataset}.json": Rule(ANYONE, kwargs=lambda w: {"dataset": "umkm-by-region"}),
    "GET /api/public/datasets/{dataset}.csv": Rule(ANYONE, kwargs=lambda w: {"dataset": "umkm-by-district"}),
}


def _page_routes(patterns=None, namespace: str | None = None) -> set[str]:
    names: set[str] = set()
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                names.add("admin:*")
                continue
            if entry.namespace == "api":
                continue
            inner = entry.namespace or namespace
            names |= _page_routes(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{namespace}:{entry.name}" if namespace else entry.name)
    return names


def _api_operations() -> set[str]:
    schema = api.get_openapi_schema(path_prefix="/api")
    return {f"{method.upper()} {path}" for path, item in schema["paths"].items() for method in item}


def test_every_route_has_a_rule():
    assert _page_routes() - PAGE_RULES.keys() == set()
    assert _api_operations() - API_RULES.keys() == set()


def test_no_rule_is_left_for_a_route_that_is_gone():
    assert PAGE_RULES.keys() - _page_routes() == set()
    assert API_RULES.keys() - _api_operations() == set()


def _expected(rule: Rule, caller: str) -> bool:
    if rule.access == ANYONE:
        return True
    if caller == "anonymous":
        return False
    if caller == "superuser":
        return True
    if rule.access == SUPERUSER:
        return False
    if rule.access == LOGGED_IN:
        return True
    region, role = caller.split(":")
    if rule.jember_object and region != "jember":
        return False
    return rule.access in permissions_of(role)


def _allowed(response, *, api_call: bool) -> bool:
    assert response.status_code < 500, f"server error {response.status_code}"
    assert response.status_code != 405, "the rule names the wrong method"
    if response.status_code in (401, 403, 404):
        return False
    location = response.headers.get("Location", "")
    return not (response.status_code in (301, 302) and "/login/" in location)


@pytest.fixture
def login_as(client, jember, sarolangun, member_of, django_user_model):
    def login(caller: str):
        if caller == "anonymous":
            return client
        if caller == "superuser":
            client.force_login(django_user_model.objects.create_superuser("root", "root@example.id", "x"))
            return client
        region_name, role = caller.split(":")
        client.force_login(member_of({"jember": jember, "sarolangun": sarolangun}[region_name], role))
        return client

    return login


def _url(name: str, rule: Rule, world: World) -> str:
    if name == "admin:*":
        return reverse("admin:index")
    return reverse(name, kwargs=rule.kwargs(world) if rule.kwargs else None)


@pytest.mark.django_db
@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("name", sorted(PAGE_RULES))
def test_page_access_follows_its_rule(name, caller, world, login_as):
    rule = PAGE_RULES[name]
    client = login_as(caller)
    response = getattr(client, rule.method)(_url(name, rule, world), rule.data)
    assert _allowed(response, api_call=False) == _expected(rule, caller)


@pytest.mark.django_db
@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("operation", sorted(API_RULES))
def test_api_access_follows_its_rule(operation, caller, world, login_as):
    rule = API_RULES[operation]
    method, path = operation.split(" ", 1)
    path = path.format(**(rule.kwargs(world) if rule.kwargs else {}))
    client = login_as(caller)
    response = getattr(client, method.lower())(path, rule.data or None, content_type="application/json")
    assert _allowed(response, api_call=True) == _expected(rule, caller)
