import json

import pytest
from django.core.files.storage import default_storage

from sahabat.registry.imports import pipeline, reader, services
from sahabat.registry.models import ImportJob, Licence, Owner
from sahabat.registry.services import nik_index
from tests.registry.factories import EnterpriseFactory, LicenceFactory, OwnerFactory, nik_for
from tests.registry.imports.conftest import HEADERS, enterprises_of, row, rows_of, upload, xlsx_bytes

pytestmark = pytest.mark.django_db


def _only(job):
    (import_row,) = rows_of(job)
    return import_row


def _codes(import_row):
    return [error["code"] for error in import_row.errors]


def test_preview_writes_nothing_to_the_register(start_import, jember):
    job = start_import([row(1), row(2)])
    assert (job.status, [r.outcome for r in rows_of(job)]) == ("previewed", ["new", "new"])
    assert enterprises_of(jember).count() == 0
    assert Owner.objects.with_scope(region=jember.pk).count() == 0


@pytest.mark.parametrize(
    ("header", "cell", "attribute", "expected"),
    [
        ("Omzet_per_Tahun", "Rp 1.500.000", "annual_turnover", 1_500_000),
        ("Omzet_per_Tahun", "1,5 jt", "annual_turnover", 1_500_000),
        ("Omzet_per_Tahun", "2 M", "annual_turnover", 2_000_000_000),
        ("Modal", "25000000", "capital", 25_000_000),
        ("Modal", 25_000_000.0, "capital", 25_000_000),
        ("Jumlah_Tenaga_Kerja", "4 orang", "workers_unspecified", 4),
        ("Kecamatan", "Kec. Sumbersari", "district", "Sumbersari"),
        ("Kecamatan", "SUMBERSARI", "district", "Sumbersari"),
        ("Kecamatan", "35.09.21", "district", "Sumbersari"),
        ("Desa_Kelurahan", "Kel. Tegal Gede", "village", "Tegalgede"),
        ("Sektor", "KULINER", "sector", "food"),
        ("Nama_Usaha", "  Keripik   Tempe\u00a0Sari ", "name", "Keripik Tempe Sari"),
    ],
)
def test_messy_values_are_read(run_import, jember, header, cell, attribute, expected):
    run_import([row(1, **{header: cell})])
    value = getattr(enterprises_of(jember).get(), attribute)
    assert (value.name if attribute in ("district", "village") else value) == expected


def test_nik_with_a_leading_apostrophe_is_read(run_import, jember):
    run_import([row(1, NIK="'" + nik_for(1, woman=True))])
    assert enterprises_of(jember).get().owner.nik == nik_for(1, woman=True)


def test_nik_turned_into_scientific_notation_is_rejected_as_digits_lost(start_import):
    import_row = _only(start_import([row(1, NIK="3,50912E+15")]))
    assert (import_row.outcome, _codes(import_row)) == ("rejected", ["identifier.scientific_notation"])


def test_nik_stored_as_a_rounded_number_is_rejected_as_digits_lost(start_import):
    import_row = _only(start_import([row(1, NIK=3509015708900000)]))
    assert _codes(import_row) == ["identifier.scientific_notation"]


def test_blank_and_total_rows_are_skipped_and_counted(start_import):
    job = start_import(
        [
            row(1),
            [None] * 13,
            ["", "  ", "-"],
            row(2),
            ["JUMLAH", None, None, None, None, None, None, None, None, "Rp 240.000.000", 50, 6],
        ]
    )
    assert (job.total_rows, job.skipped_rows, len(rows_of(job))) == (2, 3, 2)


def test_village_alone_sets_its_district(run_import, jember):
    run_import([row(1, Kecamatan="", Desa_Kelurahan="Antirogo")])
    assert enterprises_of(jember).get().district.name == "Sumbersari"


def test_unknown_district_is_rejected(start_import):
    assert _codes(_only(start_import([row(1, Kecamatan="Kec. Bulak")]))) == ["district.unknown"]


def test_village_of_another_district_is_rejected(start_import):
    assert _codes(_only(start_import([row(1, Kecamatan="Kaliwates", Desa_Kelurahan="Antirogo")]))) == [
        "village.unknown"
    ]


def test_formula_cell_is_rejected(start_import):
    import_row = _only(start_import([row(1, Omzet_per_Tahun="=10000000*12")]))
    assert _codes(import_row) == ["cell.formula"]


