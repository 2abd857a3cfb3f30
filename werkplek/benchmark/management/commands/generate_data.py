import time
from datetime import date

from django.core.management.base import BaseCommand
from django.db import transaction

from werkplek.benchmark.generate import DEFAULT_SIZES, GenerateContext, generate


class Command(BaseCommand):
    help = (
        "Build a large organisation with bulk inserts, for benchmarks: trajectories with their "
        "checklists, mentors, credentials, competence ratings, plans, logbook and attendance."
    )

    def add_arguments(self, parser):
        parser.add_argument("--slug", default="bench", help="short name of the new organisation")
        for name, default in DEFAULT_SIZES.items():
            parser.add_argument(f"--{name}", type=int, default=default, help=f"default {default:,}")
        parser.add_argument("--chunk-size", type=int, default=5_000)
        parser.add_argument("--seed", type=int, default=12)
        parser.add_argument("--today", type=date.fromisoformat, default=None)

    def handle(self, *args, **options):
        sizes = {name: options[name] for name in DEFAULT_SIZES}
        context = GenerateContext(
            sizes=sizes,
            slug=options["slug"],
            today=options["today"] or date.today(),
            chunk_size=options["chunk_size"],
            seed=options["seed"],
            log=self.stdout.write,
        )
        started = time.perf_counter()
        with transaction.atomic():
            generate(context)
        self.stdout.write(
            self.style.SUCCESS(
                f"Organisation {context.slug!r} built in {time.perf_counter() - started:.1f} s "
                f"(sign in as coordinator@{context.slug}.bench.invalid / werkplek-bench):"
            )
        )
        for label, count in context.counts.items():
            self.stdout.write(f"  {label:<32} {count:>10,}")
