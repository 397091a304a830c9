from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from sahabat.core.errors import DomainError, NotFound, PermissionDenied
from sahabat.investment import services
from sahabat.investment.models import InvestmentProject, Lead, LeadStage, ProjectDocument
from tests.investment.factories import MILIAR, GatheringFactory, InvestorFactory, LeadFactory, ProjectFactory
from tests.registry.factories import SAROLANGUN_DISTRICT, region

pytestmark = pytest.mark.django_db

PROJECT = {"title": "Pusat Perdagangan Jember", "sector": "trade", "value": 250 * MILIAR, "scheme": "ppp"}


def _code(call) -> tuple[str, str | None]:
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value.errors[0].code, caught.value.errors[0].field


def _pdf(size: int = 0) -> SimpleUploadedFile:
    return SimpleUploadedFile("studi.pdf", b"%PDF-1.7\n" + b"0" * size, content_type="application/pdf")


def _png() -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, format="PNG")
    return SimpleUploadedFile("papuma.png", buffer.getvalue(), content_type="image/png")


# Projects


def test_officer_offers_a_project(officer, jember):
    project = services.project_create(actor=officer, region=jember, **PROJECT)
    assert (project.status, project.region, project.value) == ("idea", jember, 250 * MILIAR)


def test_project_needs_a_title(officer, jember):
    assert _code(
        lambda: services.project_create(actor=officer, region=jember, **{**PROJECT, "title": ""})
    ) == (
        "project.title_required",
        "title",
    )


def test_project_refuses_an_unknown_scheme(officer, jember):
    assert _code(
        lambda: services.project_create(actor=officer, region=jember, **{**PROJECT, "scheme": "loan"})
    ) == (
        "project.scheme",
        "scheme",
    )


def test_project_refuses_a_district_of_another_regency(officer, jember):
    values = {**PROJECT, "district": region(SAROLANGUN_DISTRICT)}
    assert _code(lambda: services.project_create(actor=officer, region=jember, **values)) == (
        "project.district",
        "district",
    )


def test_project_contact_phone_is_normalised(officer, jember):
    project = services.project_create(actor=officer, region=jember, contact_phone="(0331) 123456", **PROJECT)
    assert project.contact_phone == "+62331123456"


def test_project_refuses_a_bad_contact_email(officer, jember):
    values = {**PROJECT, "contact_email": "dpmptsp@"}
    assert _code(lambda: services.project_create(actor=officer, region=jember, **values)) == (
        "project.contact_email",
        "contact_email",
    )


def test_viewer_cannot_offer_a_project(viewer, jember):
    with pytest.raises(PermissionDenied):
        services.project_create(actor=viewer, region=jember, **PROJECT)


def test_project_of_another_region_is_unknown_to_the_officer(officer, sarolangun):
    project = ProjectFactory(region=sarolangun)
    with pytest.raises(NotFound):
        services.project_update(actor=officer, project_id=project.pk, title="Diambil alih")


def test_project_with_leads_is_kept(officer, lead):
    assert _code(lambda: services.project_delete(actor=officer, project_id=lead.project_id)) == (
        "project.has_leads",
        None,
    )


def test_project_without_leads_is_deleted(officer, project):
    services.project_delete(actor=officer, project_id=project.pk)
    assert not InvestmentProject.unscoped.exists()


# Documents and photos


def test_pdf_document_is_attached_with_its_size(officer, project):
    document = services.document_add(actor=officer, project_id=project.pk, file=_pdf(100), title="Prastudi")
    assert (document.title, document.size) == ("Prastudi", 109)


def test_document_without_a_title_takes_the_file_name(officer, project):
    assert services.document_add(actor=officer, project_id=project.pk, file=_pdf()).title == "studi"


def test_a_file_named_pdf_that_is_not_one_is_refused(officer, project):
    fake = SimpleUploadedFile("studi.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    assert _code(lambda: services.document_add(actor=officer, project_id=project.pk, file=fake)) == (
        "document.wrong_type",
        "file",
    )


