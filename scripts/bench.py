"""The full benchmark (`make bench`): builds a large organisation, then measures and prints a
table with pass/fail against the targets of docs/benchmarks.md.

    .venv/bin/python scripts/bench.py            # sector scale, SQLite (throwaway file)
    .venv/bin/python scripts/bench.py --quick    # smaller sizes, shorter load runs
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/werkplek_bench \\
        .venv/bin/python scripts/bench.py --database postgres   # CREATES and DROPS that db
    ... --database both                           # SQLite, then PostgreSQL

Per database it measures, in this order:
  1. queries per key page (in-process, CaptureQueriesContext) in an organisation with 100
     trajectories and in one with the full number: they must be equal and at most 12;
  2. the reminder scan (every scanner) over all the data: the credentials radar bands;
  3. p50/p95 latency and requests/s of the key pages served by gunicorn (production settings:
     DEBUG off, whitenoise, 2 sync workers) on 127.0.0.1 under wrk, signed in with a session
     cookie, beside the floor /health/signed-in/ (a trivial signed-in view: session + user
     through the same middleware) and /health/ (anonymous); the figure that matters is
     p50 page / p50 floor;
  4. the peak RSS of a task worker (`manage.py db_worker --batch`) working through a queue
     of reminder scans, digests and credential refreshes;
  5. the import of 10,000 rows (scripts/benchmark_import.py, rolled back);
  6. the dossier PDF render, when the printing app exists (else n/a).
"""

import argparse
import io
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable

FULL = {
    "trajectories": 10_000,
    "mentors": 400,
    "logbook": 1_000_000,
    "credentials": 100_000,
    "attendance": 300_000,
    "ratings": 100_000,
    "plans": 5_000,
}
QUICK = {
    "trajectories": 1_000,
    "mentors": 40,
    "logbook": 50_000,
    "credentials": 10_000,
    "attendance": 30_000,
    "ratings": 10_000,
    "plans": 500,
}
SMALL_TRAJECTORIES = 100

TARGETS = {
    "ratio": 3.0,  # key page p50 / signed-in floor p50
    "queries": 12,
    "pdf": 2.0,
    "scan": 5.0,
    "import": 30.0,
    "rss": 150.0,
}

# The floor: a trivial signed-in view (session + user, default middleware), measured in the
# same run; the ratio that counts is page p50 / this floor's p50. /health/ is shown beside it.
FLOOR = "floor: /health/signed-in/"
FLOOR_ANONYMOUS = "floor: /health/ (anonymous)"

WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95),
    e.status + e.connect + e.read + e.write + e.timeout))
end
"""


# --- Environment -----------------------------------------------------------------------------


def production_env(database_url: str, workdir: str) -> dict:
    """The settings a production server runs with (DEBUG off), on 127.0.0.1 without TLS."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DEBUG="0",
        SECRET_KEY="bench-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        TASKS_IMMEDIATE="0",
        DATA_DIR=workdir,
        STATIC_ROOT=str(Path(workdir) / "static"),
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="werkplek.settings",
        PYTHONPATH=str(ROOT),
    )
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- In-process measurements ------------------------------------------------------------------


def count_queries(slug: str) -> dict[str, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from werkplek.benchmark.pages import key_pages, users_of

    clients = {}
    for who, user in users_of(slug).items():
        clients[who] = Client()
        clients[who].force_login(user)
    counts = {}
    for name, path, who in key_pages(slug):
        clients[who].get(path)  # warm the per-process caches, as a running server has them
        with CaptureQueriesContext(connection) as queries:
            response = clients[who].get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} as {who}: HTTP {response.status_code}")
        counts[name] = len(queries.captured_queries)
    return counts


def session_cookies(slug: str) -> dict[str, str]:
    from django.conf import settings
    from django.test import Client

    from werkplek.benchmark.pages import users_of

    cookies = {}
    for who, user in users_of(slug).items():
        client = Client()
        client.force_login(user)
        cookies[who] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return cookies


def time_scan() -> tuple[float, int]:
    from django.utils import timezone

    from werkplek.credentials.models import Credential
    from werkplek.notifications.services import notifications_scan

    started = time.perf_counter()
    notifications_scan(today=timezone.localdate())
    return time.perf_counter() - started, Credential.objects.count()


def time_pdf(slug: str) -> float | None:
    """The dossier PDF, when the printing app is there (issue 7)."""
    from django.apps import apps

    if not apps.is_installed("werkplek.printing"):
        return None
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from werkplek.benchmark.pages import users_of
    from werkplek.trajectories.models import Trajectory

    trajectory = Trajectory.objects.filter(organisation__slug=slug, status="running").first()
    client = Client()
    client.force_login(users_of(slug)["coordinator"])
    for name in ("printing:dossier", "printing:trajectory_dossier"):
        try:
            url = reverse(name, kwargs={"org": slug, "public_id": trajectory.public_id})
            break
        except NoReverseMatch:
            continue
    else:
        return None
    client.get(url)  # first render loads fonts
    started = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - started
    return elapsed if response.status_code == 200 else None


