"""What gunicorn's settings promise every worker it starts."""

import gc

import pytest

from sahabat import gunicorn_conf


@pytest.fixture
def collector_restored():
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_settled_collector_keeps_the_imported_objects_out_of_its_searches(collector_restored):
    gunicorn_conf.collector_settle()
    assert gc.get_freeze_count() > 0
