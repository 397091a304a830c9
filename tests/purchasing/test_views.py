"""The purchasing pages: what each shows, who may use it (a focal point only for its agency), and exports."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from sahabat.accounts.models import AccessLog, Membership
from sahabat.accounts.permissions import Role
from sahabat.purchasing.models import ProcurementBudget, ProcurementPackage, Purchase, PurchasingImport
from sahabat.purchasing.services import agency_save, budget_set, package_save, purchase_record
from tests.purchasing.conftest import NIP

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_user(jember, member_of):
    return member_of(jember, Role.OFFICER)


@pytest.fixture
def bought(dinas_koperasi, warung, system):
    return purchase_record(
        actor=system,
        agency_id=dinas_koperasi.pk,
        enterprise_id=warung.pk,
        purchased_on=date(2023, 8, 5),
        buyer_nip=NIP,
        amount=150_000,
        description='=HYPERLINK("http://x")',
    )


@pytest.fixture
def year_2023(dinas_koperasi, bappeda, system):
    for agency, budget, reserved, realised in [(dinas_koperasi, 1000, 600, 500), (bappeda, 1000, 200, 100)]:
        budget_set(actor=system, agency_id=agency.pk, year=2023, goods_services_budget=budget)
        package_save(
            actor=system,
            agency_id=agency.pk,
            year=2023,
            rup_code="R1",
            name="Makan minum",
            value=reserved,
            realised=realised,
            reserved_for_small=True,
        )


def _png(size=100) -> SimpleUploadedFile:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(buffer, "PNG")
    data = buffer.getvalue()
    return SimpleUploadedFile("nota.png", data + b"\0" * max(0, size - len(data)), content_type="image/png")


# The region's page -------------------------------------------------------------------------------------


def test_the_dashboard_ranks_the_agencies_and_flags_those_below_40(
    logged_in, officer_user, year_2023, bought
):
    response = logged_in(officer_user).get(
        reverse("purchasing:dashboard"), {"year": 2023, "rank": "realised"}
    )
    rows = [row.standing.agency.code for row in response.context["board"].rows]
    assert rows == ["2.17.01", "5.01.01"]
    assert response.context["board"].below_floor == 1
    assert "Belanja ASN di iven" in response.content.decode()


def test_the_dashboard_shows_a_year_without_budget_as_such(logged_in, officer_user, dinas_koperasi):
    response = logged_in(officer_user).get(reverse("purchasing:dashboard"), {"year": 2031})
    assert response.status_code == 200
    assert "Belum ada OPD yang memiliki pagu belanja barang/jasa untuk 2031" in response.content.decode()


def test_the_menu_shows_asn_purchases_to_viewers(logged_in, jember, member_of):
    response = logged_in(member_of(jember, Role.VIEWER)).get(reverse("core:home"))
    assert reverse("purchasing:dashboard") in [item["url"] for item in response.context["menu"]]


def test_the_menu_shows_sales_to_asn_to_an_owner(logged_in, warung_owner):
    response = logged_in(warung_owner).get(reverse("core:home"))
    urls = [item["url"] for item in response.context["menu"]]
    assert reverse("purchasing:purchase_create") in urls and reverse("purchasing:dashboard") not in urls


def test_the_leaderboard_export_has_the_region_total_and_the_event_line(
    logged_in, officer_user, year_2023, bought
):
    response = logged_in(officer_user).get(reverse("purchasing:leaderboard_export"), {"year": 2023})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [row[1] for row in rows[1:3]] == ["2.17.01", "5.01.01"]
    assert rows[3][1] == "35.09" and rows[3][6] == 2000
    assert rows[4][4] == 0


# Agencies ---------------------------------------------------------------------------------------------


def test_an_officer_adds_an_agency(logged_in, officer_user, jember):
    response = logged_in(officer_user).post(
        reverse("purchasing:agency_create"),
        {"code": "3.31.01", "name": "Disperindag", "asn_count": 118, "is_active": "on"},
    )
    assert response.status_code == 302
    assert jember.agencies.get().asn_count == 118


def test_a_taken_agency_code_is_shown_beside_the_field(logged_in, officer_user, dinas_koperasi):
    response = logged_in(officer_user).post(
        reverse("purchasing:agency_create"), {"code": "2.17.01", "name": "Lain", "asn_count": 1}
    )
    assert response.context["form"].errors["code"]


def test_the_agency_page_shows_its_year(logged_in, officer_user, dinas_koperasi, year_2023, bought):
    response = logged_in(officer_user).get(
        reverse("purchasing:agency_detail", args=[dinas_koperasi.pk]), {"year": 2023}
    )
    figures = response.context["figures"]
    assert (str(figures.commitment.planned_share), figures.purchase_total) == ("60.00", 150_000)
    assert response.context["may_manage"]


def test_an_agency_of_another_region_is_not_found(logged_in, sarolangun, member_of, dinas_koperasi):
    response = logged_in(member_of(sarolangun, Role.REGION_ADMIN)).get(
        reverse("purchasing:agency_detail", args=[dinas_koperasi.pk])
    )
    assert response.status_code == 404


def test_a_budget_typed_the_officers_way_is_saved(logged_in, officer_user, dinas_koperasi):
    response = logged_in(officer_user).post(
        reverse("purchasing:budget_set", args=[dinas_koperasi.pk]),
        {"year": 2024, "goods_services_budget": "8,5 M"},
    )
    assert response.status_code == 302
    assert ProcurementBudget.objects.with_scopes_disabled().get().goods_services_budget == 8_500_000_000


def test_a_package_above_its_value_is_refused_beside_the_field(
    logged_in, focal_point_user, dinas_koperasi, year_2023
):
    response = logged_in(focal_point_user).post(
        reverse("purchasing:package_create", args=[dinas_koperasi.pk]) + "?year=2023",
        {"rup_code": "R9", "name": "ATK", "value": "10 jt", "realised": "12 jt", "method": "e_purchasing"},
    )
    assert response.status_code == 400
    assert "Rp12.000.000" in str(response.context["form"].errors["realised"])


def test_a_package_in_a_year_without_budget_is_refused_with_a_clear_message(
    logged_in, focal_point_user, dinas_koperasi
):
    response = logged_in(focal_point_user).post(
        reverse("purchasing:package_create", args=[dinas_koperasi.pk]) + "?year=2026",
        {"rup_code": "R9", "name": "ATK", "value": "10 jt", "method": "e_purchasing"},
    )
    assert "pagu belanja barang/jasa OPD untuk 2026" in str(response.context["form"].non_field_errors())


def test_a_package_links_its_supplier_by_nib(
    logged_in, focal_point_user, dinas_koperasi, year_2023, warung, system
):
    from sahabat.registry.services import licence_add

    licence_add(actor=system, enterprise_id=warung.pk, type="nib", number="9120001234567")
    logged_in(focal_point_user).post(
        reverse("purchasing:package_create", args=[dinas_koperasi.pk]) + "?year=2023",
        {
            "rup_code": "R9",
            "name": "Kopi rapat",
            "value": "10 jt",
            "method": "direct_procurement",
            "reserved_for_small": "on",
            "supplier_nib": "9120 0012 34567",
        },
    )
    assert ProcurementPackage.objects.with_scopes_disabled().get(rup_code="R9").supplier == warung


def test_a_focal_point_edits_its_own_agency_packages(logged_in, focal_point_user, dinas_koperasi, year_2023):
    package = ProcurementPackage.objects.with_scopes_disabled().get(agency=dinas_koperasi)
    response = logged_in(focal_point_user).get(reverse("purchasing:package_edit", args=[package.pk]))
    assert response.status_code == 200


def test_a_focal_point_cannot_edit_another_agency_packages(logged_in, focal_point_user, bappeda, year_2023):
    package = ProcurementPackage.objects.with_scopes_disabled().get(agency=bappeda)
    assert (
        logged_in(focal_point_user).get(reverse("purchasing:package_edit", args=[package.pk])).status_code
        == 403
    )


def test_a_focal_point_cannot_set_another_agency_budget(logged_in, focal_point_user, bappeda):
    response = logged_in(focal_point_user).post(
        reverse("purchasing:budget_set", args=[bappeda.pk]), {"year": 2023, "goods_services_budget": "1 M"}
    )
    assert response.status_code == 403
    assert not ProcurementBudget.objects.with_scopes_disabled().exists()


def test_a_focal_point_reads_another_agency_figures_but_not_its_forms(logged_in, focal_point_user, bappeda):
    response = logged_in(focal_point_user).get(reverse("purchasing:agency_detail", args=[bappeda.pk]))
    assert response.status_code == 200 and not response.context["may_manage"]


def test_an_admin_invites_a_focal_point_from_the_agency_page(
    logged_in, jember_admin, dinas_koperasi, mailoutbox
):
    response = logged_in(jember_admin).post(
        reverse("purchasing:focal_point_invite", args=[dinas_koperasi.pk]),
        {"full_name": "Nur Aini", "email": "nur@example.id"},
    )
    assert response.status_code == 302
    assert (
        Membership.objects.with_scopes_disabled().get(user__email="nur@example.id").agency == dinas_koperasi
    )


# Purchases --------------------------------------------------------------------------------------------


def test_the_purchase_list_masks_the_nip(logged_in, officer_user, bought):
    content = logged_in(officer_user).get(reverse("purchasing:purchase_list")).content.decode()
    assert "1985••••••••••2001" in content and NIP not in content


def test_the_purchase_list_filters_by_enterprise_words_and_channel(logged_in, officer_user, bought):
    client = logged_in(officer_user)
    found = client.get(reverse("purchasing:purchase_list"), {"q": "kopi sri", "channel": "shop"})
    missed = client.get(reverse("purchasing:purchase_list"), {"q": "kopi", "channel": "online"})
    assert (len(found.context["page_obj"].object_list), len(missed.context["page_obj"].object_list)) == (1, 0)


def test_the_purchase_export_masks_the_nip_and_neutralises_formulas(logged_in, officer_user, bought):
    response = logged_in(officer_user).get(reverse("purchasing:purchase_export"))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1][2] == "1985••••••••••2001"
    assert all(NIP not in str(cell) for row in rows for cell in row)
    assert rows[1][7].startswith("'=")


def test_a_focal_point_records_with_its_agency_preset(logged_in, focal_point_user, dinas_koperasi, warung):
    client = logged_in(focal_point_user)
    form = client.get(reverse("purchasing:purchase_create")).context["form"]
    assert list(form.fields["agency"].queryset) == [dinas_koperasi]
    response = client.post(
        reverse("purchasing:purchase_create"),
        {
            "agency": dinas_koperasi.pk,
            "enterprise": warung.pk,
            "purchased_on": "2023-08-05",
            "buyer_nip": NIP,
            "amount": "1,5 jt",
            "channel": "shop",
            "receipt": _png(),
        },
    )
    assert response.status_code == 302
    purchase = Purchase.objects.with_scopes_disabled().get()
    assert (purchase.amount, bool(purchase.receipt)) == (1_500_000, True)


def test_a_bad_nip_is_shown_beside_its_field_in_indonesian(
    logged_in, focal_point_user, dinas_koperasi, warung
):
    response = logged_in(focal_point_user).post(
        reverse("purchasing:purchase_create"),
        {
            "agency": dinas_koperasi.pk,
            "enterprise": warung.pk,
            "purchased_on": "2023-08-05",
            "buyer_nip": "198513122010012001",
            "amount": "150 rb",
            "channel": "shop",
        },
    )
    assert response.status_code == 400
    assert "tanggal lahir" in str(response.context["form"].errors["buyer_nip"]).lower()
    assert response.context["chosen"] == warung


def test_a_receipt_over_5_mb_is_refused(logged_in, focal_point_user, dinas_koperasi, warung):
    response = logged_in(focal_point_user).post(
        reverse("purchasing:purchase_create"),
        {
            "agency": dinas_koperasi.pk,
            "enterprise": warung.pk,
            "purchased_on": "2023-08-05",
            "buyer_nip": NIP,
            "amount": "150 rb",
            "channel": "shop",
            "receipt": _png(size=5 * 1024 * 1024 + 1),
        },
    )
    assert response.context["form"].errors["receipt"]
    assert not Purchase.objects.with_scopes_disabled().exists()


def test_a_receipt_that_is_not_an_image_is_refused(logged_in, focal_point_user, dinas_koperasi, warung):
    response = logged_in(focal_point_user).post(
        reverse("purchasing:purchase_create"),
        {
            "agency": dinas_koperasi.pk,
            "enterprise": warung.pk,
            "purchased_on": "2023-08-05",
            "buyer_nip": NIP,
            "amount": "150 rb",
            "channel": "shop",
            "receipt": SimpleUploadedFile("nota.png", b"%PDF-1.4", content_type="image/png"),
        },
    )
    assert response.context["form"].errors["receipt"]


def test_the_enterprise_search_spans_regions_and_shows_the_origin(
    logged_in, officer_user, sarolangun, system
):
    from sahabat.registry.services import enterprise_create

    enterprise_create(actor=system, region=sarolangun, name="Lempok Durian Sarolangun")
    response = logged_in(officer_user).get(reverse("purchasing:enterprise_options"), {"q": "lempok"})
    assert [e.name for e in response.context["candidates"]] == ["Lempok Durian Sarolangun"]
    assert "Kabupaten Sarolangun" in response.content.decode()


def test_an_owner_records_a_sale_of_its_own_enterprise(logged_in, warung_owner, warung, sarolangun, system):
    agency = agency_save(actor=system, region=sarolangun, code="5.01.01", name="Bappeda Sarolangun")
    client = logged_in(warung_owner)
    page = client.get(reverse("purchasing:purchase_create"), {"enterprise": warung.pk})
    assert page.context["owner"] and page.context["own_enterprises"] == [warung]
    assert agency in page.context["form"].fields["agency"].queryset
    response = client.post(
        reverse("purchasing:purchase_create"),
        {
            "agency": agency.pk,
            "enterprise": warung.pk,
            "purchased_on": "2023-08-05",
            "buyer_nip": NIP,
            "amount": "75 rb",
            "channel": "shop",
        },
    )
    assert response.url == reverse("purchasing:enterprise_buyers", args=[warung.pk])
    assert Purchase.objects.with_scopes_disabled().get().source == Purchase.Source.OWNER


def test_the_owner_sees_who_buys_from_its_enterprise(logged_in, warung_owner, warung, bought):
    response = logged_in(warung_owner).get(reverse("purchasing:enterprise_buyers", args=[warung.pk]))
    assert [buyer["agency__name"] for buyer in response.context["buyers"].agencies] == [
        "Dinas Koperasi dan Usaha Mikro"
    ]
    assert NIP not in response.content.decode()


def test_another_owner_cannot_see_who_buys_from_an_enterprise(logged_in, jember, warung, member_of, bought):
    response = logged_in(member_of(jember, Role.UMKM_OWNER)).get(
        reverse("purchasing:enterprise_buyers", args=[warung.pk])
    )
    assert response.status_code == 404


def test_the_register_detail_links_to_who_buys(logged_in, officer_user, warung):
    content = (
        logged_in(officer_user).get(reverse("registry:enterprise_detail", args=[warung.pk])).content.decode()
    )
    assert reverse("purchasing:enterprise_buyers", args=[warung.pk]) in content


# Imports ----------------------------------------------------------------------------------------------


def test_an_upload_shows_the_preview_then_applies(logged_in, focal_point_user, dinas_koperasi, system):
    from tests.purchasing.test_imports import GOOD, SIRUP_HEADERS, TOO_MUCH, _upload

    budget_set(actor=system, agency_id=dinas_koperasi.pk, year=2023, goods_services_budget=10**9)
    client = logged_in(focal_point_user)
    response = client.post(
        reverse("purchasing:import_upload"),
        {
            "kind": "packages",
            "agency": dinas_koperasi.pk,
            "year": 2023,
            "file": _upload(SIRUP_HEADERS, [GOOD, TOO_MUCH]),
        },
    )
    job = PurchasingImport.objects.with_scopes_disabled().get()
    assert response.url == reverse("purchasing:import_detail", args=[job.pk])
    preview = client.get(response.url)
    assert (
        preview.context["counts"]["rejected"] == 1
        and not ProcurementPackage.objects.with_scopes_disabled().exists()
    )
    client.post(reverse("purchasing:import_apply", args=[job.pk]), {"mode": "valid_only"})
    assert ProcurementPackage.objects.with_scopes_disabled().count() == 1


def test_an_upload_for_a_year_without_budget_says_so_beside_the_year(
    logged_in, focal_point_user, dinas_koperasi
):
    from tests.purchasing.test_imports import GOOD, SIRUP_HEADERS, _upload

    response = logged_in(focal_point_user).post(
        reverse("purchasing:import_upload"),
        {
            "kind": "packages",
            "agency": dinas_koperasi.pk,
            "year": 2023,
            "file": _upload(SIRUP_HEADERS, [GOOD]),
        },
    )
    assert response.status_code == 400 and response.context["form"].errors["year"]


def test_downloading_rejected_rows_is_written_to_the_access_log(
    logged_in, focal_point_user, dinas_koperasi, system
):
    job = PurchasingImport.unscoped.create(
        region=dinas_koperasi.region, kind="purchases", agency=dinas_koperasi, original_name="belanja.xlsx"
    )
    response = logged_in(focal_point_user).get(reverse("purchasing:import_rejected", args=[job.pk]))
    assert response.status_code == 200
    assert AccessLog.objects.with_scopes_disabled().get().object_type == "purchasing.import_rejected_rows"


def test_a_focal_point_does_not_see_another_agency_import(logged_in, focal_point_user, bappeda):
    job = PurchasingImport.unscoped.create(
        region=bappeda.region, kind="packages", agency=bappeda, original_name="x.xlsx"
    )
    assert (
        logged_in(focal_point_user).get(reverse("purchasing:import_detail", args=[job.pk])).status_code == 404
    )


def test_the_import_templates_have_the_documented_headers(logged_in, officer_user):
    client = logged_in(officer_user)
    headers = {}
    for kind in ("packages", "purchases"):
        response = client.get(reverse("purchasing:import_template"), {"kind": kind})
        headers[kind] = next(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert headers["packages"][:3] == ("Kode RUP", "Nama Paket", "Pagu")
    assert headers["purchases"][:2] == ("Tanggal", "NIP Pembeli")


def test_an_actor_without_a_role_here_is_refused(logged_in, sarolangun, member_of):
    response = logged_in(member_of(sarolangun, Role.BOOTH_CASHIER)).get(reverse("purchasing:dashboard"))
    assert response.status_code == 403


@pytest.mark.parametrize(
    "model", ["agency", "procurementbudget", "procurementpackage", "purchase", "purchasingimport"]
)
def test_the_admin_lists_purchasing_records_with_the_nip_masked(
    client, django_user_model, officer_user, bought, model
):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.id", "x"))
    response = client.get(reverse(f"admin:purchasing_{model}_changelist"))
    assert response.status_code == 200 and NIP not in response.content.decode()
