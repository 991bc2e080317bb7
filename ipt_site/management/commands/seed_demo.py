from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.demo import DEMO_USERS, seed_users


class Command(BaseCommand):
    help = "Load demo users, clients and courses (DEBUG only). Safe to run again."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo only runs with DEBUG on: it must never touch real records."
            )
        # No switch lifts the database's rules: each loader writes a note complete, then signs
        # it once, as the app does (audit/protection.py).
        with transaction.atomic():
            users = seed_users()
            for step in self.steps():
                step(users)
            from client_area import demo as client_demo

            client_course, client_path = client_demo.seed(users)
            # Some loaders write sessions and scores directly: bring the stored tallies and
            # classifications (derived, read by the service figures) in line with them.
            from measures.scores import rebuild_classifications
            from sessions.tallies import rebuild_tallies

            rebuild_tallies()
            rebuild_classifications()
        self.stdout.write(
            self.style.SUCCESS("Demo data ready. Sign in at http://127.0.0.1:8000 as:")
        )
        for username, first, last, role, trainee, _ in DEMO_USERS:
            label = f"{role.label}{' (trainee)' if trainee else ''}"
            self.stdout.write(f"  {username:<14} {first} {last}, {label}")
        self.stdout.write(f"  password for all: {settings.DEMO_PASSWORD}")
        client = client_course.client
        self.stdout.write(
            f"The client's own pages, as {client.given_name} ({client.record_number}) on their "
            f"phone: http://127.0.0.1:8000{client_path}\n"
            f"  date of birth: {client.date_of_birth:%d %m %Y} (a new link each run)"
        )

    def steps(self):
        """Each app's demo loader, in dependency order; each is idempotent."""
        from groups import demo as groups_demo
        from inventory import demo as inventory_demo
        from ipt_site import demo_courses, demo_endings, demo_ipsrt, demo_maintenance
        from measures import demo as measures_demo
        from sessions import demo as session_demo
        from supervision import demo as supervision_demo

        return [
            demo_courses.seed,
            demo_endings.seed,
            # The inventory first: the notes link their mood and focal work to its people.
            inventory_demo.seed,
            session_demo.seed,
            measures_demo.seed,
            supervision_demo.seed,
            # A maintenance course after a completed one, and a booster (issue 19).
            demo_maintenance.seed,
            # IPSRT: its own course, notes, rhythm record and mania screens, built last.
            demo_ipsrt.seed,
            # A running group of six (two sessions held, one member at risk); user facilitator1.
            groups_demo.seed,
        ]
