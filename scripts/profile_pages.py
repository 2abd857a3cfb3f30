"""Time the key pages in-process (Django test client, the settings of the environment) on
an organisation built by `manage.py generate_data`: median ms per request and queries.

    DEBUG=0 SECRET_KEY=... ALLOWED_HOSTS=testserver DATABASE_URL=sqlite:////tmp/bench.sqlite3 \\
        .venv/bin/python scripts/profile_pages.py --slug big --repeat 7

One warm-up request per page first (a running server has its caches warm), then `--repeat`
timed requests; prints one line per page: median, best, queries, SQL time of one request.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "werkplek.settings")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--slug", required=True)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--pages", default="", help="comma-separated names (default: all)")
    parser.add_argument("--slowest", type=int, default=0, help="print the N slowest queries")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from werkplek.benchmark.pages import key_pages, users_of

    users = users_of(args.slug)
    clients = {}
    for who, user in users.items():
        clients[who] = Client()
        clients[who].force_login(user)
    wanted = [name for name in args.pages.split(",") if name]
    for name, path, who in key_pages(args.slug):
        if wanted and name not in wanted:
            continue
        client = clients[who]
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        captured = list(queries.captured_queries)
        sql_ms = sum(float(query["time"]) for query in captured) * 1000
        for query in sorted(captured, key=lambda q: -float(q["time"]))[: args.slowest]:
            print(f"    {float(query['time']) * 1000:7.1f} ms  {query['sql'][:300]}")
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        print(
            f"{name:34} median {statistics.median(times):8.1f} ms  best {min(times):8.1f} ms"
            f"  queries {len(captured):3}  sql {sql_ms:7.1f} ms"
            f"  ({len(response.content) // 1024} KB)",
            flush=True,
        )
    print("load average:", " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
