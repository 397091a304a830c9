from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _can_review(request) -> bool:
    from sahabat.accounts.permissions import Perm

    region = request.region if request.user.is_authenticated else None
    return region is not None and request.actor.has_perm(Perm.DEDUPE_REVIEW, region.pk)


class DedupeConfig(AppConfig):
    name = "sahabat.dedupe"
    label = "dedupe"
    verbose_name = _("Duplicate records")

    def ready(self):
        from auditlog.registry import auditlog

        from sahabat.core.navigation import MenuItem, register
        from sahabat.dedupe.models import CandidateGroup, Merge, PairDecision

        auditlog.register(Merge, m2m_fields={"sources"})
        auditlog.register(PairDecision)
        auditlog.register(CandidateGroup, include_fields=["status", "decided_by", "merge"])
        register(MenuItem(_("Duplicates"), "dedupe:group_list", visible=_can_review, order=150))
