"""Build a made-up service the size of a real one, for ``make benchmark`` (not for demos).

    manage.py seed_scale [--therapists 50] [--supervisors 5] [--clients 5000] [--seed 2026]

Run it on an empty, migrated database (PostgreSQL for meaningful numbers), as the role that
owns the tables. Users are ``scale-supervisor1``.., ``scale-therapist1``.., ``scale-admin``,
password ``demo-pass-2026``. See ``ipt_site.scale_service`` for what is built.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from cases.models import Course
from ipt_site.scale_service import ServiceBuilder, Sizes


class Command(BaseCommand):
    help = "Build a service of realistic size (bulk inserts) for benchmarks."

    def add_arguments(self, parser):
        defaults = Sizes()
        parser.add_argument("--therapists", type=int, default=defaults.therapists)
        parser.add_argument("--supervisors", type=int, default=defaults.supervisors)
        parser.add_argument("--clients", type=int, default=defaults.clients)
        parser.add_argument("--seed", type=int, default=defaults.seed)

    def handle(self, *args, **options):
        if Course.objects.exists():
            raise CommandError("The database already holds courses: seed_scale needs an empty one.")
        sizes = Sizes(
            therapists=options["therapists"],
            supervisors=options["supervisors"],
            clients=options["clients"],
            seed=options["seed"],
        )
        if min(sizes.therapists, sizes.supervisors, sizes.clients) < 1:
            raise CommandError("Every size must be at least 1.")
        started = time.perf_counter()
        built = ServiceBuilder(sizes).build()
        for name, count in built.counts.items():
            self.stdout.write(f"{name}: {count:,}")
        if connection.vendor == "postgresql":
            # Planner statistics now, not whenever autovacuum gets round to it: measured on
            # tables never analysed, the flag queries chose the wrong indexes.
            with connection.cursor() as cursor:
                for model in connection.introspection.installed_models(
                    connection.introspection.table_names()
                ):
                    cursor.execute(f'ANALYZE "{model._meta.db_table}"')
        self.stdout.write(f"Built in {time.perf_counter() - started:.0f} s.")
