"""`sahabat restore FILE`: replace the whole database with a backup made by `sahabat backup`."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sahabat.core.backup import database_restore
from sahabat.core.errors import DomainError
from sahabat.core.management.commands.backup import print_summary


class Command(BaseCommand):
    help = gettext_lazy(
        "Replace everything in the database with the content of a backup FILE made by `sahabat backup`. "
        "Stop the site and the job consumer first."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--force", action="store_true", help=gettext_lazy("Do not ask for confirmation."))

    def handle(self, *args, file: Path, force: bool, **options):
        if not file.is_file():
            raise CommandError(_("There is no backup file %(path)s.") % {"path": file})
        name = str(connection.settings_dict["NAME"])
        if not force:
            if not sys.stdin.isatty():
                raise CommandError(
                    _("Restoring replaces everything in the database %(name)s; use --force to confirm.")
                    % {"name": name}
                )
            answer = input(
                _("Everything in the database %(name)s will be replaced by %(path)s. Type 'yes' to go on: ")
                % {"name": name, "path": file}
            )
            if answer.strip().lower() not in ("yes", "ya"):
                raise CommandError(_("Restore cancelled; nothing was changed."))
        try:
            database_restore(source=file)
        except DomainError as error:
            raise CommandError(str(error)) from error
        print_summary(self, label=_("Restored"))
        self.stdout.write(
            self.style.SUCCESS(_("The database has been restored from %(path)s.") % {"path": file})
        )
