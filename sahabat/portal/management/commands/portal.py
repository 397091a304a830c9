"""`sahabat portal reindex`: rebuild the public catalogue's search documents from the register."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sahabat.portal.services import catalogue_rebuild


class Command(BaseCommand):
    help = gettext_lazy("Maintain the public portal: rebuild the catalogue's search index.")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="action")
        actions.add_parser(
            "reindex",
            help=_(
                "Rebuild the catalogue from the register "
                "(after bulk imports or changes made outside the app)."
            ),
        )

    def handle(self, *args, action, **options):
        written = catalogue_rebuild()
        self.stdout.write(self.style.SUCCESS(_("Catalogue rebuilt: %(count)d entries.") % {"count": written}))
