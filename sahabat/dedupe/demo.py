"""The duplicate part of `sahabat demo`: a search over each demo register, its groups left for review.

The register demo writes Jember's and Sarolangun's UMKM with the duplicates real lists have (the same
business from two offices, spelt differently); this finds them, so the review page has work to show.
A region that has had a search already is left as it is.
"""

from __future__ import annotations

from sahabat.dedupe import services
from sahabat.dedupe.models import DEFAULT_THRESHOLD, DedupeRun
from sahabat.regions.models import Region

DEMO_REGIONS = ("35.09", "15.03")


def demo_load(*, stdout) -> None:
    for code in DEMO_REGIONS:
        region = Region.objects.get(code=code)
        if DedupeRun.unscoped.filter(region=region).exists():
            stdout.write(f"dedupe: {region.name} has been searched already; left as it is")
            continue
        run = DedupeRun.unscoped.create(region=region, threshold=DEFAULT_THRESHOLD)
        run = services.dedupe_run_execute(run_id=run.pk)
        stdout.write(
            f"dedupe: {run.records} records of {region.name} compared, {run.groups} groups of likely "
            f"duplicates to review ({run.seconds:.1f} s)"
        )
