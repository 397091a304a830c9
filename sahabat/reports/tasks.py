"""Background jobs of reports (huey): large reports made off the request, and the monthly e-mails."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from sahabat.reports import services


@db_task()
def report_file_build_task(report_file_id: int) -> str:
    return services.report_file_build(report_file_id=report_file_id).status


# 08:00 WIB (01:00 UTC) every day: sends last month's reports not sent yet, normally on the 1st.
@db_periodic_task(crontab(hour="1", minute="0"))
def schedules_monthly_task() -> int:
    return services.schedules_send_due()