# --- Out of process: gunicorn + wrk, the worker, the import -------------------------------------


def wrk(url: str, cookie: str, seconds: int, script: str) -> dict:
    command = ["wrk", "-t1", "-c4", f"-d{seconds}s", "--timeout", "30s", "-s", script, url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: sessionid={cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    match = re.search(r"WRK (\d+) (\d+) (\d+) (\d+) (\d+)", output)
    requests, duration, p50, p95, errors = (int(value) for value in match.groups())
    return {
        "rps": requests / (duration / 1e6),
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "errors": errors,
    }


def check_page(url: str, cookie: str) -> int:
    import http.client

    parts = urlparse(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    connection.request(
        "GET",
        parts.path + (f"?{parts.query}" if parts.query else ""),
        headers={"Cookie": f"sessionid={cookie}"} if cookie else {},
    )
    status = connection.getresponse().status
    connection.close()
    return status


def load_test(env: dict, slug: str, cookies: dict, seconds: int, workdir: str) -> dict:
    port = free_port()
    pidfile = Path(workdir) / "gunicorn.pid"
    log = (Path(workdir) / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "-c",
            str(ROOT / "deploy" / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "1",
            "--no-control-socket",
            "--pid",
            str(pidfile),
            "--access-logfile",
            "-",
            "werkplek.wsgi:application",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    from werkplek.benchmark.pages import key_pages

    script = Path(workdir) / "report.lua"
    script.write_text(WRK_SCRIPT)
    results = {}
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                if check_page(base + "/health/", "") == 200:
                    break
            except OSError:
                time.sleep(0.2)
        pages = [
            (FLOOR_ANONYMOUS, "/health/", ""),
            (FLOOR, "/health/signed-in/", cookies["coordinator"]),
        ] + [(name, path, cookies[who]) for name, path, who in key_pages(slug)]
        for name, path, cookie in pages:
            status = check_page(base + path, cookie)
            if status != 200:
                raise SystemExit(
                    f"{path}: HTTP {status} from gunicorn (see {workdir}/gunicorn.log)"
                )
            wrk(base + path, cookie, 2, str(script))  # warm up both workers
            results[name] = wrk(base + path, cookie, seconds, str(script))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
    return results


def worker_rss(env: dict) -> tuple[float, int]:
    """Queue reminder work, run one worker until the queue is empty; peak VmRSS in MiB."""
    enqueue = (
        "from django.utils import timezone\n"
        "from werkplek.notifications import tasks\n"
        "from werkplek.credentials.tasks import refresh_expired_credentials\n"
        "today = timezone.localdate().isoformat()\n"
        "tasks.send_digests.enqueue(today=today)\n"
        "for _ in range(3): tasks.scan_notifications.enqueue(today=today)\n"
        "refresh_expired_credentials.enqueue(today=today)\n"
        "tasks.clean_up.enqueue()\n"
    )
    subprocess.run([PYTHON, "manage.py", "shell", "-c", enqueue], env=env, cwd=ROOT, check=True)
    worker = subprocess.Popen(
        [PYTHON, "manage.py", "db_worker", "--batch", "--interval", "0.1"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    peak = 0
    while worker.poll() is None:
        try:
            status = Path(f"/proc/{worker.pid}/status").read_text()
            peak = max(peak, int(re.search(r"VmRSS:\s+(\d+)", status).group(1)))
        except (FileNotFoundError, AttributeError):
            pass
        time.sleep(0.05)
    from django_tasks_db.models import DBTaskResult

    return peak / 1024, DBTaskResult.objects.filter(status="SUCCESSFUL").count()


def time_import(env: dict, rows: int) -> float | None:
    output = subprocess.run(
        [PYTHON, "scripts/benchmark_import.py", "--rows", str(rows), "--format", "xlsx"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    match = re.search(r"total ([\d.]+) s", output)
    return float(match.group(1)) if match else None


# --- One database ------------------------------------------------------------------------------


def run(database: str, sizes: dict, seconds: int, import_rows: int) -> dict:
    workdir = tempfile.mkdtemp(prefix="werkplek-bench-")
    if database == "postgres":
        url = os.environ.get("BENCH_DATABASE_URL", "")
        if not url.startswith("postgres"):
            raise SystemExit("Set BENCH_DATABASE_URL to a throwaway PostgreSQL database.")
        recreate_postgres(url)
    else:
        url = f"sqlite:///{workdir}/bench.sqlite3"
    env = production_env(url, workdir)
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    result: dict = {"database": database, "sizes": sizes}
    try:
        step("migrate + collectstatic")
        call_command("migrate", verbosity=0)
        call_command("collectstatic", verbosity=0, interactive=False)
        step(f"generate: small organisation ({SMALL_TRAJECTORIES} trajectories)")
        small = {
            k: max(1, v * SMALL_TRAJECTORIES // sizes["trajectories"]) for k, v in sizes.items()
        }
        started = time.perf_counter()
        call_command("generate_data", slug="bench-small", stdout=io.StringIO(), **small)
        step(f"generate: large organisation {sizes}")
        call_command("generate_data", slug="bench", stdout=sys.stdout, **sizes)
        result["generate_seconds"] = time.perf_counter() - started
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        step("queries per key page")
        result["queries_small"] = count_queries("bench-small")
        result["queries_large"] = count_queries("bench")
        step("reminder scan")
        result["scan_seconds"], result["scan_credentials"] = time_scan()
        step("dossier PDF")
        result["pdf_seconds"] = time_pdf("bench")
        step(f"load: gunicorn + wrk, {seconds} s a page")
        cookies = session_cookies("bench")
        connection.close()
        result["load"] = load_test(env, "bench", cookies, seconds, workdir)
        step("worker RSS")
        result["worker_rss_mib"], result["worker_tasks"] = worker_rss(env)
        connection.close()
        step(f"import of {import_rows:,} rows")
        result["import_seconds"] = time_import(env, import_rows)
    finally:
        connection.close()
        if database == "postgres":
            drop_postgres(url)
        shutil.rmtree(workdir, ignore_errors=True)
    return result


def step(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def recreate_postgres(url: str) -> None:
    from bench_scan import _recreate_postgres_database

    _recreate_postgres_database(url)


def drop_postgres(url: str) -> None:
    from bench_scan import _drop_postgres_database

    _drop_postgres_database(url)


# --- The table -----------------------------------------------------------------------------------


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("pass" if ok else "FAIL")


def table(result: dict) -> str:
    lines = []
    add = lines.append
    sizes = result["sizes"]
    add(
        f"### {result['database']}: {sizes['trajectories']:,} trajectories, "
        f"{sizes['logbook']:,} logbook entries, {sizes['credentials']:,} credentials, "
        f"{sizes['attendance']:,} attendance days (generated in {result['generate_seconds']:.0f} s)"
    )
    add("")
    add(
        "| page | p50 ms | p95 ms | req/s | p50 / floor | queries @100 | queries @"
        f"{sizes['trajectories']:,} | result |"
    )
    add("|---|---:|---:|---:|---:|---:|---:|---|")
    load = result["load"]
    floor = load[FLOOR]
    for name in (FLOOR_ANONYMOUS, FLOOR):
        numbers = load[name]
        ratio = numbers["p50"] / floor["p50"] if floor["p50"] else float("inf")
        add(
            f"| {name} | {numbers['p50']:.1f} | {numbers['p95']:.1f} | {numbers['rps']:.0f} "
            f"| {ratio:.1f}× | | | |"
        )
    failures = 0
    for name, numbers in load.items():
        if name.startswith("floor"):
            continue
        ratio = numbers["p50"] / floor["p50"] if floor["p50"] else float("inf")
        small, large = result["queries_small"][name], result["queries_large"][name]
        ok = ratio <= TARGETS["ratio"] and large <= TARGETS["queries"] and small == large
        ok = ok and not numbers["errors"] and numbers["rps"] > 0
        failures += not ok
        add(
            f"| {name} | {numbers['p50']:.1f} | {numbers['p95']:.1f} | {numbers['rps']:.0f} | "
            f"{ratio:.1f}× | {small} | {large} | {verdict(ok)} |"
        )
    add("")
    add("| measure | value | target | result |")
    add("|---|---:|---:|---|")
    rows = [
        (
            "reminder scan",
            result["scan_seconds"],
            "s",
            TARGETS["scan"],
            f" ({result['scan_credentials']:,} credentials)",
        ),
        ("import 10k rows (xlsx)", result["import_seconds"], "s", TARGETS["import"], ""),
        (
            "worker peak RSS",
            result["worker_rss_mib"],
            "MiB",
            TARGETS["rss"],
            f" ({result['worker_tasks']} tasks)",
        ),
        ("dossier PDF", result["pdf_seconds"], "s", TARGETS["pdf"], ""),
    ]
    for name, value, unit, target, note in rows:
        ok = None if value is None else value <= target
        failures += ok is False
        shown = "n/a" if value is None else f"{value:.2f} {unit}"
        add(f"| {name}{note} | {shown} | ≤ {target:g} {unit} | {verdict(ok)} |")
    result["failures"] = failures
    return "\n".join(lines)


def machine() -> str:
    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1)
    return (
        f"{os.cpu_count()} cores ({cpu}), {int(mem) / 1024 / 1024:.1f} GiB RAM, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, 5 s load runs")
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="sqlite")
    parser.add_argument("--seconds", type=int, default=None, help="load run per page")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()
    sizes = QUICK if args.quick else FULL
    seconds = args.seconds or (5 if args.quick else 10)
    import_rows = 10_000
    databases = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    if len(databases) > 1:  # Django is set up once a process: one child process per database
        code = 0
        for database in databases:
            code |= subprocess.call([PYTHON, __file__, *sys.argv[1:], "--database", database])
        return code
    result = run(databases[0], sizes, seconds, import_rows)
    print()
    print(f"Machine: {machine()}")
    print(table(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, default=str))
    return 1 if result["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
