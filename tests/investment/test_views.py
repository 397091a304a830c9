from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from sahabat.investment.models import (
    InvestmentProject,
    Investor,
    InvestorGathering,
    Lead,
    ProjectDocument,
    ProjectPhoto,
)
from tests.investment.factories import MILIAR, GatheringFactory, LeadFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_empty_project_list_invites_to_offer_one(officer_client):
    assert (
        "Belum ada proyek investasi"
        in officer_client.get(reverse("investment:project_list")).content.decode()
    )


def test_project_list_shows_value_compact(officer_client, project):
    content = officer_client.get(reverse("investment:project_list")).content.decode()
    assert project.title in content and "Rp350 miliar" in content


def test_project_list_filters_by_status(officer_client, jember):
    ProjectFactory(region=jember, title="Gagasan", status="idea")
    ProjectFactory(region=jember, title="Siap", status="ready_to_offer")
    response = officer_client.get(reverse("investment:project_list"), {"status": "idea"})
    assert [p.title for p in response.context["page_obj"]] == ["Gagasan"]


def test_officer_offers_a_project_typed_in_miliar(officer_client):
    response = officer_client.post(
        reverse("investment:project_create"),
        {
            "title": "Pusat Perdagangan",
            "sector": "trade",
            "value": "250 M",
            "scheme": "ppp",
            "status": "idea",
        },
    )
    project = InvestmentProject.unscoped.get()
    assert (response.url, project.value) == (
        reverse("investment:project_detail", args=[project.pk]),
        250 * MILIAR,
    )


def test_project_form_shows_the_phone_error_beside_the_field(officer_client):
    response = officer_client.post(
        reverse("investment:project_create"),
        {
            "title": "Pusat",
            "sector": "trade",
            "value": "1 M",
            "scheme": "ppp",
            "status": "idea",
            "contact_phone": "12",
        },
    )
    assert response.context["form"].errors["contact_phone"]


def test_viewer_sees_the_project_without_forms(viewer_client, project):
    content = viewer_client.get(reverse("investment:project_detail", args=[project.pk])).content.decode()
    assert project.title in content
    assert reverse("investment:document_add", args=[project.pk]) not in content


def test_document_upload_refuses_a_fake_pdf_beside_the_field(officer_client, project):
    fake = SimpleUploadedFile("studi.pdf", b"not a pdf", content_type="application/pdf")
    response = officer_client.post(reverse("investment:document_add", args=[project.pk]), {"file": fake})
    assert response.context["document_form"].errors["file"] == [
        "Jenis berkas yang diterima: PDF. Berkas ini bukan salah satunya."
    ]


def test_document_upload_adds_the_pdf(officer_client, project):
    pdf = SimpleUploadedFile("prastudi.pdf", b"%PDF-1.7 ...", content_type="application/pdf")
    officer_client.post(
        reverse("investment:document_add", args=[project.pk]), {"file": pdf, "title": "Prastudi"}
    )
    assert ProjectDocument.unscoped.get().title == "Prastudi"


def test_photo_upload_adds_the_photo(officer_client, project):
    buffer = BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, format="JPEG")
    photo = SimpleUploadedFile("papuma.jpg", buffer.getvalue(), content_type="image/jpeg")
    officer_client.post(reverse("investment:photo_add", args=[project.pk]), {"image": photo})
    assert ProjectPhoto.unscoped.count() == 1


def test_project_with_leads_cannot_be_deleted_and_says_why(officer_client, lead):
    response = officer_client.post(reverse("investment:project_delete", args=[lead.project_id]), follow=True)
    assert InvestmentProject.unscoped.exists()
    assert _messages(response) == [
        "Ada prospek investor pada proyek ini; proyek tidak dapat dihapus. Ubah saja statusnya."
    ]


def test_delete_page_asks_before_deleting(officer_client, project):
    page = officer_client.get(reverse("investment:project_delete", args=[project.pk]))
    assert "tidak dapat dibatalkan" in page.content.decode()
    officer_client.post(reverse("investment:project_delete", args=[project.pk]))
    assert not InvestmentProject.unscoped.exists()


def test_project_of_another_region_answers_404(officer_client, sarolangun):
    project = ProjectFactory(region=sarolangun)
    assert officer_client.get(reverse("investment:project_detail", args=[project.pk])).status_code == 404