def test_formula_text_in_a_csv_is_rejected(start_import):
    from tests.registry.imports.conftest import csv_bytes

    job = start_import(csv_bytes([row(1, Nama_Usaha='=HYPERLINK("http://x","Klik")')]), name="umkm.csv")
    assert _codes(_only(job)) == ["text.formula"]


def test_row_without_business_name_is_rejected(start_import):
    assert _codes(_only(start_import([row(1, Nama_Usaha="")]))) == ["name.required"]


def test_all_or_nothing_with_one_bad_row_writes_nothing(run_import, jember):
    job = run_import([row(1), row(2, NIK="3,50912E+15"), row(3)], mode="all_or_nothing")
    assert (job.status, job.created_count, job.rejected_rows) == ("not_applied", 0, 1)
    assert enterprises_of(jember).count() == 0


def test_valid_rows_only_writes_the_good_rows(run_import, jember):
    job = run_import([row(1), row(2, NIK="3,50912E+15"), row(3)], mode="valid_only")
    assert (job.status, job.created_count, job.rejected_rows) == ("applied", 2, 1)
    assert sorted(enterprises_of(jember).values_list("name", flat=True)) == [
        "Keripik Tempe Sari 1",
        "Keripik Tempe Sari 3",
    ]


def test_applied_rows_are_marked_and_linked(run_import):
    job = run_import([row(1)])
    import_row = _only(job)
    assert import_row.applied and import_row.enterprise.name == "Keripik Tempe Sari 1"


def test_imported_enterprise_gets_its_nib_owner_and_scale(run_import, jember):
    run_import([row(1)])
    enterprise = enterprises_of(jember).get()
    nib = Licence.objects.with_scope(region=jember.pk).get(enterprise=enterprise)
    assert (nib.number, enterprise.owner.nik_index, enterprise.computed_scale, enterprise.source) == (
        "9120000000001",
        nik_index(nik_for(1, woman=True)),
        "micro",
        "import",
    )


def test_reimporting_the_same_file_is_unchanged_and_adds_nothing(run_import, jember):
    run_import([row(1), row(2)])
    job = run_import([row(1), row(2)])
    assert [r.outcome for r in rows_of(job)] == ["unchanged", "unchanged"]
    assert enterprises_of(jember).count() == 2
    assert Owner.objects.with_scope(region=jember.pk).count() == 2


def test_changed_value_is_an_update_with_its_diff(run_import, start_import, jember):
    run_import([row(1)])
    job = start_import([row(1, Omzet_per_Tahun="Rp 150.000.000")])
    import_row = _only(job)
    assert (import_row.outcome, import_row.changes) == (
        "update",
        {"annual_turnover": ["Rp120.000.000", "Rp150.000.000"]},
    )


def test_applied_update_changes_the_register(run_import, jember):
    run_import([row(1)])
    job = run_import([row(1, Omzet_per_Tahun="Rp 150.000.000")])
    assert (job.updated_count, enterprises_of(jember).get().annual_turnover) == (1, 150_000_000)


def test_empty_cell_never_clears_a_register_value(run_import, jember):
    run_import([row(1)])
    job = run_import([row(1, Modal="")])
    assert (_only(job).outcome, enterprises_of(jember).get().capital) == ("unchanged", 25_000_000)


def test_existing_enterprise_is_matched_by_nib(start_import, jember):
    licence = LicenceFactory(
        number="9120000000001",
        enterprise__name="Nama Lama Sekali",
        enterprise__owner__nik=nik_for(1, woman=True),
    )
    import_row = _only(start_import([row(1)]))
    assert (import_row.outcome, import_row.enterprise_id) == ("update", licence.enterprise_id)
    assert import_row.changes["name"] == ["Nama Lama Sekali", "Keripik Tempe Sari 1"]


def test_existing_enterprise_is_matched_by_nik_and_a_similar_name(start_import, jember):
    owner = OwnerFactory(nik=nik_for(1, woman=True), name="Sri Wahyuni 1")
    enterprise = EnterpriseFactory(owner=owner, name="Kripik Tempe Sari 1")
    import_row = _only(start_import([row(1, NIB="")]))
    assert (import_row.outcome, import_row.enterprise_id) == ("update", enterprise.pk)


