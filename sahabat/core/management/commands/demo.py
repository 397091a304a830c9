"""`sahabat demo`: load the Jember + Sarolangun demo data, app by app, and print the logins."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django_scopes import scopes_disabled


class Command(BaseCommand):
    help = "Load the Jember and Sarolangun demo data (each app contributes its own part)."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when users already exist.")

    def handle(self, *args, if_empty: bool, **options):
        from sahabat.accounts.demo import DEMO_PASSWORD, demo_logins

        if if_empty and get_user_model().objects.exists():
            self.stdout.write("Demo data already loaded.")
        else:
            with scopes_disabled(), transaction.atomic():
                for config in apps.get_app_configs():
                    module_name = f"{config.name}.demo"
                    if config.name.startswith("sahabat.") and find_spec(module_name):
                        import_module(module_name).demo_load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"\nDemo logins (password for all: {DEMO_PASSWORD}):"))
        for username, description in demo_logins():
            self.stdout.write(f"  {username:<22} {description}")
