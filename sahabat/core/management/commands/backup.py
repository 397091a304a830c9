"""`sahabat backup FILE`: a consistent copy of the live database (SQLite backup API, or pg_dump -Fc)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sahabat.core.backup import database_backup, database_summary, database_vendor
from sahabat.core.errors import DomainError
from sahabat.core.money import number, rupiah


def print_summary(command: BaseCommand, *, label: str) -> None:
    summary = database_summary()
    command.stdout.write(
        _("%(label)s: %(tables)s tables, %(rows)s rows; ledger %(sales)s sales, %(amount)s, hash %(digest)s")
        % {
            "label": label,
            "tables": number(len(summary.rows)),
            "rows": number(sum(summary.rows.values())),
            "sales": number(summary.sales_count),
            "amount": rupiah(summary.sales_amount),
            "digest": summary.sales_uuid_digest[:16],
        }
    )


class Command(BaseCommand):
    help = gettext_lazy(
        "Back the database up into FILE while the site runs (SQLite: a database file; PostgreSQL: a "
        "pg_dump archive). The encryption key and the uploaded files are not in it: back them up apart."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--force", action="store_true", help=gettext_lazy("Replace FILE if it exists."))

    def handle(self, *args, file: Path, force: bool, **options):
        if file.exists() and not force:
            raise CommandError(_("%(path)s exists; use --force to replace it.") % {"path": file})
        try:
            database_backup(target=file)
        except DomainError as error:
            raise CommandError(str(error)) from error
        print_summary(self, label=_("Database"))
        self.stdout.write(
            self.style.SUCCESS(
                _("Backup of the %(vendor)s database written to %(path)s.")
                % {"vendor": database_vendor(), "path": file}
            )
        )
