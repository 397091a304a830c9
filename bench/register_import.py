"""Benchmark: import a 100,000-row SIDT-like .xlsx end to end and compare with the raw read of the same file.

Run with `make bench` or `python -m bench.register_import [--rows N] [--profile]`. It works in a temporary
SQLite database that it migrates itself, never in the developer's var/ database.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

SIDT_HEADERS = [
    "NO",
    "NAMA_USAHA",
    "NIK_PEMILIK",
    "NAMA_PEMILIK",
    "JENIS_KELAMIN",
    "ALAMAT_USAHA",
    "KECAMATAN",
    "KELURAHAN_DESA",
    "NO_HP",
    "NIB",
    "KBLI",
    "SEKTOR_USAHA",
    "OMSET_PER_TAHUN",
    "MODAL_USAHA",
    "JUMLAH_TENAGA_KERJA",
]
PRODUCTS = [
    "Keripik Tempe",
    "Suwar-Suwir",
    "Prol Tape",
    "Kopi Bubuk",
    "Batik Tulis",
    "Bakso",
    "Tahu Walik",
    "Kerajinan Bambu",
    "Madu Hutan",
    "Edamame Beku",
]
FIRST_NAMES = ["Sri", "Budi", "Siti", "Agus", "Dewi", "Joko", "Nur", "Eko", "Rina", "Hadi"]
SECTORS = ["Kuliner", "KULINER", "Fashion", "Kerajinan", "Perdagangan", "Jasa", "Pertanian"]


def _setup_django(database: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sahabat.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _places(regency):
    from sahabat.regions.models import Region

    districts = list(Region.objects.filter(parent=regency, level=Region.Level.DISTRICT).order_by("code"))
    villages = {
        district.pk: list(Region.objects.filter(parent=district).values_list("name", flat=True))
        for district in districts
    }
    return [(district, villages[district.pk]) for district in districts if villages[district.pk]]


def generate(rows: int, regency, seed: int = 35) -> bytes:
    """A file like the national SIDT KUMKM export, with the spelling variety of real ones."""
    from openpyxl import Workbook

    generator = random.Random(seed)
    places = _places(regency)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("SIDT")
    sheet.append(["DATA UMKM KABUPATEN JEMBER (SIDT KUMKM)"])
    sheet.append([])
    sheet.append(SIDT_HEADERS)
    for number in range(1, rows + 1):
        district, villages = places[number % len(places)]
        woman = number % 2 == 0
        day = 1 + number % 28 + (40 if woman else 0)
        birth = f"{day:02d}{1 + number % 12:02d}{70 + number % 30:02d}"
        nik = f"3509{1 + number % 31:02d}{birth}{number % 9999 + 1:04d}"
        district_name = (district.name, district.name.upper(), f"Kec. {district.name}")[number % 3]
        turnover = generator.randrange(10, 5000) * 1_000_000
        sheet.append(
            [
                number,
                f"{PRODUCTS[number % len(PRODUCTS)]} {FIRST_NAMES[number % len(FIRST_NAMES)]} {number}",
                nik if number % 5 else f"'{nik}",
                f"{FIRST_NAMES[(number * 7) % len(FIRST_NAMES)]} {number}",
                "P" if woman else "L",
                f"Jl. Mawar No. {number % 200 + 1}",
                district_name,
                villages[number % len(villages)],
                f"08{generator.choice('12357')}{number:08d}",
                f"{9120000000000 + number}",
                f"{10000 + number % 90000:05d}" if number % 3 else "",
                SECTORS[number % len(SECTORS)],
                (f"Rp {turnover:,}".replace(",", "."), turnover, f"{turnover // 1_000_000} jt")[number % 3],
                generator.randrange(1, 500) * 1_000_000,
                1 + number % 20,
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def raw_read(data: bytes) -> int:
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return sum(1 for _row in workbook.get_sheet_by_index(0).iter_rows())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--profile", action="store_true", help="print a pyinstrument profile of the import")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sahabat-bench-") as folder:
        _setup_django(Path(folder) / "bench.sqlite3")
        from django_scopes import scopes_disabled

        from sahabat.regions.selectors import region_by_code
        from sahabat.registry.imports.services import import_file_run
        from sahabat.registry.models import ImportJob

        jember = region_by_code("35.09")
        started = time.perf_counter()
        data = generate(options.rows, jember)
        elapsed = time.perf_counter() - started
        print(f"generated {options.rows:,} rows ({len(data) / 1e6:.1f} MB) in {elapsed:.1f} s")

        started = time.perf_counter()
        read_rows = raw_read(data)
        read_seconds = time.perf_counter() - started

        profiler = None
        if options.profile:
            from pyinstrument import Profiler

            profiler = Profiler()
            profiler.start()
        cpu_started = time.process_time()
        with scopes_disabled():
            summary = import_file_run(
                region=jember, data=data, name="sidt.xlsx", mode=ImportJob.Mode.VALID_ONLY
            )
        cpu_seconds = time.process_time() - cpu_started
        if profiler:
            profiler.stop()
            print(
                profiler.output_text(unicode=True, color=False, show_all=os.environ.get("PROFILE_ALL") == "1")
            )
        if summary.rejected or summary.new != options.rows:
            sys.exit(f"unexpected result: {summary}")
        read_rate = read_rows / read_seconds
        print(
            f"raw read (calamine only): {read_rows:,} rows in {read_seconds:.2f} s = {read_rate:,.0f} rows/s"
        )
        print(
            f"end to end (read, validate, encrypt, match, insert): {summary.rows:,} rows in "
            f"{summary.seconds:.2f} s "
            f"= {summary.rows / summary.seconds:,.0f} rows/s ({summary.new:,} new, {summary.rejected} "
            f"rejected)"
        )
        # CPU time is steadier than wall time on a shared machine.
        cpu_rate = summary.rows / cpu_seconds
        print(f"end to end, CPU time of this process: {cpu_seconds:.2f} s = {cpu_rate:,.0f} rows/s")
        # Other work on the machine slows both figures; the load says how busy it was.
        print(f"load average (1 min): {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
