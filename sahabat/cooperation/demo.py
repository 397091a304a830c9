"""The cooperation part of `sahabat demo`: the Sarolangun–Jember cooperation as it began.

On Saturday 5 August 2023, at the Pendopo of the Bupati of Jember, the Penjabat Bupati of
Sarolangun (Dr. Ir. Bachril Bakri, M.App.Sc.) and the Bupati of Jember (Ir. H. Hendy Siswanto,
S.T., IPU) signed a Kesepakatan Bersama to develop UMKM together, with a studi tiru of Jember's
programme (as reported by the Sarolangun regency's own news). The signatories and the date are
public; everything else here is demo data: the document numbers, the five-year validity, the PKS
between the two agencies and the names of their heads, the action plan, the monitoring reports,
the costs and KPIs of the practice and the milestones of its adoption.

Runs after the register, events and purchasing demos, so that the report's indicators have
figures to read. Running it again adds nothing.
"""

from __future__ import annotations

from datetime import date

from sahabat.accounts.actor import Actor
from sahabat.cooperation import services
from sahabat.cooperation.models import ActionItem, Adoption, Agreement
from sahabat.purchasing.models import Agency
from sahabat.regions.models import Region

JEMBER = "35.09"
SAROLANGUN = "15.03"
MOU, PKS = "mou", "pks"
MOU_TITLE = (
    "Kesepakatan Bersama antara Pemerintah Kabupaten Jember dan Pemerintah Kabupaten Sarolangun "
    "tentang Pengembangan Usaha Mikro, Kecil, dan Menengah"
)
SIGNED_ON = date(2023, 8, 5)
MOU_VALID_UNTIL = date(2028, 8, 4)
PKS_TITLE = (
    "Perjanjian Kerja Sama antara Dinas Koperasi dan Usaha Mikro Kabupaten Jember dan Dinas Perindustrian, "
    "Perdagangan, Koperasi dan UKM Kabupaten Sarolangun tentang Pendampingan Pengembangan UMKM"
)
NEWS_OF_THE_SIGNING = (
    "https://sarolangunkab.go.id/berita/baca/"
    "kembangkan-umkm-di-sarolangun-pj-bupati-bachril-bakri-teken-mou-dengan-bupati-jember"
)

PRACTICE = {
    "title": "Pengembangan UMKM Jember: satu data, iven, dan belanja ASN",
    "summary": (
        "Jember mengembangkan UMKM dengan satu basis data UMKM, iven daerah yang ramai dikunjungi "
        "(Jember Fashion Carnaval) tempat UMKM berjualan, dan belanja ASN serta perangkat daerah pada UMKM."
    ),
    "goal": (
        "Menaikkan omzet dan jangkauan pasar UMKM Jember melalui data yang rapi, iven yang dicintai "
        "warga, dan belanja pemerintah daerah pada produk UMKM."
    ),
    "steps": "\n".join(
        (
            "Menyatukan data UMKM dari lima perangkat daerah menjadi satu register per kecamatan dan desa",
            "Menjadwalkan iven daerah dan membuka lapak untuk UMKM, termasuk UMKM dari daerah mitra",
            "Mengukur omzet dan pengunjung iven secara langsung terhadap target",
            "Mengajak ASN dan perangkat daerah berbelanja pada UMKM (minimal 40% belanja barang/jasa)",
            "Mengundang investor ke proyek besar daerah",
            "Memantau capaian dan melaporkannya kepada Bupati setiap bulan",
        )
    ),
    "cost": 4_200_000_000,
    "cost_notes": "Pendataan, penyelenggaraan iven UMKM, pendampingan dan kurasi produk (APBD 2023).",
    "kpis": "\n".join(
        (
            "1.000.000 pengunjung Jember Fashion Carnaval dalam 3 hari",
            "Omzet UMKM Rp500 miliar dari seminggu sebelum hingga seminggu sesudah iven",
            "Minimal 40% belanja barang/jasa perangkat daerah untuk usaha mikro dan kecil",
            "Seluruh UMKM terdata dalam satu register",
        )
    ),
    "results": (
        "Register UMKM terpadu per desa; ratusan UMKM berjualan di JFC 2023, termasuk tamu dari Sarolangun."
    ),
    "contact_office": "Dinas Koperasi dan Usaha Mikro Kabupaten Jember",
    "contact_name": "Rudi Hartono",
    "contact_position": "Kepala Bidang Pemberdayaan Usaha Mikro",
    "contact_email": "kerjasama.umkm@jemberkab.example",
    "is_shared": True,
}

