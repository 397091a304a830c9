"""Excel imports of SiRUP/SPSE packages and of ASN purchases: preview, modes, rejected rows, idempotence."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from sahabat.accounts.actor import Actor
from sahabat.core.errors import DomainError
from sahabat.purchasing.exports import rejected_rows_xlsx
from sahabat.purchasing.imports import import_job_apply, import_job_cancel, import_job_create
from sahabat.purchasing.models import ProcurementPackage, Purchase, PurchasingImport, PurchasingImportRow
from sahabat.purchasing.services import budget_set, package_save
from sahabat.registry.services import licence_add
from tests.purchasing.conftest import NIP

pytestmark = pytest.mark.django_db

SIRUP_HEADERS = [
    "No",
    "Kode RUP",
    "Nama Paket",
    "Pagu",
    "Metode Pemilihan",
    "Sumber Dana",
    "Realisasi",
    "Peruntukan Usaha Kecil",
]
PURCHASE_HEADERS = ["Tanggal", "NIP Pembeli", "NIB UMKM", "Nominal", "Saluran", "Keterangan"]


def _upload(headers, rows, *, name="export.xlsx", title_rows=()):
    workbook = Workbook()
    sheet = workbook.active
    for row in (*title_rows, headers, *rows):
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def _packages(actor, agency, rows, **extra):
    return import_job_create(
        actor=actor,
        region=agency.region,
        kind="packages",
        upload=_upload(SIRUP_HEADERS, rows),
        agency_id=agency.pk,
        year=2023,
        **extra,
    )


@pytest.fixture
def budgeted(dinas_koperasi, system):
    budget_set(actor=system, agency_id=dinas_koperasi.pk, year=2023, goods_services_budget=1_000_000_000)
    return dinas_koperasi


@pytest.fixture
def warung_nib(warung, system):
    licence_add(actor=system, enterprise_id=warung.pk, type="nib", number="9120001234567")
    return "9120001234567"


GOOD = (
    1,
    "38600848",
    "Belanja makan minum rapat",
    "Rp 150.000.000",
    "Pengadaan Langsung",
    "APBD",
    "120 jt",
    "Ya",
)
TOO_MUCH = (2, "38600849", "Belanja ATK", "10 jt", "E-Purchasing", "APBD", "12 jt", "Tidak")


def _codes(job):
    return {
        row.row_number: [error["code"] for error in row.errors]
        for row in PurchasingImportRow.objects.with_scopes_disabled().filter(job=job)
    }


def test_a_sirup_export_is_previewed_without_writing(focal_point, budgeted):
    job = _packages(
        focal_point,
        budgeted,
        [GOOD, TOO_MUCH],
    )
    assert (job.status, job.total_rows, job.rejected_rows) == (PurchasingImport.Status.PREVIEWED, 2, 1)
    assert not ProcurementPackage.objects.with_scopes_disabled().exists()


def test_a_package_realised_above_its_value_is_rejected_with_the_rule_message(focal_point, budgeted):
    job = _packages(focal_point, budgeted, [GOOD, TOO_MUCH])
    assert _codes(job)[3] == ["package.realised_above_value"]


def test_all_or_nothing_writes_nothing_when_a_row_is_rejected(focal_point, budgeted):
    job = import_job_apply(
        actor=focal_point, job_id=_packages(focal_point, budgeted, [GOOD, TOO_MUCH]).pk, mode="all_or_nothing"
    )
    assert job.status == PurchasingImport.Status.NOT_APPLIED
    assert not ProcurementPackage.objects.with_scopes_disabled().exists()
    assert not job.file


def test_valid_rows_only_writes_the_valid_rows(focal_point, budgeted):
    job = import_job_apply(
        actor=focal_point, job_id=_packages(focal_point, budgeted, [GOOD, TOO_MUCH]).pk, mode="valid_only"
    )
    package = ProcurementPackage.objects.with_scopes_disabled().get()
    assert (job.status, job.created_count) == (PurchasingImport.Status.APPLIED, 1)
    assert (
        package.rup_code,
        package.value,
        package.realised,
        package.reserved_for_small,
        package.method,
    ) == (
        "38600848",
        150_000_000,
        120_000_000,
        True,
        ProcurementPackage.Method.DIRECT_PROCUREMENT,
    )


def test_a_clean_file_is_written_all_or_nothing(focal_point, budgeted):
    job = import_job_apply(
        actor=focal_point, job_id=_packages(focal_point, budgeted, [GOOD]).pk, mode="all_or_nothing"
    )
    assert (job.status, job.created_count) == (PurchasingImport.Status.APPLIED, 1)


def test_importing_the_export_again_updates_by_rup_code(focal_point, budgeted):
    import_job_apply(actor=focal_point, job_id=_packages(focal_point, budgeted, [GOOD]).pk, mode="valid_only")
    later = (*GOOD[:6], "150 jt", "Ya")
    job = import_job_apply(
        actor=focal_point, job_id=_packages(focal_point, budgeted, [later]).pk, mode="valid_only"
    )
    assert (job.created_count, job.updated_count) == (0, 1)
    assert ProcurementPackage.objects.with_scopes_disabled().get().realised == 150_000_000


def test_the_same_export_twice_changes_nothing(focal_point, budgeted):
    import_job_apply(actor=focal_point, job_id=_packages(focal_point, budgeted, [GOOD]).pk, mode="valid_only")
    job = _packages(focal_point, budgeted, [GOOD])
    rows = PurchasingImportRow.objects.with_scopes_disabled().filter(job=job)
    assert [row.outcome for row in rows] == [PurchasingImportRow.Outcome.UNCHANGED]


def test_a_blank_realisation_keeps_the_recorded_one(focal_point, budgeted):
    package_save(
        actor=focal_point,
        agency_id=budgeted.pk,
        year=2023,
        rup_code="38600848",
        name="Makan",
        value=150_000_000,
        realised=90_000_000,
    )
    blank = (*GOOD[:6], "", "")
    import_job_apply(
        actor=focal_point, job_id=_packages(focal_point, budgeted, [blank]).pk, mode="valid_only"
    )
    assert ProcurementPackage.objects.with_scopes_disabled().get().realised == 90_000_000


def test_a_budget_year_without_a_budget_is_refused_at_upload(focal_point, dinas_koperasi):
    with pytest.raises(DomainError) as error:
        _packages(focal_point, dinas_koperasi, [GOOD])
    assert (error.value.errors[0].code, error.value.errors[0].field) == ("package.no_budget", "year")
    assert not PurchasingImport.objects.with_scopes_disabled().exists()


def test_a_row_of_another_budget_year_is_rejected(focal_point, budgeted):
    headers = [*SIRUP_HEADERS, "Tahun Anggaran"]
    job = import_job_create(
        actor=focal_point,
        region=budgeted.region,
        kind="packages",
        upload=_upload(headers, [(*GOOD, 2024)]),
        agency_id=budgeted.pk,
        year=2023,
    )
    assert _codes(job)[2] == ["package.other_year"]


def test_an_unknown_method_and_yes_no_are_explained(focal_point, budgeted):
    odd = (1, "38600850", "Belanja batik", "50 jt", "Lelang terbuka bebas", "APBD", "10 jt", "mungkin")
    job = _packages(focal_point, budgeted, [odd])
    assert _codes(job)[2] == ["package.method", "package.yes_no"]


def test_a_region_wide_export_names_each_rows_agency(jember, officer, budgeted, bappeda, system):
    budget_set(actor=system, agency_id=bappeda.pk, year=2023, goods_services_budget=500_000_000)
    headers = ["Satuan Kerja", "Kode RUP", "Nama Paket", "Pagu", "Peruntukan Usaha Kecil"]
    rows = [
        ("Dinas Koperasi dan Usaha Mikro Kabupaten Jember", "R1", "Makan minum", "10 jt", "Ya"),
        ("Bappeda", "R2", "ATK", "5 jt", "Tidak"),
        ("Dinas Pemadam Kebakaran", "R3", "Selang", "5 jt", "Tidak"),
    ]
    job = import_job_create(
        actor=officer, region=jember, kind="packages", upload=_upload(headers, rows), year=2023
    )
    import_job_apply(actor=officer, job_id=job.pk, mode="valid_only")
    written = ProcurementPackage.objects.with_scopes_disabled().order_by("rup_code")
    assert [(p.rup_code, p.agency.code) for p in written] == [("R1", "2.17.01"), ("R2", "5.01.01")]
    assert _codes(job)[4] == ["agency.unknown"]


def test_a_focal_point_file_with_another_agencys_rows_rejects_them(focal_point, budgeted, bappeda):
    headers = ["OPD", *SIRUP_HEADERS[1:]]
    job = import_job_create(
        actor=focal_point,
        region=budgeted.region,
        kind="packages",
        upload=_upload(headers, [("Bappeda", *GOOD[1:])]),
        year=2023,
    )
    assert job.agency == budgeted
    assert _codes(job)[2] == ["agency.other"]


def test_a_file_without_the_required_columns_is_refused(focal_point, budgeted):
    with pytest.raises(DomainError) as error:
        import_job_create(
            actor=focal_point,
            region=budgeted.region,
            kind="packages",
            agency_id=budgeted.pk,
            year=2023,
            upload=_upload(["Kode RUP", "Nama Paket", "Keterangan"], [("R1", "ATK", "")]),
        )
    assert error.value.errors[0].code == "import.required_column"
    assert "Pagu" in str(error.value.errors[0].message)


def test_a_register_file_is_not_taken_for_a_sirup_export(focal_point, budgeted):
    with pytest.raises(DomainError) as error:
        import_job_create(
            actor=focal_point,
            region=budgeted.region,
            kind="packages",
            agency_id=budgeted.pk,
            year=2023,
            upload=_upload(["Nama Usaha", "Nama Pemilik", "NIK"], [("Kopi", "Sri", "3509015708900012")]),
        )
    assert error.value.errors[0].code == "import.no_header"


def test_title_rows_above_the_header_and_total_rows_are_skipped(focal_point, budgeted):
    upload = _upload(
        SIRUP_HEADERS,
        [GOOD, ("", "", "Jumlah", "150.000.000", "", "", "120.000.000", "")],
        title_rows=[("RENCANA UMUM PENGADAAN 2023",), ()],
    )
    job = import_job_create(
        actor=focal_point,
        region=budgeted.region,
        kind="packages",
        upload=upload,
        agency_id=budgeted.pk,
        year=2023,
    )
    assert (job.total_rows, job.skipped_rows, job.rejected_rows) == (1, 1, 0)


def test_cancelling_forgets_the_upload_and_the_rejected_cells(focal_point, budgeted):
    job = import_job_cancel(actor=focal_point, job_id=_packages(focal_point, budgeted, [TOO_MUCH]).pk)
    assert (job.status, bool(job.file)) == (PurchasingImport.Status.CANCELLED, False)
    assert not PurchasingImportRow.objects.with_scopes_disabled().exclude(raw_values="").exists()


def test_an_applied_job_cannot_be_applied_again(focal_point, budgeted):
    job = import_job_apply(
        actor=focal_point, job_id=_packages(focal_point, budgeted, [GOOD]).pk, mode="valid_only"
    )
    with pytest.raises(DomainError) as error:
        import_job_apply(actor=focal_point, job_id=job.pk, mode="valid_only")
    assert error.value.status == 409


def test_another_focal_point_cannot_see_the_job(focal_point, budgeted, bappeda, jember, member_of):
    from sahabat.accounts.models import Membership
    from sahabat.accounts.permissions import Role
    from sahabat.core.errors import NotFound

    job = _packages(focal_point, budgeted, [GOOD])
    other = member_of(jember, Role.AGENCY_FOCAL_POINT)
    Membership.objects.with_scopes_disabled().filter(user=other).update(agency=bappeda)
    with pytest.raises(NotFound):
        import_job_apply(actor=Actor.for_user(other), job_id=job.pk, mode="valid_only")


# Purchases --------------------------------------------------------------------------------------------


def _purchases(actor, agency, rows, headers=PURCHASE_HEADERS):
    return import_job_create(
        actor=actor,
        region=agency.region,
        kind="purchases",
        upload=_upload(headers, rows),
        agency_id=agency.pk,
    )


def test_purchases_are_imported_with_the_nip_encrypted_and_masked(focal_point, dinas_koperasi, warung_nib):
    rows = [("05-08-2023", NIP, warung_nib, "150 rb", "Toko", "Kopi bubuk")]
    job = import_job_apply(
        actor=focal_point, job_id=_purchases(focal_point, dinas_koperasi, rows).pk, mode="valid_only"
    )
    purchase = Purchase.objects.with_scopes_disabled().get()
    assert (job.created_count, purchase.amount, purchase.source) == (1, 150_000, Purchase.Source.IMPORT)
    assert (purchase.buyer_nip, purchase.buyer_nip_masked) == (NIP, "1985••••••••••2001")


def test_importing_the_same_purchases_twice_counts_them_once(focal_point, dinas_koperasi, warung_nib):
    rows = [("05-08-2023", NIP, warung_nib, "150 rb", "Toko", "Kopi bubuk")]
    import_job_apply(
        actor=focal_point, job_id=_purchases(focal_point, dinas_koperasi, rows).pk, mode="valid_only"
    )
    job = import_job_apply(
        actor=focal_point, job_id=_purchases(focal_point, dinas_koperasi, rows).pk, mode="all_or_nothing"
    )
    assert (job.status, job.created_count) == (PurchasingImport.Status.APPLIED, 0)
    assert Purchase.objects.with_scopes_disabled().count() == 1


def test_a_repeated_row_in_the_file_is_rejected(focal_point, dinas_koperasi, warung_nib):
    row = ("05-08-2023", NIP, warung_nib, "150 rb", "Toko", "")
    job = _purchases(focal_point, dinas_koperasi, [row, row])
    assert _codes(job) == {2: [], 3: ["purchase.duplicate_in_file"]}


@pytest.mark.parametrize(
    ("cells", "code"),
    [
        (("05-08-2023", "198513122010012001"), "nip.bad_birth_date"),
        (("05-08-2023", 1.98503122010012e17), "identifier.scientific_notation"),
        (("31-02-2023", NIP), "date.invalid"),
        (("05-08-2099", NIP), "purchase.future_date"),
    ],
)
def test_a_bad_purchase_row_is_rejected_with_its_code(focal_point, dinas_koperasi, warung_nib, cells, code):
    job = _purchases(focal_point, dinas_koperasi, [(*cells, warung_nib, "150 rb", "Toko", "")])
    assert _codes(job)[2] == [code]


def test_a_purchase_from_a_closed_enterprise_is_rejected(focal_point, dinas_koperasi, warung, warung_nib):
    from sahabat.registry.models import Enterprise

    Enterprise.objects.with_scopes_disabled().filter(pk=warung.pk).update(status=Enterprise.Status.CLOSED)
    job = _purchases(focal_point, dinas_koperasi, [("05-08-2023", NIP, warung_nib, "150 rb", "Toko", "")])
    assert _codes(job)[2] == ["purchase.enterprise_closed"]


def test_an_enterprise_is_found_by_its_exact_name_in_any_region(
    focal_point, dinas_koperasi, sarolangun, system
):
    from sahabat.registry.services import enterprise_create

    enterprise_create(actor=system, region=sarolangun, name="Lempok Durian Sarolangun")
    headers = ["Tanggal", "NIP", "Nama Usaha", "Jumlah Belanja"]
    job = _purchases(
        focal_point, dinas_koperasi, [("05-08-2023", NIP, "lempok durian sarolangun", 75000)], headers
    )
    assert _codes(job) == {2: []}


def test_an_unknown_enterprise_is_rejected(focal_point, dinas_koperasi):
    headers = ["Tanggal", "NIP", "Nama Usaha", "Nominal"]
    job = _purchases(focal_point, dinas_koperasi, [("05-08-2023", NIP, "Toko Tidak Ada", 75000)], headers)
    assert _codes(job)[2] == ["purchase.enterprise_unknown"]


def test_a_formula_cell_is_rejected(focal_point, dinas_koperasi, warung_nib):
    job = _purchases(focal_point, dinas_koperasi, [("05-08-2023", NIP, warung_nib, "=100000*2", "Toko", "")])
    assert _codes(job)[2] == ["cell.formula"]


def test_the_rejected_rows_file_has_the_original_cells_and_the_indonesian_reason(
    focal_point, dinas_koperasi, warung_nib
):
    from django.utils import translation

    with translation.override("id"):
        job = _purchases(
            focal_point, dinas_koperasi, [("05-08-2023", "198513122010012001", warung_nib, "150 rb", "", "")]
        )
        rows = PurchasingImportRow.objects.with_scopes_disabled().filter(job=job, outcome="rejected")
        sheet = load_workbook(io.BytesIO(rejected_rows_xlsx(job, rows))).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == (*PURCHASE_HEADERS, "Alasan penolakan")
    assert values[1][1] == "198513122010012001"
    assert values[1][-1].startswith("NIP Pembeli: ") and "tanggal lahir" in values[1][-1].lower()


def test_only_rejected_rows_keep_their_cells(focal_point, dinas_koperasi, warung_nib):
    rows = [
        ("05-08-2023", NIP, warung_nib, "150 rb", "", ""),
        ("05-08-2023", "1", warung_nib, "150 rb", "", ""),
    ]
    job = _purchases(focal_point, dinas_koperasi, rows)
    kept = {
        row.row_number: row.raw_values
        for row in PurchasingImportRow.objects.with_scopes_disabled().filter(job=job)
    }
    assert kept[2] == "" and json.loads(kept[3])[1] == "1"
