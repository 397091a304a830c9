from io import StringIO

from sahabat.dedupe.demo import demo_load
from sahabat.dedupe.models import CandidateGroup, DedupeRun
from tests.registry.factories import EnterpriseFactory


def test_demo_searches_each_demo_region_once(jember, sarolangun):
    EnterpriseFactory(name="Toko Prol Tape Bu Sri", owner__name="Sri Wahyuni")
    EnterpriseFactory(name="Prol Tape Ibu Sri", owner__name="Hj. Sri Wahyuni")
    demo_load(stdout=StringIO())
    demo_load(stdout=StringIO())
    assert DedupeRun.unscoped.filter(status=DedupeRun.Status.DONE).count() == 2
    assert (
        CandidateGroup.unscoped.filter(region=jember).count() == DedupeRun.unscoped.get(region=jember).groups
    )