# (agreement, title, responsible region, due date, status, progress, description): the visits, the
# carnival and the ASN programme are the regions' own (the MoU); the agencies' work is the PKS's.
ACTION_ITEMS = (
    (
        MOU,
        "Kunjungan studi tiru tim Kabupaten Sarolangun ke Kabupaten Jember",
        SAROLANGUN,
        date(2023, 8, 5),
        ActionItem.Status.DONE,
        100,
        "Penandatanganan Kesepakatan Bersama dan paparan program UMKM Jember di Pendopo Bupati Jember.",
    ),
    (
        MOU,
        "UMKM Sarolangun berjualan di Jember Fashion Carnaval 2023",
        JEMBER,
        date(2023, 8, 4),
        ActionItem.Status.DONE,
        100,
        "Jember menyediakan lapak bagi UMKM kurasi Sarolangun selama masa iven.",
    ),
    (
        PKS,
        "Pendataan UMKM Sarolangun dalam satu register (replikasi pendataan terpadu Jember)",
        SAROLANGUN,
        date(2025, 6, 30),
        ActionItem.Status.DONE,
        100,
        "",
    ),
    (
        MOU,
        "Replikasi program belanja ASN pada UMKM di Kabupaten Sarolangun",
        SAROLANGUN,
        date(2026, 12, 31),
        ActionItem.Status.IN_PROGRESS,
        45,
        "Surat edaran Bupati tentang belanja ASN pada UMKM dan pencatatan belanja per perangkat daerah.",
    ),
    (
        MOU,
        "Kunjungan balasan tim Kabupaten Jember ke Kabupaten Sarolangun",
        JEMBER,
        date(2026, 10, 31),
        ActionItem.Status.IN_PROGRESS,
        60,
        "Pendampingan penyusunan iven UMKM Sarolangun dan evaluasi bersama.",
    ),
    (
        PKS,
        "Pelatihan kurasi produk dan kemasan bagi UMKM Sarolangun",
        JEMBER,
        date(2027, 3, 31),
        ActionItem.Status.PLANNED,
        0,
        "",
    ),
)

MILESTONES = (
    ("Studi tiru ke Jember", date(2023, 8, 5), date(2023, 8, 5)),
    ("Register UMKM Sarolangun terpadu", date(2025, 6, 30), date(2025, 6, 20)),
    ("Surat edaran belanja ASN pada UMKM", date(2026, 3, 31), date(2026, 3, 24)),
    ("Iven UMKM Sarolangun dengan target pengunjung dan omzet", date(2026, 11, 15), None),
    ("Evaluasi bersama dengan Jember", date(2027, 2, 28), None),
)

# (year, half, findings, recommendations); the first covers the Jember Fashion Carnaval 2023.
REPORTS = (
    (
        2023,
        2,
        "Tim Sarolangun melakukan studi tiru di Jember pada 5 Agustus 2023. UMKM Sarolangun berjualan di "
        "Jember Fashion Carnaval 2023 dan omzetnya tercatat langsung bersama UMKM Jember.",
        "Sarolangun menyatukan data UMKM-nya dalam satu register sebelum menyusun iven sendiri.",
    ),
    (
        2025,
        2,
        "Register UMKM Sarolangun telah disatukan. Belanja ASN pada UMKM belum tercatat rutin di semua "
        "perangkat daerah.",
        "Sarolangun menerbitkan surat edaran belanja ASN pada UMKM; Jember mendampingi pencatatan per "
        "perangkat daerah.",
    ),
    (
        2026,
        1,
        "Surat edaran belanja ASN terbit pada Maret 2026. Kunjungan balasan tim Jember dijadwalkan "
        "semester berikutnya.",
        "Menyusun iven UMKM Sarolangun dengan target pengunjung dan omzet, seperti Jember mengukur JFC.",
    ),
)


def _agency(region: Region, name_part: str) -> Agency | None:
    return Agency.unscoped.filter(region=region, name__icontains=name_part).first()