def test_same_nik_with_another_business_is_a_new_enterprise_of_the_same_owner(run_import, jember):
    owner = OwnerFactory(nik=nik_for(1, woman=True), name="Sri Wahyuni 1")
    EnterpriseFactory(owner=owner, name="Batik Tulis Sekar")
    run_import([row(1, NIB="")])
    assert sorted(enterprises_of(jember).filter(owner=owner).values_list("name", flat=True)) == [
        "Batik Tulis Sekar",
        "Keripik Tempe Sari 1",
    ]


def test_two_rows_of_one_owner_create_one_owner(run_import, jember):
    run_import(
        [
            row(1),
            row(
                2,
                NIK=nik_for(1, woman=True),
                Nama_Pemilik="Sri Wahyuni 1",
                No_HP_WA="08123000001",
                Nama_Usaha="Batik Sekar",
            ),
        ]
    )
    assert Owner.objects.with_scope(region=jember.pk).count() == 1


def test_same_nib_twice_in_a_file_is_rejected(start_import):
    job = start_import([row(1), row(2, NIB="9120000000001")])
    assert [_codes(r) for r in rows_of(job)] == [[], ["nib.duplicate_in_file"]]


def test_nik_of_another_owner_on_a_matched_enterprise_is_rejected(start_import):
    LicenceFactory(number="9120000000001", enterprise__owner__nik=nik_for(7))
    assert _codes(_only(start_import([row(1)]))) == ["nik.owner_mismatch"]


def test_owner_changes_are_shown_masked(run_import, start_import):
    run_import([row(1)])
    import_row = _only(start_import([row(1, No_HP_WA="0813-9999-8888")]))
    old, new = import_row.changes["phone"]
    assert old.startswith("+6") and "•" in new and "9999" not in new


def test_raw_values_are_kept_only_for_rejected_rows(start_import):
    job = start_import([row(1), row(2, NIK="3,50912E+15")])
    kept = {r.row_number: r.raw_values for r in rows_of(job)}
    assert kept[2] == "" and json.loads(kept[3])[3] == "3,50912E+15"


def test_raw_values_are_encrypted_at_rest(start_import):
    from django.db import connection

    job = start_import([row(2, NIK="3,50912E+15")])
    with connection.cursor() as cursor:
        cursor.execute("SELECT raw_values FROM registry_importrow WHERE job_id = %s", [job.pk])
        (stored,) = cursor.fetchone()
    assert "3,50912E+15" not in stored and "Sri" not in stored


def test_upload_is_deleted_once_applied(run_import):
    job = run_import([row(1)])
    assert not job.file


def test_upload_is_kept_while_the_job_waits(start_import):
    job = start_import([row(1)])
    assert default_storage.exists(job.file.name)


def test_cancel_deletes_the_upload(start_import, officer):
    job = start_import([row(1)])
    name = job.file.name
    services.import_job_cancel(actor=officer, job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.file.name, default_storage.exists(name)) == ("cancelled", "", False)


def test_unknown_header_asks_for_the_mapping(start_import, jember):
    job = start_import(
        xlsx_bytes([["Keripik Tempe", "Sri", "x"]], headers=["Nama Usaha", "Nama Pemilik", "Catatan"])
    )
    assert (job.status, job.column_mapping) == ("needs_mapping", {"0": "name", "1": "owner_name"})


def test_mapping_a_column_starts_the_check(start_import, officer):
    job = start_import(
        xlsx_bytes([["Keripik Tempe", "Sri", "Kopi"]], headers=["Nama Usaha", "Nama Pemilik", "Produk"])
    )
    services.import_job_map(
        actor=officer, job_id=job.pk, mapping={0: "name", 1: "owner_name", 2: "description"}
    )
    job.refresh_from_db()
    assert (job.status, rows_of(job)[0].outcome) == ("previewed", "new")


def test_mapping_the_same_field_twice_is_refused(start_import, officer):
    from sahabat.core.errors import DomainError

    job = start_import(xlsx_bytes([["A", "B", "C"]], headers=["Nama Usaha", "Nama Pemilik", "Produk"]))
    with pytest.raises(DomainError) as refusal:
        services.import_job_map(actor=officer, job_id=job.pk, mapping={0: "name", 1: "owner_name", 2: "name"})
    assert refusal.value.errors[0].code == "import.field_twice"


