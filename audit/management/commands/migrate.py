"""``migrate``, run as the database's owner, then the protecting rules and the runtime grants.

Django's own command does the migrating. When ``MIGRATE_DATABASE_URL`` names a separate owner
(PostgreSQL), the connection switches to it for the whole command; afterwards every protecting
trigger is (re)installed and the runtime role's privileges are set afresh for every table, new
ones included (``audit.roles.apply``). On SQLite the rules are dropped first, since its table rebuilds
trip over triggers naming other tables. Test databases are built through this command too.
"""

from django.core.management.commands import migrate

from audit import protection, roles


class Command(migrate.Command):
    help = migrate.Command.help + " Runs as the owner, then reapplies protection and grants."

    def handle(self, *args, **options):
        database = options["database"]
        with roles.as_owner(database) as connection:
            if connection.vendor == "sqlite":
                # SQLite rebuilds a table to alter it, and its RENAME re-checks every trigger:
                # the rules come off for the migration and go back on right after.
                protection.uninstall_sqlite(connection)
            super().handle(*args, **options)
            summary = roles.apply(database)
        if options["verbosity"] >= 1:
            self.stdout.write(summary)