def test_document_over_20_mb_is_refused(officer, project, monkeypatch):
    monkeypatch.setattr(services, "DOCUMENT_MAX_BYTES", 50)
    assert _code(lambda: services.document_add(actor=officer, project_id=project.pk, file=_pdf(100))) == (
        "document.too_large",
        "file",
    )


def test_photo_is_attached(officer, project):
    photo = services.photo_add(actor=officer, project_id=project.pk, image=_png(), caption="Tanjung Papuma")
    assert photo.caption == "Tanjung Papuma"


def test_a_pdf_is_not_a_photo(officer, project):
    assert _code(lambda: services.photo_add(actor=officer, project_id=project.pk, image=_pdf())) == (
        "photo.wrong_type",
        "image",
    )


def test_photo_over_5_mb_is_refused(officer, project, monkeypatch):
    monkeypatch.setattr(services, "PHOTO_MAX_BYTES", 10)
    assert _code(lambda: services.photo_add(actor=officer, project_id=project.pk, image=_png())) == (
        "photo.too_large",
        "image",
    )


def test_removing_a_document_deletes_the_row(officer, project, django_capture_on_commit_callbacks):
    document = services.document_add(actor=officer, project_id=project.pk, file=_pdf())
    with django_capture_on_commit_callbacks(execute=True):
        services.document_remove(actor=officer, document_id=document.pk)
    assert not ProjectDocument.unscoped.exists()


# Investors and gatherings


def test_investor_company_is_unique_in_the_region_whatever_the_case(officer, jember, investor):
    assert _code(
        lambda: services.investor_create(actor=officer, region=jember, company=investor.company.upper())
    ) == ("investor.exists", "company")


def test_investor_without_a_country_comes_from_indonesia(officer, jember):
    investor = services.investor_create(
        actor=officer, region=jember, company="PT Graha Niaga", origin_country=""
    )
    assert investor.origin_country == "Indonesia"


def test_gathering_invites_investors_of_the_region(officer, jember, investor):
    gathering = services.gathering_create(
        actor=officer,
        region=jember,
        name="Forum 2021",
        held_on="2021-11-18",
        place="Jakarta",
        invitee_ids=[investor.pk],
    )
    assert list(gathering.invitees.all()) == [investor]


def test_gathering_cannot_invite_another_region_investor(officer, jember, sarolangun):
    guest = InvestorFactory(region=sarolangun)
    assert _code(
        lambda: services.gathering_create(
            actor=officer,
            region=jember,
            name="Forum",
            held_on="2021-11-18",
            place="Jakarta",
            invitee_ids=[guest.pk],
        )
    ) == ("gathering.investor_unknown", "invitees")


def test_gathering_needs_a_place(officer, jember):
    assert _code(
        lambda: services.gathering_create(
            actor=officer, region=jember, name="Forum", held_on="2021-11-18", place=" "
        )
    ) == ("gathering.place_required", "place")


# Leads


def test_lead_joins_an_investor_and_a_project_of_the_region(officer, project, investor):
    lead = services.lead_create(
        actor=officer, investor_id=investor.pk, project_id=project.pk, value=75 * MILIAR
    )
    assert (lead.region_id, lead.stage, lead.furthest_stage) == (project.region_id, "inquiry", "inquiry")


def test_lead_may_start_further_along(officer, project, investor):
    lead = services.lead_create(
        actor=officer, investor_id=investor.pk, project_id=project.pk, stage="meeting"
    )
    assert lead.furthest_stage == "meeting"


def test_lead_cannot_start_lost(officer, project, investor):
    assert _code(
        lambda: services.lead_create(
            actor=officer, investor_id=investor.pk, project_id=project.pk, stage="lost"
        )
    ) == ("lead.start_stage", "stage")


