"""Background jobs of cooperation (huey): the daily reminders about deadlines."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from sahabat.cooperation import services


# 07:00 WIB (00:00 UTC): people find the day's reminders when they start work.
@db_periodic_task(crontab(hour="0", minute="0"))
def reminders_daily_task() -> int:
    return services.reminders_send()
