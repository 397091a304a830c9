"""The investment part of `sahabat demo`: Jember's offers, its investor gathering in Jakarta (2021), leads.

Jember courted investors for big regional projects: agro-industry for its coffee, tobacco and edamame,
tourism around Papuma beach, a trade centre. The demo holds those projects, the investors invited to the
Jember Investment Forum in Jakarta (November 2021), and the leads the forum produced at every stage of the
pipeline, moved there through `lead_move` like an officer would. The companies are invented. Sarolangun
gets one project idea of its own. A region that already has projects is left as it is.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from sahabat.accounts.actor import Actor
from sahabat.core.money import rupiah_compact
from sahabat.investment import services
from sahabat.investment.models import PIPELINE_STAGES, InvestmentProject, LeadStage, stage_rank
from sahabat.regions.models import Region
from sahabat.regions.selectors import district_lookup

MILIAR = 1_000_000_000
JEMBER = "35.09"
SAROLANGUN = "15.03"
Project = InvestmentProject


@dataclass(frozen=True)
class DemoProject:
    title: str
    sector: str
    district: str
    value: int
    scheme: str
    status: str
    description: str


JEMBER_PROJECTS = (
    DemoProject(
        "Kawasan Agroindustri Kopi dan Tembakau",
        Project.Sector.AGRO_INDUSTRY,
        "Ajung",
        350 * MILIAR,
        Project.Scheme.PRIVATE,
        Project.Status.IN_NEGOTIATION,
        "Pengolahan kopi robusta dan arabika lereng Argopuro serta tembakau Na-Oogst: gudang, pengeringan, "
        "sangrai dan pengemasan ekspor, dengan pasokan dari petani dan UMKM sekitar.",
    ),
    DemoProject(
        "Pengembangan Wisata Pantai Papuma",
        Project.Sector.TOURISM,
        "Wuluhan",
        120 * MILIAR,
        Project.Scheme.BUMD,
        Project.Status.READY_TO_OFFER,
        "Resor, pondok wisata dan dermaga kecil di kawasan Tanjung Papuma, bersama perusahaan daerah, dengan "
        "lapak kuliner dan kerajinan UMKM.",
    ),
    DemoProject(
        "Pusat Perdagangan Jember",
        Project.Sector.TRADE,
        "Kaliwates",
        250 * MILIAR,
        Project.Scheme.PPP,
        Project.Status.PRE_FEASIBILITY,
        "Pusat grosir dan pameran produk UMKM di pusat kota, dengan skema KPBU ketersediaan layanan.",
    ),
    DemoProject(
        "Pabrik Pengolahan Edamame Beku",
        Project.Sector.AGRO_INDUSTRY,
        "Rambipuji",
        80 * MILIAR,
        Project.Scheme.PRIVATE,
        Project.Status.REALISED,
        "Perluasan pengolahan edamame beku untuk ekspor ke Jepang dengan kemitraan petani.",
    ),
)

SAROLANGUN_PROJECTS = (
    DemoProject(
        "Hilirisasi Karet Rakyat",
        Project.Sector.AGRO_INDUSTRY,
        "Pauh",
        150 * MILIAR,
        Project.Scheme.PRIVATE,
        Project.Status.IDEA,
        "Pabrik crumb rubber dan barang karet setengah jadi dengan pasokan dari kebun karet rakyat.",
    ),
)

# (company, contact person, city, country)
INVESTORS = (
    ("PT Nusantara Agro Lestari", "Hendra Wijaya", "Jakarta", "Indonesia"),
    ("PT Bumi Tembakau Sejahtera", "Andreas Kurniawan", "Surabaya", "Indonesia"),
    ("PT Samudra Wisata Properti", "Maya Anggraini", "Jakarta", "Indonesia"),
    ("PT Graha Niaga Timur", "Rudy Hartono", "Surabaya", "Indonesia"),
    ("Sakura Frozen Foods Co., Ltd.", "Kenji Watanabe", "Osaka", "Jepang"),
    ("Straits Hospitality Pte. Ltd.", "Lim Wei Ling", "Singapura", "Singapura"),
    ("PT Kopi Prima Nusantara", "Dewi Rahmawati", "Bandung", "Indonesia"),
    ("PT Mitra Pasar Modern", "Bambang Santoso", "Jakarta", "Indonesia"),
)

# (investor index, project index, stage, value in miliar, next step, days to the next step, lost reason)
LEADS = (
    (0, 0, LeadStage.AGREEMENT, 180, "Penandatanganan perjanjian kerja sama", 12, ""),
    (1, 0, LeadStage.LOI, 120, "Kunjungan lapangan ke gudang Ajung", 9, ""),
    (6, 0, LeadStage.MEETING, 60, "Presentasi studi kelayakan", 5, ""),
    (2, 1, LeadStage.LOI, 75, "Rapat teknis dengan perusahaan daerah", 15, ""),
    (5, 1, LeadStage.MEETING, 90, "Kirim data kunjungan wisatawan", -3, ""),
    (3, 2, LeadStage.INQUIRY, 0, "Kirim kajian pra-studi kelayakan", 7, ""),
    (7, 2, LeadStage.LOST, 150, "", 0, "Memilih lokasi di Surabaya"),
    (4, 3, LeadStage.REALISED, 80, "", 0, ""),
    (1, 3, LeadStage.LOST, 40, "", 0, "Skala terlalu kecil untuk rencana ekspansi"),
    (5, 0, LeadStage.INQUIRY, 0, "Jadwalkan pertemuan daring", 20, ""),
)


def _project(actor: Actor, region: Region, plan: DemoProject) -> InvestmentProject:
    return services.project_create(
        actor=actor,
        region=region,
        title=plan.title,
        sector=plan.sector,
        district=district_lookup(regency=region, name=plan.district),
        value=plan.value,
        scheme=plan.scheme,
        status=plan.status,
        description=plan.description,
        contact_name="Bidang Promosi Penanaman Modal",
        contact_office=f"DPMPTSP {region.name}",
        contact_email=f"investasi@{region.name.split()[-1].lower()}.example",
        contact_phone="",
    )


def _jember(actor: Actor, region: Region) -> int:
    projects = [_project(actor, region, plan) for plan in JEMBER_PROJECTS]
    investors = [
        services.investor_create(
            actor=actor,
            region=region,
            company=company,
            contact_person=person,
            origin_city=city,
            origin_country=country,
            notes="",
        )
        for company, person, city, country in INVESTORS
    ]
    gathering = services.gathering_create(
        actor=actor,
        region=region,
        name="Jember Investment Forum 2021",
        held_on=date(2021, 11, 18),
        place="Jakarta, Balai Kartini",
        description=(
            "Temu investor di Jakarta: Bupati menawarkan proyek agroindustri, wisata Papuma dan pusat "
            "perdagangan kepada calon investor."
        ),
        invitee_ids=[investor.pk for investor in investors],
    )
    today = timezone.localdate(timezone=region.tzinfo)
    for investor, project, stage, value, next_step, days, reason in LEADS:
        lead = services.lead_create(
            actor=actor,
            investor_id=investors[investor].pk,
            project_id=projects[project].pk,
            gathering_id=gathering.pk,
            value=value * MILIAR,
            next_step=next_step,
            next_step_on=today + timedelta(days=days) if next_step else None,
        )
        # Walk the lead along the pipeline the way it went, so its furthest stage is recorded.
        target = stage if stage != LeadStage.LOST else PIPELINE_STAGES[1 + investor % 2]
        for step in PIPELINE_STAGES[1 : stage_rank(target) + 1]:
            services.lead_move(actor=actor, lead_id=lead.pk, stage=step)
        if stage == LeadStage.LOST:
            services.lead_move(actor=actor, lead_id=lead.pk, stage=LeadStage.LOST, reason=reason)
    return sum(plan.value for plan in JEMBER_PROJECTS)


def demo_load(*, stdout) -> None:
    started = time.perf_counter()
    actor = Actor.system()
    jember, sarolangun = Region.objects.get(code=JEMBER), Region.objects.get(code=SAROLANGUN)
    if InvestmentProject.objects.with_scopes_disabled().filter(region__in=[jember, sarolangun]).exists():
        stdout.write("investment: projects already exist; left as they are")
        return
    offered = _jember(actor, jember)
    for plan in SAROLANGUN_PROJECTS:
        _project(actor, sarolangun, plan)
    stdout.write(
        f"investment: {len(JEMBER_PROJECTS)} Jember projects ({rupiah_compact(offered)}), "
        f"the Jember Investment Forum 2021 in Jakarta with {len(INVESTORS)} investors and {len(LEADS)} "
        f"leads; {len(SAROLANGUN_PROJECTS)} Sarolangun project; in {time.perf_counter() - started:.1f} s"
    )