def test_pipeline_shows_columns_and_the_conversion(officer_client, lead):
    content = officer_client.get(reverse("investment:pipeline")).content.decode()
    assert all(
        label in content for label in ("Penjajakan", "Pertemuan", "Surat minat (LOI)", "Terealisasi", "Gagal")
    )
    assert lead.investor.company in content


def test_moving_a_lead_with_htmx_returns_the_board(officer_client, lead):
    response = officer_client.post(
        reverse("investment:lead_move", args=[lead.pk]),
        {"stage": "meeting", "return_query": ""},
        headers={"HX-Request": "true"},
    )
    assert response.templates[0].name == "investment/_board.html"
    assert Lead.unscoped.get().stage == "meeting"


def test_losing_a_lead_without_a_reason_shows_the_error_on_its_card(officer_client, lead):
    response = officer_client.post(
        reverse("investment:lead_move", args=[lead.pk]),
        {"stage": "lost", "return_query": ""},
        headers={"HX-Request": "true"},
    )
    assert response.context["error"] == {"lead_id": lead.pk, "message": "Sebutkan alasan prospek gagal."}
    assert Lead.unscoped.get().stage == "inquiry"


def test_moving_without_javascript_redirects_to_the_board_with_its_filters(officer_client, lead):
    response = officer_client.post(
        reverse("investment:lead_move", args=[lead.pk]), {"stage": "meeting", "return_query": "q=papuma"}
    )
    assert response.url == reverse("investment:pipeline") + "?q=papuma"


def test_viewer_cannot_move_a_lead(viewer_client, lead):
    response = viewer_client.post(reverse("investment:lead_move", args=[lead.pk]), {"stage": "meeting"})
    assert response.status_code == 403


def test_new_lead_form_prefills_the_project(officer_client, project):
    response = officer_client.get(reverse("investment:lead_create"), {"project": project.pk})
    assert response.context["form"].initial == {"project": str(project.pk)}


def test_lead_is_added_from_the_form(officer_client, project, investor):
    officer_client.post(
        reverse("investment:lead_create"),
        {"investor": investor.pk, "project": project.pk, "stage": "inquiry", "value": "75 M"},
    )
    assert Lead.unscoped.get().value == 75 * MILIAR


def test_lead_edit_changes_the_next_step(officer_client, lead):
    officer_client.post(
        reverse("investment:lead_edit", args=[lead.pk]), {"next_step": "Kunjungan lapangan", "value": "100 M"}
    )
    assert Lead.unscoped.get().next_step == "Kunjungan lapangan"


def test_investor_is_added_and_shown(officer_client):
    response = officer_client.post(
        reverse("investment:investor_create"),
        {"company": "Sakura Frozen Foods", "origin_country": "Jepang"},
        follow=True,
    )
    assert Investor.unscoped.get().origin_country == "Jepang"
    assert "Sakura Frozen Foods" in response.content.decode()


def test_investor_list_filters_by_country(officer_client, jember, investor):
    Investor.unscoped.create(region=jember, company="Straits Hospitality", origin_country="Singapura")
    response = officer_client.get(reverse("investment:investor_list"), {"country": "Singapura"})
    assert [i.company for i in response.context["page_obj"]] == ["Straits Hospitality"]


def test_gathering_is_created_with_its_invitees(officer_client, investor):
    officer_client.post(
        reverse("investment:gathering_create"),
        {"name": "Forum 2021", "held_on": "2021-11-18", "place": "Jakarta", "invitees": [investor.pk]},
    )
    assert list(InvestorGathering.unscoped.get().invitees.all()) == [investor]


def test_gathering_page_shows_what_it_produced(officer_client, jember, project, investor):
    gathering = GatheringFactory(region=jember)
    gathering.invitees.add(investor)
    LeadFactory(project=project, investor=investor, gathering=gathering, value=75 * MILIAR)
    content = officer_client.get(reverse("investment:gathering_detail", args=[gathering.pk])).content.decode()
    assert "Rp75 miliar" in content and "1 investor diundang" in content


def test_menu_shows_investment(viewer_client):
    assert (
        f'href="{reverse("investment:project_list")}"'
        in viewer_client.get(reverse("core:home")).content.decode()
    )
