"""Writes: the refusals the issue names (clear message, nothing written), signing, terminating,
documents, the action plan, monitoring reports, practices and adoptions."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Role
from sahabat.cooperation import services
from sahabat.cooperation.models import (
    ActionItem,
    Adoption,
    Agreement,
    AgreementDocument,
    AgreementParty,
    Lifecycle,
    MonitoringReport,
)
from sahabat.core.errors import DomainError, NotFound, PermissionDenied
from sahabat.regions.models import Region
from tests.cooperation.conftest import PDF_BYTES, PNG_BYTES, pdf_upload


def parties(*regions):
    return [services.PartyData(region, "1/2023", "Bupati", "Bupati") for region in regions]


def refusal(call) -> str:
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value.errors[0].code


# Bad input: clear messages, nothing written -------------------------------------------------


def test_an_end_date_before_the_start_is_refused_and_nothing_is_written(system, jember, sarolangun, today):
    code = refusal(
        lambda: services.agreement_create(
            actor=system,
            region=jember,
            parties=parties(jember, sarolangun),
            title="MoU UMKM",
            valid_from=today,
            valid_until=today - timedelta(days=1),
        )
    )
    assert code == "agreement.validity_order"
    assert not Agreement.unscoped.exists() and not AgreementParty.unscoped.exists()


def test_the_end_date_message_names_both_dates(system, jember, sarolangun, today):
    with pytest.raises(DomainError) as caught:
        services.agreement_create(
            actor=system,
            region=jember,
            parties=parties(jember, sarolangun),
            title="MoU",
            valid_from=today.replace(month=8, day=5),
            valid_until=today.replace(month=8, day=4),
        )
    assert caught.value.errors[0].field == "valid_until"
    assert f"4 Agustus {today.year}" in caught.value.errors[0].message


def test_a_pks_without_its_mou_is_refused_and_nothing_is_written(system, jember, sarolangun):
    code = refusal(
        lambda: services.agreement_create(
            actor=system,
            region=jember,
            parties=parties(jember, sarolangun),
            title="PKS",
            type=Agreement.Type.PKS,
        )
    )
    assert code == "agreement.pks_needs_mou"
    assert not Agreement.unscoped.exists()


def test_a_pks_cannot_carry_out_another_pks(system, mou, jember, sarolangun):
    pks = services.agreement_create(
        actor=system,
        region=jember,
        parties=parties(jember, sarolangun),
        title="PKS 1",
        type="pks",
        parent=mou,
    )
    code = refusal(
        lambda: services.agreement_create(
            actor=system,
            region=jember,
            parties=parties(jember, sarolangun),
            title="PKS 2",
            type="pks",
            parent=pks,
        )
    )
    assert code == "agreement.parent_not_mou"


def test_a_pks_party_must_have_signed_its_mou(system, mou, jember, banyuwangi):
    code = refusal(
        lambda: services.agreement_create(
            actor=system,
            region=jember,
            parties=parties(jember, banyuwangi),
            title="PKS",
            type="pks",
            parent=mou,
        )
    )
    assert code == "agreement.pks_party_outside_mou"


def test_a_pks_cannot_run_past_its_mou(system, mou, jember, sarolangun):
    code = refusal(
        lambda: services.agreement_create(
            actor=system,
            region=jember,
            parties=parties(jember, sarolangun),
            title="PKS",
            type="pks",
            parent=mou,
            valid_from=mou.valid_from,
            valid_until=mou.valid_until + timedelta(days=1),
        )
    )
    assert code == "agreement.pks_outlasts_mou"


def test_a_province_cannot_be_a_party_and_nothing_is_written(system, jember):
    east_java = Region.objects.get(code="35")
    with pytest.raises(DomainError) as caught:
        services.agreement_create(
            actor=system, region=jember, parties=parties(jember, east_java), title="MoU"
        )
    assert caught.value.errors[0].code == "agreement.party_not_tenant"
    assert east_java.name in caught.value.errors[0].message
    assert not Agreement.unscoped.exists()


def test_a_district_cannot_be_a_party(system, jember):
    sumbersari = Region.objects.get(code="35.09.21")
    code = refusal(
        lambda: services.agreement_create(
            actor=system, region=jember, parties=parties(jember, sumbersari), title="MoU"
        )
    )
    assert code == "agreement.party_not_tenant"


def test_an_agreement_needs_a_second_party(system, jember):
    assert (
        refusal(
            lambda: services.agreement_create(
                actor=system, region=jember, parties=parties(jember), title="MoU"
            )
        )
        == "agreement.too_few_parties"
    )


def test_the_drafting_region_must_be_a_party(system, jember, sarolangun, banyuwangi):
    assert (
        refusal(
            lambda: services.agreement_create(
                actor=system, region=jember, parties=parties(sarolangun, banyuwangi), title="MoU"
            )
        )
        == "agreement.not_a_party"
    )


def test_an_action_item_for_a_region_that_is_not_a_party_is_refused_and_nothing_is_written(
    system, mou, banyuwangi, today
):
    with pytest.raises(DomainError) as caught:
        services.action_item_create(
            actor=system, agreement_id=mou.pk, title="Kunjungan", owner_region=banyuwangi, due_date=today
        )
    assert caught.value.errors[0].code == "action.owner_not_party"
    assert caught.value.errors[0].field == "owner_region"
    assert banyuwangi.name in caught.value.errors[0].message
    assert not ActionItem.unscoped.exists()


def test_an_officer_cannot_draft_for_a_region_it_does_not_work_in(sarolangun_officer, jember, sarolangun):
    with pytest.raises(PermissionDenied):
        services.agreement_create(
            actor=Actor.for_user(sarolangun_officer),
            region=jember,
            parties=parties(jember, sarolangun),
            title="MoU",
        )


# Signing and terminating --------------------------------------------------------------------


def test_signing_needs_each_partys_number_and_signatory(system, jember, sarolangun, today):
    agreement = services.agreement_create(
        actor=system,
        region=jember,
        title="MoU",
        valid_from=today,
        valid_until=today + timedelta(days=365),
        parties=[services.PartyData(jember, "1/2023", "Bupati", "Bupati"), services.PartyData(sarolangun)],
    )
    with pytest.raises(DomainError) as caught:
        services.agreement_sign(actor=system, agreement_id=agreement.pk, signed_on=today)
    assert [error.code for error in caught.value.errors] == ["agreement.party_incomplete"]
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.DRAFT


def test_a_signed_agreement_within_its_dates_is_active(mou, today):
    assert mou.lifecycle(today) == Lifecycle.ACTIVE


def test_terminating_ends_the_agreement(system, mou, today):
    services.agreement_terminate(
        actor=system, agreement_id=mou.pk, terminated_on=today, reason="Disepakati bersama"
    )
    mou.refresh_from_db()
    assert mou.lifecycle(today) == Lifecycle.TERMINATED


def test_terminating_needs_a_reason(system, mou, today):
    assert (
        refusal(
            lambda: services.agreement_terminate(
                actor=system, agreement_id=mou.pk, terminated_on=today, reason=" "
            )
        )
        == "agreement.reason_required"
    )


def test_a_party_from_the_other_region_may_edit_the_shared_agreement(mou, sarolangun_officer):
    services.agreement_update(
        actor=Actor.for_user(sarolangun_officer), agreement_id=mou.pk, funding_source="APBD"
    )
    mou.refresh_from_db()
    assert mou.funding_source == "APBD"


def test_a_region_that_is_not_a_party_does_not_see_the_agreement(mou, banyuwangi, member_of):
    outsider = Actor.for_user(member_of(banyuwangi, Role.REGION_ADMIN))
    with pytest.raises(NotFound):
        services.agreement_update(actor=outsider, agreement_id=mou.pk, funding_source="APBD")


# Documents ----------------------------------------------------------------------------------


def test_a_pdf_is_stored_under_a_generated_name(system, mou):
    document = services.agreement_document_add(
        actor=system, agreement_id=mou.pk, title="Naskah MoU", file=pdf_upload("naskah MoU asli.pdf")
    )
    assert document.file.name.startswith("agreements/") and "naskah" not in document.file.name
    assert document.size == len(PDF_BYTES)


def test_a_file_named_pdf_that_is_not_a_pdf_is_refused(system, mou):
    fake = SimpleUploadedFile("mou.pdf", PNG_BYTES, content_type="application/pdf")
    assert refusal(
        lambda: services.agreement_document_add(actor=system, agreement_id=mou.pk, title="x", file=fake)
    ) == ("document.wrong_type")
    assert not AgreementDocument.unscoped.exists()


def test_a_pdf_over_20_mb_is_refused(system, mou):
    big = pdf_upload(content=PDF_BYTES + b"\0" * (20 * 1024 * 1024))
    assert refusal(
        lambda: services.agreement_document_add(actor=system, agreement_id=mou.pk, title="x", file=big)
    ) == ("document.too_large")


# Action plan --------------------------------------------------------------------------------


@pytest.fixture
def visit(system, mou, sarolangun, today):
    return services.action_item_create(
        actor=system,
        agreement_id=mou.pk,
        title="Studi tiru ke Jember",
        owner_region=sarolangun,
        due_date=today + timedelta(days=10),
    )


def test_a_done_item_is_complete(system, visit):
    item = services.action_item_update(actor=system, action_item_id=visit.pk, status=ActionItem.Status.DONE)
    assert (item.progress, item.completed_on is not None) == (100, True)


def test_only_the_responsible_region_updates_an_item(visit, jember_officer):
    with pytest.raises(PermissionDenied):
        services.action_item_update(
            actor=Actor.for_user(jember_officer), action_item_id=visit.pk, progress=50
        )


def test_progress_above_100_is_refused(system, visit):
    assert refusal(
        lambda: services.action_item_update(actor=system, action_item_id=visit.pk, progress=101)
    ) == ("action.progress_range")


def test_evidence_is_a_file_or_a_link(system, visit):
    assert refusal(
        lambda: services.action_evidence_add(actor=system, action_item_id=visit.pk, caption="Foto")
    ) == ("evidence.file_or_link")


def test_a_photo_is_accepted_as_evidence(system, visit):
    photo = SimpleUploadedFile("foto.png", PNG_BYTES, content_type="image/png")
    evidence = services.action_evidence_add(actor=system, action_item_id=visit.pk, caption="Foto", file=photo)
    assert evidence.file.name.startswith("evidence/")


def test_a_link_must_be_a_web_address(system, visit):
    assert (
        refusal(
            lambda: services.action_evidence_add(
                actor=system, action_item_id=visit.pk, caption="Berita", url="javascript:alert(1)"
            )
        )
        == "evidence.bad_link"
    )


def test_the_partner_may_comment_on_an_item(visit, jember, jember_officer):
    comment = services.action_comment_add(
        actor=Actor.for_user(jember_officer),
        action_item_id=visit.pk,
        region=jember,
        text="Siap menerima tim.",
    )
    assert comment.region == jember


# Monitoring reports -------------------------------------------------------------------------


def test_a_period_has_one_report(system, mou, jember):
    services.report_create(actor=system, agreement_id=mou.pk, region=jember, year=2026, half=1)
    assert (
        refusal(
            lambda: services.report_create(
                actor=system, agreement_id=mou.pk, region=jember, year=2026, half=1
            )
        )
        == "report.exists"
    )


def test_finalising_needs_findings_and_recommendations(system, mou, jember):
    report = services.report_create(actor=system, agreement_id=mou.pk, region=jember, year=2026, half=1)
    assert refusal(lambda: services.report_finalise(actor=system, report_id=report.pk)) == "report.incomplete"


def test_a_final_report_keeps_the_figures_of_its_finalisation(system, mou, jember):
    from tests.registry.factories import EnterpriseFactory

    EnterpriseFactory(region=jember, owner=None)
    report = services.report_create(
        actor=system,
        agreement_id=mou.pk,
        region=jember,
        year=2026,
        half=1,
        findings="Baik",
        recommendations="Lanjut",
    )
    services.report_finalise(actor=system, report_id=report.pk)
    EnterpriseFactory(region=jember, owner=None)
    report.refresh_from_db()
    register = next(row for row in report.snapshot["rows"] if row["key"] == "register_total")
    assert register["values"][0] == 1


def test_a_final_report_cannot_be_changed(system, mou, jember):
    report = services.report_create(
        actor=system,
        agreement_id=mou.pk,
        region=jember,
        year=2026,
        half=1,
        findings="Baik",
        recommendations="Lanjut",
    )
    services.report_finalise(actor=system, report_id=report.pk)
    assert (
        refusal(
            lambda: services.report_update(
                actor=system, report_id=report.pk, findings="x", recommendations="y"
            )
        )
        == "report.final"
    )
    assert MonitoringReport.unscoped.get().findings == "Baik"


# Good practices and adoption ----------------------------------------------------------------


@pytest.fixture
def practice(system, jember):
    return services.practice_save(
        actor=system, region=jember, title="Belanja ASN pada UMKM", goal="Omzet UMKM naik"
    )


def test_a_partner_adopts_a_shared_practice_under_their_agreement(
    practice, mou, sarolangun, sarolangun_officer, today
):
    adoption = services.adoption_create(
        actor=Actor.for_user(sarolangun_officer),
        region=sarolangun,
        practice_id=practice.pk,
        agreement_id=mou.pk,
        started_on=today,
        goal="Menerapkan di Sarolangun",
    )
    assert (adoption.region, adoption.practice) == (sarolangun, practice)


def test_a_region_cannot_adopt_its_own_practice(practice, mou, jember, jember_officer, today):
    assert (
        refusal(
            lambda: services.adoption_create(
                actor=Actor.for_user(jember_officer),
                region=jember,
                practice_id=practice.pk,
                agreement_id=mou.pk,
                started_on=today,
                goal="x",
            )
        )
        == "adoption.own_practice"
    )


def test_without_an_agreement_in_force_the_practice_is_not_shared(
    practice, expired_mou, sarolangun, sarolangun_officer, today
):
    with pytest.raises(NotFound):
        services.adoption_create(
            actor=Actor.for_user(sarolangun_officer),
            region=sarolangun,
            practice_id=practice.pk,
            agreement_id=expired_mou.pk,
            started_on=today,
            goal="x",
        )
    assert not Adoption.unscoped.exists()


def test_a_milestone_cannot_fall_before_the_adoption_starts(system, practice, mou, sarolangun, today):
    adoption = services.adoption_create(
        actor=system,
        region=sarolangun,
        practice_id=practice.pk,
        agreement_id=mou.pk,
        started_on=today,
        goal="x",
    )
    assert (
        refusal(
            lambda: services.milestone_add(
                actor=system, adoption_id=adoption.pk, title="Awal", due_date=today - timedelta(days=1)
            )
        )
        == "milestone.before_start"
    )


def test_a_pdf_named_html_is_stored_as_a_pdf(system, mou):
    document = services.agreement_document_add(
        actor=system, agreement_id=mou.pk, title="", file=pdf_upload("naskah.html")
    )
    assert document.file.name.endswith(".pdf") and document.title == "naskah.html"