def test_lead_refuses_an_investor_of_another_region(officer, project, sarolangun):
    guest = InvestorFactory(region=sarolangun)
    assert _code(
        lambda: services.lead_create(actor=officer, investor_id=guest.pk, project_id=project.pk)
    ) == ("lead.investor_unknown", "investor")


def test_lead_refuses_a_gathering_of_another_region(officer, project, investor, sarolangun):
    gathering = GatheringFactory(region=sarolangun)
    assert _code(
        lambda: services.lead_create(
            actor=officer, investor_id=investor.pk, project_id=project.pk, gathering_id=gathering.pk
        )
    ) == ("lead.gathering_unknown", "gathering")


def test_moving_forward_records_the_furthest_stage(officer, lead):
    services.lead_move(actor=officer, lead_id=lead.pk, stage=LeadStage.LOI)
    moved = services.lead_move(actor=officer, lead_id=lead.pk, stage=LeadStage.MEETING)
    assert (moved.stage, moved.furthest_stage) == ("meeting", "loi")


def test_lost_needs_a_reason(officer, lead):
    assert _code(
        lambda: services.lead_move(actor=officer, lead_id=lead.pk, stage=LeadStage.LOST, reason=" ")
    ) == (
        "lead.lost_reason_required",
        "reason",
    )


def test_lost_lead_keeps_its_reason_and_how_far_it_got(officer, lead):
    services.lead_move(actor=officer, lead_id=lead.pk, stage=LeadStage.MEETING)
    lost = services.lead_move(actor=officer, lead_id=lead.pk, stage=LeadStage.LOST, reason="Memilih Surabaya")
    assert (lost.stage, lost.furthest_stage, lost.lost_reason) == ("lost", "meeting", "Memilih Surabaya")


def test_reopening_a_lost_lead_clears_the_reason(officer, lead):
    services.lead_move(actor=officer, lead_id=lead.pk, stage=LeadStage.LOST, reason="Tidak menjawab")
    assert services.lead_move(actor=officer, lead_id=lead.pk, stage=LeadStage.MEETING).lost_reason == ""


def test_realised_lead_never_moves_back(officer, lead):
    services.lead_move(actor=officer, lead_id=lead.pk, stage=LeadStage.REALISED)
    for stage in (LeadStage.AGREEMENT, LeadStage.LOST):
        with pytest.raises(DomainError) as caught:
            services.lead_move(actor=officer, lead_id=lead.pk, stage=stage, reason="Batal")
        assert (caught.value.errors[0].code, caught.value.status) == ("lead.realised_final", 409)


def test_realised_needs_a_value(officer, project, investor):
    lead = LeadFactory(project=project, investor=investor, value=0)
    assert _code(lambda: services.lead_move(actor=officer, lead_id=lead.pk, stage=LeadStage.REALISED)) == (
        "lead.realised_needs_value",
        "value",
    )


def test_moving_to_the_same_stage_changes_nothing(officer, lead):
    before = Lead.unscoped.get(pk=lead.pk).stage_changed_at
    services.lead_move(actor=officer, lead_id=lead.pk, stage=LeadStage.INQUIRY)
    assert Lead.unscoped.get(pk=lead.pk).stage_changed_at == before


def test_unknown_stage_is_refused(officer, lead):
    assert _code(lambda: services.lead_move(actor=officer, lead_id=lead.pk, stage="signed")) == (
        "lead.stage",
        "stage",
    )


def test_viewer_cannot_move_a_lead(viewer, lead):
    with pytest.raises(PermissionDenied):
        services.lead_move(actor=viewer, lead_id=lead.pk, stage=LeadStage.MEETING)


def test_lead_update_refuses_removing_the_value_of_a_realised_lead(officer, lead):
    services.lead_move(actor=officer, lead_id=lead.pk, stage=LeadStage.REALISED)
    assert _code(lambda: services.lead_update(actor=officer, lead_id=lead.pk, value=0)) == (
        "lead.realised_needs_value",
        "value",
    )
