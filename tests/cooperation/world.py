"""Cooperation records for the permission matrix: Jember's agreement with Banyuwangi, in force.

Sarolangun has no agreement here, so its admin is the outsider the matrix expects to be refused.
Jember adopts a Banyuwangi practice, so that the adoption's writes belong to Jember.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile

from sahabat.accounts.actor import Actor
from sahabat.cooperation import services
from sahabat.cooperation.models import (
    ActionEvidence,
    ActionItem,
    Adoption,
    AdoptionMilestone,
    Agreement,
    AgreementDocument,
    MonitoringReport,
    Practice,
    PracticeDocument,
)
from sahabat.cooperation.selectors import cooperation_today
from sahabat.regions.models import Region

PARTNER_CODE = "35.10"
PDF = b"%PDF-1.4\n%%EOF\n"


@dataclass
class CooperationWorld:
    partner: Region
    agreement: Agreement
    document: AgreementDocument
    action_item: ActionItem
    evidence: ActionEvidence
    report: MonitoringReport
    practice: Practice
    practice_document: PracticeDocument
    partner_practice: Practice
    adoption: Adoption
    milestone: AdoptionMilestone


def cooperation_world(*, jember: Region) -> CooperationWorld:
    system = Actor.system()
    today = cooperation_today()
    partner = Region.objects.get(code=PARTNER_CODE)
    agreement = services.agreement_create(
        actor=system,
        region=jember,
        parties=[
            services.PartyData(jember, "1/2026", "Bupati Jember", "Bupati"),
            services.PartyData(partner, "2/2026", "Bupati Banyuwangi", "Bupati"),
        ],
        title="Kesepakatan Bersama Jember–Banyuwangi",
        signed_on=today - timedelta(days=30),
        valid_from=today - timedelta(days=30),
        valid_until=today + timedelta(days=700),
    )
    services.agreement_sign(actor=system, agreement_id=agreement.pk, signed_on=agreement.signed_on)
    action_item = services.action_item_create(
        actor=system,
        agreement_id=agreement.pk,
        title="Temu bisnis UMKM",
        owner_region=jember,
        due_date=today + timedelta(days=30),
    )
    practice = services.practice_save(
        actor=system, region=jember, title="Belanja ASN pada UMKM", goal="Omzet"
    )
    partner_practice = services.practice_save(
        actor=system, region=partner, title="Banyuwangi Festival", goal="Iven"
    )
    adoption = services.adoption_create(
        actor=system,
        region=jember,
        practice_id=partner_practice.pk,
        agreement_id=agreement.pk,
        started_on=today,
        goal="Iven UMKM Jember",
    )
    return CooperationWorld(
        partner=partner,
        agreement=agreement,
        document=services.agreement_document_add(
            actor=system, agreement_id=agreement.pk, title="Naskah", file=SimpleUploadedFile("mou.pdf", PDF)
        ),
        action_item=action_item,
        evidence=services.action_evidence_add(
            actor=system,
            action_item_id=action_item.pk,
            caption="Undangan",
            file=SimpleUploadedFile("u.pdf", PDF),
        ),
        report=services.report_create(
            actor=system, agreement_id=agreement.pk, region=jember, year=today.year, half=1
        ),
        practice=practice,
        practice_document=services.practice_document_add(
            actor=system, practice_id=practice.pk, title="Panduan", file=SimpleUploadedFile("p.pdf", PDF)
        ),
        partner_practice=partner_practice,
        adoption=adoption,
        milestone=services.milestone_add(
            actor=system, adoption_id=adoption.pk, title="Iven pertama", due_date=today + timedelta(days=60)
        ),
    )