def demo_load(*, stdout) -> None:
    if Agreement.unscoped.filter(title=MOU_TITLE).exists():
        stdout.write("cooperation: the Sarolangun–Jember agreement is already there; left as it is")
        return
    system = Actor.system()
    jember = Region.objects.get(code=JEMBER)
    sarolangun = Region.objects.get(code=SAROLANGUN)
    mou = services.agreement_create(
        actor=system,
        region=jember,
        parties=[
            services.PartyData(
                jember, "180/27/35.09.1.2/2023", "Ir. H. Hendy Siswanto, S.T., IPU", "Bupati Jember"
            ),
            services.PartyData(
                sarolangun,
                "130/112/TAPEM/2023",
                "Dr. Ir. Bachril Bakri, M.App.Sc.",
                "Penjabat Bupati Sarolangun",
            ),
        ],
        type=Agreement.Type.MOU,
        title=MOU_TITLE,
        purpose=(
            "Saling belajar dan bekerja sama mengembangkan UMKM kedua daerah melalui studi tiru program UMKM "
            "Jember, pemasaran bersama, dan pertukaran data."
        ),
        fields_of_cooperation="\n".join(
            (
                "Pendataan UMKM terpadu",
                "Pemasaran produk UMKM melalui iven daerah",
                "Belanja ASN dan perangkat daerah pada UMKM",
                "Peningkatan kapasitas aparatur dan pelaku UMKM",
                "Pertukaran data dan informasi",
            )
        ),
        funding_source="APBD masing-masing pihak dan sumber lain yang sah dan tidak mengikat",
        signed_on=SIGNED_ON,
        valid_from=SIGNED_ON,
        valid_until=MOU_VALID_UNTIL,
        implementing_agencies="\n".join(
            (
                "Dinas Koperasi dan Usaha Mikro Kabupaten Jember",
                "Dinas Perindustrian dan Perdagangan Kabupaten Jember",
                "Dinas Perindustrian, Perdagangan, Koperasi dan UKM Kabupaten Sarolangun",
                "DPMPTSP Kabupaten Sarolangun",
            )
        ),
    )
    services.agreement_sign(actor=system, agreement_id=mou.pk, signed_on=SIGNED_ON)
    pks = services.agreement_create(
        actor=system,
        region=sarolangun,
        parties=[
            services.PartyData(
                jember,
                "500.3/145/35.09.311/2024",
                "Siti Rahmawati, S.E., M.M.",
                "Kepala Dinas Koperasi dan Usaha Mikro Kabupaten Jember",
            ),
            services.PartyData(
                sarolangun,
                "500/88/DISPERINDAGKOP/2024",
                "Ahmad Fauzi, S.STP., M.Si.",
                "Kepala Dinas Perindustrian, Perdagangan, Koperasi dan UKM Kabupaten Sarolangun",
            ),
        ],
        type=Agreement.Type.PKS,
        parent=mou,
        title=PKS_TITLE,
        purpose="Pendampingan Dinas Koperasi dan Usaha Mikro Jember bagi pengembangan UMKM Sarolangun.",
        fields_of_cooperation="Pendataan UMKM\nKurasi dan pemasaran produk\nBelanja ASN pada UMKM",
        funding_source="DPA masing-masing dinas",
        signed_on=date(2024, 2, 20),
        valid_from=date(2024, 3, 1),
        valid_until=date(2026, 12, 31),
        implementing_agencies=(
            "Dinas Koperasi dan Usaha Mikro Kabupaten Jember\n"
            "Dinas Perindustrian, Perdagangan, Koperasi dan UKM Kabupaten Sarolangun"
        ),
    )
    services.agreement_sign(actor=system, agreement_id=pks.pk, signed_on=date(2024, 2, 20))
    regions = {JEMBER: jember, SAROLANGUN: sarolangun}
    items = []
    agreements = {MOU: mou, PKS: pks}
    for plan, title, owner, due, status, progress, description in ACTION_ITEMS:
        agreement = agreements[plan]
        owner_region = regions[owner]
        items.append(
            services.action_item_create(
                actor=system,
                agreement_id=agreement.pk,
                title=title,
                description=description,
                owner_region=owner_region,
                agency=_agency(owner_region, "Koperasi"),
                due_date=due,
                status=status,
                progress=progress,
            )
        )
    services.action_evidence_add(
        actor=system,
        action_item_id=items[0].pk,
        caption="Berita penandatanganan MoU",
        url=NEWS_OF_THE_SIGNING,
    )
    services.action_comment_add(
        actor=system,
        action_item_id=items[4].pk,
        region=sarolangun,
        text="Mohon konfirmasi jadwal kunjungan; Sarolangun siap menerima tim Jember.",
    )
    for year, half, findings, recommendations in REPORTS:
        report = services.report_create(
            actor=system,
            agreement_id=mou.pk,
            region=sarolangun,
            year=year,
            half=half,
            findings=findings,
            recommendations=recommendations,
        )
        services.report_finalise(actor=system, report_id=report.pk)
    practice = services.practice_save(actor=system, region=jember, **PRACTICE)
    adoption = services.adoption_create(
        actor=system,
        region=sarolangun,
        practice_id=practice.pk,
        agreement_id=mou.pk,
        started_on=date(2023, 8, 5),
        goal="Menerapkan satu data UMKM, iven UMKM daerah, dan belanja ASN pada UMKM di Sarolangun.",
        adaptations=(
            "Skala iven disesuaikan dengan jumlah penduduk Sarolangun; pendataan dimulai dari kecamatan "
            "Sarolangun dan Pelawan."
        ),
        kpis="\n".join(
            (
                "Seluruh UMKM terdata dalam satu register",
                "Belanja ASN pada UMKM tercatat setiap bulan",
                "Satu iven UMKM per tahun",
            )
        ),
        status=Adoption.Status.IN_PROGRESS,
    )
    for title, due, done in MILESTONES:
        milestone = services.milestone_add(actor=system, adoption_id=adoption.pk, title=title, due_date=due)
        if done:
            services.milestone_complete(actor=system, milestone_id=milestone.pk, done_on=done)
    reminders = services.reminders_send()
    stdout.write(
        f"cooperation: MoU of {SIGNED_ON:%d-%m-%Y} with a PKS, {len(items)} action items, "
        f"{len(REPORTS)} monitoring reports, a practice and its adoption, {reminders} reminders"
    )
