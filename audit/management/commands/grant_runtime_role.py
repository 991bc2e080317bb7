from django.core.management.base import BaseCommand, CommandError

from audit import roles


class Command(BaseCommand):
    help = (
        "Reinstall the protecting triggers and give the runtime role (DATABASE_URL) exactly its "
        "privileges, connected as the owner (MIGRATE_DATABASE_URL). migrate does this too."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default")

    def handle(self, *args, database: str, **options):
        try:
            self.stdout.write(roles.apply(database))
        except roles.RoleError as error:
            raise CommandError(str(error)) from None
