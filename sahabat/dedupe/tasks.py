"""Background jobs (huey): a duplicate search, and a large bulk acceptance, run outside the web request."""

from huey.contrib.djhuey import db_task

from sahabat.dedupe import services


@db_task()
def dedupe_run_task(run_id: int) -> None:
    services.dedupe_run_execute(run_id=run_id)


@db_task()
def dedupe_bulk_accept_task(region_id: int, threshold: float, user_id: int) -> None:
    from django.contrib.auth import get_user_model

    from sahabat.accounts.actor import Actor
    from sahabat.regions.models import Region

    actor = Actor.for_user(get_user_model().objects.get(pk=user_id))
    services.candidate_groups_bulk_accept(
        actor=actor, region=Region.objects.get(pk=region_id), threshold=threshold
    )