def test_the_chosen_sheet_is_read(start_import):
    data = xlsx_bytes([row(1)], sheet="2023", other_sheets={"2024": [HEADERS, row(2)]})
    job = start_import(data, sheet="2024")
    assert job.sheet_name == "2024" and job.sheet_names == ["2023", "2024"]


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"%PDF-1.7 not a sheet", "umkm.pdf", "import.file_type"),
        (b"\x89PNG\r\n\x1a\n0000", "umkm.xlsx", "import.malformed"),
        (b"", "umkm.csv", "import.empty"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_stored(start_import, jember, data, name, code):
    from sahabat.core.errors import DomainError

    with pytest.raises(DomainError) as refusal:
        start_import(data, name=name)
    assert refusal.value.errors[0].code == code
    assert ImportJob.objects.with_scope(region=jember.pk).count() == 0


def test_wrong_sheet_is_refused_and_nothing_is_stored(start_import, jember):
    from sahabat.core.errors import DomainError

    with pytest.raises(DomainError):
        start_import([row(1)], sheet="Tidak Ada")
    assert ImportJob.objects.with_scope(region=jember.pk).count() == 0


def test_oversized_upload_is_refused(officer, jember, monkeypatch):
    from sahabat.core.errors import DomainError

    monkeypatch.setattr(reader, "IMPORT_MAX_UPLOAD_BYTES", 1000)
    with pytest.raises(DomainError) as refusal:
        services.import_job_create(actor=officer, region=jember, upload=upload(xlsx_bytes([row(1)])))
    assert refusal.value.errors[0].code == "import.too_large"


def test_large_file_is_checked_and_applied_by_the_background_worker(run_import, jember, monkeypatch):
    monkeypatch.setattr(services, "IMPORT_INLINE_MAX_ROWS", 1)
    job = run_import([row(1), row(2), row(3)])
    assert (job.status, job.created_count) == ("applied", 3)


def test_crash_while_applying_all_or_nothing_leaves_the_register_unchanged(run_import, jember, monkeypatch):
    def crash(self, plans):
        raise RuntimeError("disk full")

    monkeypatch.setattr(pipeline.RegisterWriter, "_create_enterprises", crash)
    job = run_import([row(1), row(2)])
    assert (job.status, bool(job.error)) == ("failed", True)
    assert Owner.objects.with_scope(region=jember.pk).count() == 0


def test_failure_part_way_through_valid_rows_only_says_how_far_it_got(run_import, jember, monkeypatch):
    monkeypatch.setattr(services, "APPLY_CHUNK_ROWS", 1)
    original = pipeline.RegisterWriter._create_enterprises

    def crash_on_third(self, plans):
        if plans and plans[0].row.number == 4:
            raise RuntimeError("disk full")
        original(self, plans)

    monkeypatch.setattr(pipeline.RegisterWriter, "_create_enterprises", crash_on_third)
    job = run_import([row(1), row(2), row(3)], mode="valid_only")
    assert (job.status, job.created_count, enterprises_of(jember).count()) == ("failed", 2, 2)
    assert "4" in job.error


def test_other_region_cannot_apply_a_job(start_import, sarolangun, member_of, actor_of):
    from sahabat.accounts.permissions import Role
    from sahabat.core.errors import NotFound

    job = start_import([row(1)])
    stranger = actor_of(member_of(sarolangun, Role.REGION_ADMIN))
    with pytest.raises(NotFound):
        services.import_job_apply(actor=stranger, job_id=job.pk, mode="valid_only")


def test_viewer_cannot_import(jember, member_of, actor_of):
    from sahabat.accounts.permissions import Role
    from sahabat.core.errors import PermissionDenied

    viewer = actor_of(member_of(jember, Role.VIEWER))
    with pytest.raises(PermissionDenied):
        services.import_job_create(actor=viewer, region=jember, upload=upload(xlsx_bytes([row(1)])))


def test_an_applied_job_cannot_be_applied_again(run_import, officer, jember):
    from sahabat.core.errors import DomainError

    job = run_import([row(1)])
    with pytest.raises(DomainError) as refusal:
        services.import_job_apply(actor=officer, job_id=job.pk, mode="valid_only")
    assert (refusal.value.errors[0].code, enterprises_of(jember).count()) == ("import.not_ready", 1)


def test_apply_writes_one_audit_entry_naming_the_job(run_import):
    from auditlog.models import LogEntry

    job = run_import([row(1), row(2)])
    entries = LogEntry.objects.filter(object_pk=str(job.pk), content_type__model="importjob")
    assert entries.filter(changes__icontains="applied").count() == 1
    assert not LogEntry.objects.filter(content_type__model="enterprise").exists()
