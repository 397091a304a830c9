"""The columns an import understands: one field per register value, with the header spellings in use.

Headers are compared after `header_key` folds them (case, spaces, punctuation), so "Nama Usaha",
"NAMA_USAHA" and "nama usaha:" are one key. The national SIDT KUMKM export uses upper-case names with
underscores; Dinas spreadsheets use free Indonesian labels. Both live in the same table.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# A column the import reads but never stores (a running number, the province of a national export).
IGNORE = ""


@dataclass(frozen=True)
class Column:
    field: str
    label: str
    # The header written in the downloadable template: Indonesian, as Dinas staff write it.
    header: str
    example: object
    synonyms: tuple[str, ...]
    required: bool = False


COLUMNS: tuple[Column, ...] = (
    Column(
        "name",
        _("Business name"),
        "Nama Usaha",
        "Keripik Tempe Bu Sri",
        (
            "nama usaha",
            "nama umkm",
            "nama ukm",
            "nama perusahaan",
            "nama toko",
            "nama badan usaha",
            "nama unit usaha",
            "usaha",
        ),
        required=True,
    ),
    Column(
        "brand", _("Brand"), "Merek", "Tempe Sri", ("merek", "merk", "brand", "merek dagang", "nama merek")
    ),
    Column(
        "owner_name",
        _("Owner's name"),
        "Nama Pemilik",
        "Sri Wahyuni",
        (
            "nama pemilik",
            "pemilik",
            "nama pemilik usaha",
            "nama pelaku usaha",
            "pelaku usaha",
            "nama lengkap",
            "nama",
        ),
    ),
    Column(
        "nik",
        _("Owner's NIK"),
        "NIK",
        "3509015708900012",
        (
            "nik",
            "nik pemilik",
            "no nik",
            "nomor nik",
            "no ktp",
            "nomor ktp",
            "ktp",
            "nomor induk kependudukan",
            "nik ktp",
        ),
    ),
    Column(
        "sex",
        _("Owner's sex"),
        "Jenis Kelamin",
        "P",
        ("jenis kelamin", "jenis kelamin pemilik", "kelamin", "jk", "l p", "gender"),
    ),
    Column(
        "has_disability",
        _("Owner has a disability"),
        "Pemilik Penyandang Disabilitas",
        "Tidak",
        (
            "pemilik penyandang disabilitas",
            "penyandang disabilitas",
            "disabilitas",
            "disabilitas pemilik",
            "status disabilitas",
            "jenis disabilitas",
            "difabel",
        ),
    ),
    Column(
        "phone",
        _("Owner's mobile / WhatsApp"),
        "No HP/WA",
        "0812-3456-7890",
        (
            "no hp wa",
            "no hp",
            "nomor hp",
            "no handphone",
            "hp",
            "no wa",
            "nomor wa",
            "whatsapp",
            "no whatsapp",
            "nomor whatsapp",
            "no hp pemilik",
            "no telp",
            "no telepon",
            "nomor telepon",
            "telepon",
            "telp",
            "kontak",
        ),
    ),
    Column(
        "email",
        _("Owner's e-mail"),
        "Email",
        "sri.wahyuni@example.id",
        ("email", "e mail", "alamat email", "surel", "email pemilik"),
    ),
    Column(
        "owner_address",
        _("Owner's home address"),
        "Alamat Pemilik",
        "Jl. Kenanga 5, Sumbersari",
        ("alamat pemilik", "alamat ktp", "alamat rumah", "alamat domisili", "alamat tempat tinggal"),
    ),
    Column(
        "business_phone",
        _("Business phone"),
        "Telepon Usaha",
        "(0331) 123456",
        ("telepon usaha", "no telp usaha", "no telepon usaha", "telepon kantor", "no hp usaha"),
    ),
    Column(
        "address",
        _("Business address"),
        "Alamat Usaha",
        "Jl. Kalimantan 37",
        (
            "alamat usaha",
            "alamat",
            "alamat tempat usaha",
            "lokasi usaha",
            "alamat lengkap",
            "alamat lokasi usaha",
        ),
    ),
    Column("rt_rw", _("RT/RW"), "RT/RW", "001/002", ("rt rw", "rt rw usaha")),
    Column("rt", _("RT"), "RT", None, ("rt",)),
    Column("rw", _("RW"), "RW", None, ("rw",)),
    Column(
        "district",
        _("District (kecamatan)"),
        "Kecamatan",
        "Sumbersari",
        ("kecamatan", "kec", "nama kecamatan", "kode kecamatan", "kecamatan usaha"),
    ),
    Column(
        "village",
        _("Village (desa/kelurahan)"),
        "Desa/Kelurahan",
        "Tegal Gede",
        (
            "desa kelurahan",
            "kelurahan desa",
            "desa",
            "kelurahan",
            "kel desa",
            "desa kel",
            "nama desa",
            "nama kelurahan",
            "kode desa",
            "kode kelurahan",
        ),
    ),
    Column("postal_code", _("Postal code"), "Kode Pos", "68121", ("kode pos", "kodepos")),
    Column(
        "nib",
        _("NIB"),
        "NIB",
        "9120001234567",
        ("nib", "no nib", "nomor nib", "nomor induk berusaha", "nib usaha"),
    ),
    Column(
        "kbli", _("KBLI codes"), "KBLI", "10794", ("kbli", "kode kbli", "kbli kode", "no kbli", "kbli usaha")
    ),
    Column("kbli_version", _("KBLI version"), "Versi KBLI", 2020, ("versi kbli", "kbli versi", "tahun kbli")),
    Column(
        "sector",
        _("Sector"),
        "Sektor",
        "Kuliner",
        ("sektor", "sektor usaha", "bidang usaha", "jenis usaha", "kategori usaha", "lapangan usaha"),
    ),
    Column(
        "description",
        _("Short description"),
        "Deskripsi Usaha",
        "Keripik tempe aneka rasa",
        ("deskripsi usaha", "deskripsi", "uraian usaha", "produk utama", "jenis produk", "keterangan usaha"),
    ),
    Column(
        "capital",
        _("Business capital (Rp)"),
        "Modal",
        "Rp 25.000.000",
        ("modal", "modal usaha", "aset", "asset", "aset usaha", "nilai aset", "modal rp", "kekayaan bersih"),
    ),
    Column(
        "annual_turnover",
        _("Annual turnover (Rp)"),
        "Omzet per Tahun",
        "120 jt",
        (
            "omzet per tahun",
            "omset per tahun",
            "omzet",
            "omset",
            "omzet tahunan",
            "omset tahunan",
            "omzet setahun",
            "omset setahun",
            "penjualan per tahun",
            "hasil penjualan tahunan",
            "omzet rp",
        ),
    ),
    Column(
        "workers",
        _("Workers (total)"),
        "Jumlah Tenaga Kerja",
        3,
        (
            "jumlah tenaga kerja",
            "tenaga kerja",
            "jml tenaga kerja",
            "jumlah karyawan",
            "karyawan",
            "jumlah pekerja",
            "tk",
        ),
    ),
    Column(
        "workers_male",
        _("Male workers"),
        "Tenaga Kerja Laki-laki",
        1,
        (
            "tenaga kerja laki laki",
            "tenaga kerja l",
            "jumlah tenaga kerja l",
            "tenaga kerja laki",
            "tenaga kerja pria",
            "tk laki laki",
            "tk laki",
            "tk l",
            "jumlah tenaga kerja laki laki",
            "karyawan laki laki",
        ),
    ),
    Column(
        "workers_female",
        _("Female workers"),
        "Tenaga Kerja Perempuan",
        2,
        (
            "tenaga kerja perempuan",
            "tenaga kerja p",
            "jumlah tenaga kerja p",
            "tenaga kerja wanita",
            "tk perempuan",
            "tk p",
            "jumlah tenaga kerja perempuan",
            "karyawan perempuan",
        ),
    ),
    Column(
        "founding_year",
        _("Founding year"),
        "Tahun Berdiri",
        2018,
        (
            "tahun berdiri",
            "tahun mulai usaha",
            "mulai usaha",
            "tahun pendirian",
            "berdiri sejak",
            "tahun usaha",
        ),
    ),
    Column(
        "reported_scale",
        _("Reported scale"),
        "Skala Usaha",
        "Mikro",
        ("skala usaha", "skala", "kategori umkm", "klasifikasi usaha", "jenis umkm", "skala umkm"),
    ),
)

COLUMNS_BY_FIELD = {column.field: column for column in COLUMNS}
REQUIRED_FIELDS = tuple(column.field for column in COLUMNS if column.required)

# Columns the import never stores: row numbers, and the place of a national export whose region is the job's.
IGNORED_HEADERS = (
    "no",
    "no urut",
    "nomor",
    "nomor urut",
    "provinsi",
    "kabupaten",
    "kota",
    "kabupaten kota",
    "kab kota",
    "nama provinsi",
    "nama kabupaten kota",
    # The reasons column of a rejected-rows file, when the corrected file comes back.
    "alasan penolakan",
)

_NOT_ALPHANUMERIC = re.compile(r"[^0-9a-z]+")


def header_key(text: object) -> str:
    """One key for every spelling of a header: "No. HP/WA", "NO_HP_WA" and "no hp wa" all give "nohpwa"."""
    folded = unicodedata.normalize("NFKD", str(text or "")).casefold()
    return _NOT_ALPHANUMERIC.sub("", "".join(char for char in folded if not unicodedata.combining(char)))


def _synonym_table() -> dict[str, str]:
    table = {header_key(header): IGNORE for header in IGNORED_HEADERS}
    for column in COLUMNS:
        for spelling in (column.field, column.header, *column.synonyms):
            key = header_key(spelling)
            if key in table and table[key] != column.field:
                raise ValueError(f"Header {spelling!r} is claimed by two fields")
            table[key] = column.field
    # The SIDT KUMKM export: upper case with underscores, keys fold to the same form as the labels above.
    table.update(
        {
            header_key("NIK_PEMILIK"): "nik",
            header_key("NAMA_PEMILIK"): "owner_name",
            header_key("JENIS_KELAMIN"): "sex",
            header_key("ALAMAT_USAHA"): "address",
            header_key("KELURAHAN_DESA"): "village",
            header_key("NO_HP"): "phone",
            header_key("SEKTOR_USAHA"): "sector",
            header_key("OMSET_PER_TAHUN"): "annual_turnover",
            header_key("MODAL_USAHA"): "capital",
            header_key("ASET"): "capital",
            header_key("JUMLAH_TENAGA_KERJA"): "workers",
            header_key("TENAGA_KERJA_LAKI_LAKI"): "workers_male",
            header_key("TENAGA_KERJA_PEREMPUAN"): "workers_female",
            header_key("TAHUN_BERDIRI"): "founding_year",
            header_key("SKALA_USAHA"): "reported_scale",
            header_key("KODE_KBLI"): "kbli",
            header_key("KODE_POS"): "postal_code",
            header_key("DISABILITAS"): "has_disability",
        }
    )
    return table


SYNONYMS = _synonym_table()


def field_for_header(text: object) -> str | None:
    """The field a header names, IGNORE for a known column the import does not store, None when unknown."""
    return SYNONYMS.get(header_key(text))


def field_choices() -> list[tuple[str, str]]:
    """Choices for the mapping step: every field, and "ignore this column"."""
    return [(IGNORE, _("Ignore this column")), *((column.field, column.label) for column in COLUMNS)]


# Register attributes whose import column has another name.
_ATTRIBUTE_FIELDS = {"kbli_codes": "kbli", "workers_unspecified": "workers"}


def field_label(name: str) -> str:
    """The label people read for a field or register attribute named in a row's diff."""
    column = COLUMNS_BY_FIELD.get(_ATTRIBUTE_FIELDS.get(name, name))
    return str(column.label) if column else name
