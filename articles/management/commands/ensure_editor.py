"""Make sure an editor account exists, without any fixed default password.

Creates a staff user in the Editors group (not a superuser) the first time.
The password comes from KZ_ADMIN_PASSWORD, or is generated and printed once.
A password from KZ_ADMIN_PASSWORD must pass the same validators as
``createsuperuser`` (AUTH_PASSWORD_VALIDATORS: length, not common, not all
digits, not like the username); a refused one creates nothing.
An existing account is left exactly as it is.
"""

import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("KZ_ADMIN_USER", "editor"))
        parser.add_argument("--dry-run", action="store_true", help="Say what would happen; change nothing.")

    @transaction.atomic
    def handle(self, *args, username, dry_run, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            if options["verbosity"] >= 1:
                self.stdout.write(
                    f"Editor account “{username}” exists. Forgot the password? "
                    f"Run: KZ_SECRET_KEY_FILE=.secret_key .venv/bin/python manage.py changepassword {username}"
                )
            return
        if dry_run:
            self.stdout.write(f"Would create editor account “{username}”.")
            return
        password = os.environ.get("KZ_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        try:
            validate_password(password, user=User(username=username))
        except ValidationError as error:
            raise CommandError(
                "KZ_ADMIN_PASSWORD is not accepted: " + " ".join(error.messages)
                + " Choose another (or unset it to have one generated)."
            ) from error
        user = User.objects.create_user(username=username, password=password, is_staff=True)
        user.groups.add(Group.objects.get(name="Editors"))
        self.stdout.write(self.style.SUCCESS(f"Created editor account “{username}”."))
        if "KZ_ADMIN_PASSWORD" in os.environ:
            self.stdout.write("Its password is the one in KZ_ADMIN_PASSWORD.")
        else:
            self.stdout.write(f"Password (shown only this once): {password}")
