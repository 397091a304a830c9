"""Background jobs for large imports (huey): checking and applying run outside the web request."""

from huey.contrib.djhuey import db_task

from sahabat.registry.imports import services


@db_task()
def import_validate_task(job_id: int) -> None:
    services.import_job_validate(job_id=job_id)


@db_task()
def import_apply_task(job_id: int) -> None:
    services.import_job_apply_run(job_id=job_id)
