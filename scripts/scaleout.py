"""Scale-out test (`make scaleout`, run in CI): the deployment of docs/deployment.md on one
machine, under a short load, with one app server and one worker stopped in the middle.

    nginx (generated config, 127.0.0.1) ─┬─ gunicorn app server A ─┐
                                         └─ gunicorn app server B ─┼─ PostgreSQL (throwaway db)
    2 task workers (db_worker), 2 schedulers (run_periodic)  ──────┴─ Redis (cache + sessions)

Phase 1, everything up: sign-ins through nginx whose session cookies are reused directly on
A and on B; API creates on A, on B and through nginx; a burst on the API against A and B
together; both schedulers ticking every second (reminder scan, digests, clean-up: DIGEST_HOUR=0
so today's digest is due); probe tasks (scripts/scaleout_probe.py) counting their runs in Redis.
Phase 2, the same load while B is taken out (drained in nginx, then SIGTERM) and worker 2 gets
SIGTERM in the middle of a task; then nginx lists B again while it is down, so requests meet
a refused connection and must go to A (proxy_next_upstream). The checks, after each phase:
no request failed, every sign-in worked on both servers, every acknowledged write is in the
database (and nothing more), the rate limit allowed exactly its number across the servers,
every task ran exactly once (one claim, success; each periodic slot one task; one digest
e-mail per person; each probe counted once), and the stopped processes exited cleanly.

Needs PostgreSQL (postgres@127.0.0.1:5432, CREATES and DROPS `werkplek_scaleout`), Redis
(127.0.0.1:6379, database 13, FLUSHED) and nginx; SCALEOUT_DATABASE_URL, SCALEOUT_REDIS_URL
and NGINX change them. About two minutes. Exit 1 on any failed check.
"""

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlparse

import requests

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable

DATABASE_URL = os.getenv(
    "SCALEOUT_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/werkplek_scaleout"
)
REDIS_URL = os.getenv("SCALEOUT_REDIS_URL", "redis://127.0.0.1:6379/13")
NGINX = os.getenv("NGINX") or shutil.which("nginx") or "/usr/sbin/nginx"
ORG = "scaleout"
PASSWORD = "scale-out-password-1"
# The digest e-mail's subject (the scale-out users read English).
DIGEST_SUBJECT = re.compile(r"\d+ new notifications?$")
RATE = 60  # API_RATE_LIMIT per minute during the test
WRITES_PER_WRITER = 12  # per phase; two writers with their own token stay under RATE
PROBES_PER_PHASE = 24
PEOPLE = [  # (key, role): every one signs in; the staff write, the mentors take the bursts
    ("directie", "admin"),
    ("coordinator", "coordinator"),
    ("mentor1", "mentor"),
    ("mentor2", "mentor"),
]
PERIODIC_TASKS = {  # the scheduler's jobs and the task each enqueues
    "notifications.scan": "werkplek.notifications.tasks.scan_notifications",
    "notifications.digests": "werkplek.notifications.tasks.send_digests",
    "notifications.clean_up": "werkplek.notifications.tasks.clean_up",
}


def step(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())}] {text}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- The services the test borrows: a throwaway database and a flushed Redis database -----------


def _server_connection():
    import psycopg

    url = urlparse(DATABASE_URL)
    return psycopg.connect(
        host=url.hostname or "127.0.0.1",
        port=url.port or 5432,
        user=url.username or "postgres",
        password=url.password or None,
        dbname="postgres",
        autocommit=True,
    )


def database_name() -> str:
    return urlparse(DATABASE_URL).path.lstrip("/")


def recreate_database() -> None:
    with _server_connection() as server:
        server.execute(f'DROP DATABASE IF EXISTS "{database_name()}" WITH (FORCE)')
        server.execute(f'CREATE DATABASE "{database_name()}"')


def drop_database() -> None:
    with _server_connection() as server:
        server.execute(f'DROP DATABASE IF EXISTS "{database_name()}" WITH (FORCE)')


def redis_client():
    import redis

    return redis.Redis.from_url(REDIS_URL)


# --- The deployment --------------------------------------------------------------------------


def environment(workdir: Path, site_url: str) -> dict:
    """Production settings (DEBUG off) on 127.0.0.1 without TLS, Redis for cache and sessions."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GUNICORN_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="scaleout_settings",
        PYTHONPATH=os.pathsep.join([str(ROOT), str(SCRIPTS)]),
        PYTHONUNBUFFERED="1",
        DATABASE_URL=DATABASE_URL,
        REDIS_URL=REDIS_URL,
        DEBUG="0",
        SECRET_KEY="scaleout-" + uuid.uuid4().hex * 2,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL=site_url,
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        TASKS_IMMEDIATE="0",
        DATA_DIR=str(workdir / "data"),
        STATIC_ROOT=str(workdir / "static"),
        LOG_LEVEL="WARNING",
        DIGEST_HOUR="0",  # today's digest is due whatever the hour
        API_RATE_LIMIT=f"{RATE}/m",
        AXES_FAILURE_LIMIT="50",
        EMAIL_HOST="",  # e-mails go to the workers' output, where they are counted
    )
    return env


NGINX_CONF = """\
{user}worker_processes 1;
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/nginx-error.log notice;
events {{ worker_connections 512; }}
http {{
    access_log {dir}/nginx-access.log;
    client_body_temp_path {dir}/nginx-body;
    proxy_temp_path {dir}/nginx-proxy;
    fastcgi_temp_path {dir}/nginx-fastcgi;
    uwsgi_temp_path {dir}/nginx-uwsgi;
    scgi_temp_path {dir}/nginx-scgi;
    upstream werkplek {{
        server 127.0.0.1:{a} fail_timeout=0;
        server 127.0.0.1:{b} fail_timeout=0{b_down};
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        client_max_body_size 25m;
        location / {{
            proxy_pass http://werkplek;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_read_timeout 75s;
            proxy_redirect off;
            # A server that refuses the connection (stopped, crashed, restarting): the
            # request goes to the next one. nginx never resends a POST that reached a server.
            proxy_next_upstream error timeout;
            proxy_next_upstream_tries 2;
        }}
    }}
}}
"""


@dataclass
class Deployment:
    workdir: Path
    env: dict
    nginx_port: int
    ports: dict  # "A"/"B" -> port
    processes: dict = field(default_factory=dict)  # name -> Popen

    def url(self, via: str) -> str:
        port = self.nginx_port if via == "nginx" else self.ports[via]
        return f"http://127.0.0.1:{port}"

    def log(self, name: str) -> Path:
        return self.workdir / f"{name}.log"

    def start(self, name: str, command: list[str]) -> None:
        self.processes[name] = subprocess.Popen(
            command,
            env=self.env,
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=self.log(name).open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped as a whole
        )

    def start_app_server(self, name: str) -> None:
        self.start(
            f"app-{name}",
            [
                PYTHON,
                "-m",
                "gunicorn",
                "-c",
                str(ROOT / "deploy" / "gunicorn.conf.py"),
                "--bind",
                f"127.0.0.1:{self.ports[name]}",
                "--workers",
                "2",
                "--access-logfile",
                str(self.log(f"access-{name}")),
                "werkplek.wsgi:application",
            ],
        )

    def write_nginx_conf(self, *, b_down: bool = False) -> None:
        user = "user root root;\n" if os.geteuid() == 0 else ""
        (self.workdir / "nginx.conf").write_text(
            NGINX_CONF.format(
                user=user,
                dir=self.workdir,
                a=self.ports["A"],
                b=self.ports["B"],
                b_down=" down" if b_down else "",
                port=self.nginx_port,
            )
        )

    def start_nginx(self) -> None:
        self.write_nginx_conf()
        conf = self.workdir / "nginx.conf"
        check = subprocess.run(
            [NGINX, "-t", "-p", str(self.workdir), "-c", str(conf), "-e", "stderr"],
            capture_output=True,
            text=True,
        )
        if check.returncode != 0:
            raise SystemExit(f"nginx refuses the generated configuration:\n{check.stderr}")
        self.start("nginx", [NGINX, "-p", str(self.workdir), "-c", str(conf), "-e", "stderr"])

    def reload_nginx(self, *, b_down: bool) -> None:
        """Graceful: new nginx workers take the new upstream, old ones finish their requests."""
        self.write_nginx_conf(b_down=b_down)
        self.processes["nginx"].send_signal(signal.SIGHUP)
        time.sleep(1.0)

    def stop(self, name: str, timeout: float = 40, signalled: bool = False) -> int | None:
        """SIGTERM to the main process (systemd's KillMode=mixed), after `timeout` s SIGKILL
        to its whole process group; the group is always ended, so nothing is left behind."""
        process = self.processes.get(name)
        if process is None:
            return None
        if process.poll() is None:
            if not signalled:  # a second SIGTERM would cut a worker's task short
                process.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=timeout)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        if process.poll() is None:
            process.wait(timeout=10)
        return process.returncode

    def stop_all(self) -> None:
        """Everything at once: SIGTERM to every main process, then wait for each."""
        running = [name for name, process in self.processes.items() if process.poll() is None]
        for name in running:
            with contextlib.suppress(ProcessLookupError):
                self.processes[name].send_signal(signal.SIGTERM)
        for name in list(self.processes):
            try:
                self.stop(name, timeout=15, signalled=name in running)
            except Exception as error:
                print(f"could not stop {name}: {error}", file=sys.stderr)

    def wait_until_up(self, via: str, seconds: float = 90) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url(via) + "/health/", timeout=5).status_code == 200:
                    return
            except requests.RequestException:
                pass
            for name, process in self.processes.items():
                if process.poll() is not None:
                    raise SystemExit(f"{name} exited early:\n{tail(self.log(name))}")
            time.sleep(0.3)
        raise SystemExit(f"{via} did not answer /health/ within {seconds:.0f} s")


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


# --- Data: one small organisation ----------------------------------------------------------------


def seed() -> dict:
    """An organisation, four people, three trajectories whose start has passed (so the scan
    finds reminders for the coordinator and the mentors) and an API token each."""
    from django.core.management import call_command
    from django.utils import timezone

    from werkplek.accounts.models import Membership, Organisation, User
    from werkplek.api.services import api_token_create
    from werkplek.candidates.services import candidate_create
    from werkplek.sectorpacks.models import SectorPack
    from werkplek.sectorpacks.services import organisation_adopt_pack
    from werkplek.trajectories.models import Kind
    from werkplek.trajectories.services import trajectory_create

    call_command("migrate", verbosity=0, interactive=False)
    step("migrated; an organisation of four people and three trajectories")
    call_command("load_sector_packs", verbosity=0)
    organisation = Organisation.objects.create(slug=ORG, name="Scale-out", default_language="en")
    organisation_adopt_pack(
        organisation=organisation, pack=SectorPack.objects.get(code="bus_coach")
    )
    users, tokens = {}, {}
    for key, role in PEOPLE:
        user = User.objects.create_user(
            email=f"{key}@scaleout.example", password=PASSWORD, full_name=key, language="en"
        )
        Membership.objects.create(user=user, organisation=organisation, role=role)
        users[key] = user
        _token, tokens[key] = api_token_create(
            user=user, name=f"scale-out {key}", can_write=role != "mentor"
        )
    today = timezone.localdate()
    for number, mentor in enumerate(["mentor1", "mentor2", "mentor1"], start=1):
        candidate = candidate_create(
            organisation=organisation,
            first_name="Trainee",
            last_name=f"Number {number}",
            email=f"trainee{number}@scaleout.example",
            language="nl",
        )
        start = today - timedelta(days=3)
        trajectory_create(
            candidate=candidate,
            created_by=users["coordinator"],
            mentors=[users[mentor]],
            coordinator=users["coordinator"],
            kind=Kind.STAGE,
            job_title="Buschauffeur",
            planned_start=start,
            planned_end=start + timedelta(weeks=8),
            hours_per_week=Decimal("24"),
        )
    return {"tokens": tokens, "emails": {key: user.email for key, user in users.items()}}


# --- The load --------------------------------------------------------------------------------


@dataclass
class Tally:
    """What the load saw. Every request is recorded; any that failed is a finding."""

    requests: Counter = field(default_factory=Counter)  # (what, via) -> count
    failures: list = field(default_factory=list)
    acknowledged: list = field(default_factory=list)  # e-mails of candidates answered 201
    sign_ins: list = field(default_factory=list)  # (user, [server, ...] it worked on)
    rate: Counter = field(default_factory=Counter)  # status -> count, per burst
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, what: str, via: str, ok: bool, detail: str = "") -> None:
        with self.lock:
            self.requests[(what, via)] += 1
            if not ok:
                self.failures.append(f"{what} via {via}: {detail}")


def call(tally: Tally, what: str, via: str, method: str, url: str, expect: set, **kwargs):
    try:
        response = requests.request(method, url, timeout=60, allow_redirects=False, **kwargs)
    except requests.RequestException as error:
        tally.record(what, via, False, f"{type(error).__name__}: {error}")
        return None
    ok = response.status_code in expect
    tally.record(what, via, ok, f"HTTP {response.status_code} {response.text[:200]!r}")
    return response if ok else None


def sign_in(deployment: Deployment, tally: Tally, key: str, email: str, servers: list[str]):
    """Sign in through nginx; the session cookie must then work on each app server directly."""
    base = deployment.url("nginx")
    page = call(tally, "sign-in form", "nginx", "GET", base + "/accounts/login/", {200})
    if page is None:
        return
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    answer = call(
        tally,
        "sign-in",
        "nginx",
        "POST",
        base + "/accounts/login/",
        {302},
        data={
            "csrfmiddlewaretoken": token.group(1) if token else "",
            "username": email,
            "password": PASSWORD,
        },
        cookies=page.cookies,
    )
    session = answer.cookies.get("sessionid") if answer is not None else None
    if session is None:
        if answer is not None:
            tally.record("sign-in", "nginx", False, f"{email}: no session cookie")
        return
    worked = []
    for server in servers:
        page = call(
            tally,
            "signed-in page",
            server,
            "GET",
            deployment.url(server) + "/accounts/me/tokens/",
            {200},
            cookies={"sessionid": session},
        )
        if page is not None and f"scale-out {key}" in page.text:
            worked.append(server)
        elif page is not None:
            tally.record("signed-in page", server, False, f"{email}: not signed in there")
    with tally.lock:
        tally.sign_ins.append((key, servers, worked))
    return session


def writer(deployment, tally, key: str, token: str, targets: list[str], phase: int, stop):
    """API creates, round robin over `targets`; each 201 is a write the database must hold."""
    for number in range(WRITES_PER_WRITER):
        if stop.is_set():
            return
        via = targets[number % len(targets)]
        email = f"p{phase}-{key}-{number}@scaleout.example"
        answer = call(
            tally,
            "API create",
            via,
            "POST",
            f"{deployment.url(via)}/api/v1/organisations/{ORG}/candidates",
            {201},
            json={"first_name": "Load", "last_name": f"{key} {number}", "email": email},
            headers={"Authorization": f"Bearer {token}"},
        )
        if answer is not None:
            with tally.lock:
                tally.acknowledged.append(email)
        time.sleep(0.15)


def reader(deployment, tally, session: str, stop) -> None:
    """Pages through nginx until told to stop: the steady traffic around the stop of B."""
    pages = ["/health/", f"/o/{ORG}/candidates/", f"/o/{ORG}/trajectories/"]
    number = 0
    while not stop.is_set():
        path = pages[number % len(pages)]
        url = deployment.url("nginx") + path
        call(tally, "read", "nginx", "GET", url, {200}, cookies={"sessionid": session})
        number += 1
        time.sleep(0.1)


def burst(deployment, tally: Tally, token: str, servers: list[str]) -> Counter:
    """3 × RATE calls of one person at once, spread over `servers`: RATE may pass."""
    statuses: Counter = Counter()
    lock = threading.Lock()

    def one(number: int) -> None:
        via = servers[number % len(servers)]
        answer = call(
            tally,
            "rate-limit burst",
            via,
            "GET",
            deployment.url(via) + "/api/v1/me",
            {200, 429},
            headers={"Authorization": f"Bearer {token}"},
        )
        if answer is not None:
            with lock:
                statuses[answer.status_code] += 1

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(one, range(3 * RATE)))
    return statuses


def enqueue_probes(first: int, count: int, seconds: float) -> list[int]:
    from scaleout_probe import probe

    numbers = list(range(first, first + count))
    for number in numbers:
        probe.enqueue(number=number, seconds=seconds)
    return numbers


def unfinished_tasks() -> int:
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    unfinished = (TaskResultStatus.READY, TaskResultStatus.RUNNING)
    return DBTaskResult.objects.filter(status__in=unfinished).count()


def wait_for_queue(seconds: float = 120) -> bool:
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    deadline = time.monotonic() + seconds
    unfinished = (TaskResultStatus.READY, TaskResultStatus.RUNNING)
    while time.monotonic() < deadline:
        if not DBTaskResult.objects.filter(status__in=unfinished).exists():
            return True
        time.sleep(0.5)
    return False


# --- The checks ------------------------------------------------------------------------------


@dataclass
class Checks:
    results: list = field(default_factory=list)  # (ok, text)

    def check(self, ok: bool, text: str) -> bool:
        self.results.append((bool(ok), text))
        print(f"  {'ok  ' if ok else 'FAIL'}  {text}", flush=True)
        return bool(ok)

    @property
    def failed(self) -> int:
        return sum(1 for ok, _text in self.results if not ok)


def check_everything(deployment, tally: Tally, checks: Checks, *, probes: list[int], extra):
    from django.db import connection
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from werkplek.candidates.models import Candidate
    from werkplek.notifications.models import DigestRun, Notification, PeriodicRun

    total = sum(tally.requests.values())
    checks.check(
        not tally.failures,
        f"no request failed: {total} requests, {len(tally.failures)} failed"
        + "".join(f"\n        {failure}" for failure in tally.failures[:10]),
    )
    bad = [key for key, servers, worked in tally.sign_ins if worked != servers]
    checks.check(
        tally.sign_ins and not bad,
        f"{len(tally.sign_ins)} sign-ins through nginx, each session then used directly on "
        + " and ".join(sorted({s for _key, _servers, worked in tally.sign_ins for s in worked}))
        + (f" (not on every server for {', '.join(bad)})" if bad else ""),
    )
    stored = set(
        Candidate.objects.filter(
            email__endswith="@scaleout.example", first_name="Load"
        ).values_list("email", flat=True)
    )
    acknowledged = set(tally.acknowledged)
    checks.check(
        acknowledged and acknowledged == stored and len(tally.acknowledged) == len(acknowledged),
        f"nothing lost: {len(acknowledged)} writes acknowledged, {len(stored)} in the database"
        f" ({len(acknowledged - stored)} missing, {len(stored - acknowledged)} unexpected)",
    )
    for name, statuses in tally.rate.items():
        # A sliding window of a minute: a burst that straddles the turn of a minute may pass
        # a few more (the share of the previous minute that slid out during the burst).
        checks.check(
            RATE <= statuses[200] <= RATE + RATE // 10 and sum(statuses.values()) == 3 * RATE,
            f"rate limit {RATE}/min across {name}: {statuses[200]} allowed, "
            f"{statuses[429]} refused of {3 * RATE}",
        )

    checks.check(wait_for_queue(), "the task queue emptied")
    results = list(DBTaskResult.objects.values("task_path", "status", "worker_ids"))
    failed = [r for r in results if r["status"] != TaskResultStatus.SUCCESSFUL]
    claimed_twice = [r for r in results if len(r["worker_ids"]) != 1]
    paths = Counter(r["task_path"].rsplit(".", 1)[-1] for r in results)
    by_worker = Counter(worker for r in results for worker in r["worker_ids"])
    checks.check(
        not failed and not claimed_twice,
        f"{len(results)} tasks, each claimed by one worker and successful "
        f"({len(failed)} not successful, {len(claimed_twice)} claimed more than once); "
        f"by worker: {dict(sorted(by_worker.items()))}; "
        + ", ".join(f"{name} {n}" for name, n in sorted(paths.items())),
    )
    slots = Counter(PeriodicRun.objects.values_list("job", flat=True))
    for job, path in PERIODIC_TASKS.items():
        enqueued = sum(1 for r in results if r["task_path"] == path) - extra[path]
        if job in slots or enqueued:
            checks.check(
                enqueued == slots[job],
                f"scheduler job {job}: {slots[job]} slot(s) claimed, {enqueued} task(s) ran",
            )
    enqueued_by = {
        name: deployment.log(name).read_text(errors="replace").count("enqueued ")
        for name in ("scheduler-1", "scheduler-2")
    }
    running = all(deployment.processes[name].poll() is None for name in enqueued_by)
    checks.check(
        running and slots["notifications.scan"] >= 1 and slots["notifications.digests"] >= 1,
        f"both schedulers ticking every second; the reminder scan and the digest were due; "
        f"slots enqueued by each: {enqueued_by}",
    )
    notifications = Notification.objects.count()
    # Every e-mail the workers sent, as (recipient, subject): the digests, and the prompts to
    # act ("you are now the mentor of …") that creating trajectories queued.
    mails: Counter[tuple[str, str]] = Counter()
    for name in ("worker-1", "worker-2"):
        subject = ""
        for line in deployment.log(name).read_text(errors="replace").splitlines():
            if line.startswith("Subject: "):
                subject = line[9:].strip()
            elif line.startswith("To: "):
                mails[(line[4:].strip(), subject)] += 1
    digest_mails = Counter(
        to for (to, subject), n in mails.items() for _ in range(n) if DIGEST_SUBJECT.search(subject)
    )
    digests = dict(
        DigestRun.objects.filter(notification_count__gt=0).values_list(
            "user__email", "notification_count"
        )
    )
    checks.check(
        notifications > 0
        and digests
        and set(digest_mails) == set(digests)
        and all(n == 1 for n in mails.values()),
        f"{notifications} reminders found; digest e-mails: "
        + ", ".join(f"{email} × {n}" for email, n in sorted(digest_mails.items()))
        + f" (digests recorded: {len(digests)}); other e-mails: "
        + f"{sum(mails.values()) - digest_mails.total()}, none sent twice",
    )
    counts = redis_client().mget([f"scaleout:probe:{n}" for n in probes])
    runs = Counter(int(c or 0) for c in counts)
    checks.check(
        runs == Counter({1: len(probes)}),
        f"{len(probes)} probe tasks ran exactly once each (runs per probe: {dict(runs)})",
    )
    connection.close()


# --- The run ---------------------------------------------------------------------------------


def run(workdir: Path, checks: Checks) -> None:
    deployment = Deployment(
        workdir=workdir,
        env={},
        nginx_port=free_port(),
        ports={"A": free_port(), "B": free_port()},
    )
    deployment.env = environment(workdir, deployment.url("nginx"))
    (workdir / "static").mkdir()
    (workdir / "data").mkdir()
    os.environ.update(deployment.env)
    sys.path.insert(0, str(SCRIPTS))

    step(f"PostgreSQL {database_name()} created; Redis {REDIS_URL} flushed; migrate and seed")
    recreate_database()
    redis_client().flushdb()
    import django

    django.setup()
    seed_data = seed()
    from django.db import connection

    connection.close()

    step(
        f"start: nginx :{deployment.nginx_port} → A :{deployment.ports['A']}, "
        f"B :{deployment.ports['B']}; 2 workers; 2 schedulers"
    )
    try:
        deployment.start_app_server("A")
        deployment.start_app_server("B")
        for number in (1, 2):
            deployment.start(
                f"worker-{number}",
                [
                    PYTHON,
                    "manage.py",
                    "db_worker",
                    "--interval",
                    "0.5",
                    "--no-startup-delay",
                    "--worker-id",
                    f"worker-{number}",
                ],
            )
        deployment.start_nginx()
        for via in ("A", "B", "nginx"):
            deployment.wait_until_up(via)
        for number in (1, 2):
            deployment.start(
                f"scheduler-{number}",
                [PYTHON, "manage.py", "run_periodic", "--loop", "--interval", "1"],
            )
        tally = Tally()
        extra = Counter()  # periodic tasks enqueued by the test itself, not by a scheduler
        tokens, emails = seed_data["tokens"], seed_data["emails"]
        session = sign_in(deployment, tally, "coordinator", emails["coordinator"], ["A", "B"])

        step("phase 1: everything up — sign-ins, writes on A, B and nginx, a burst, tasks")
        probes = enqueue_probes(0, PROBES_PER_PHASE, 0.05)
        stop = threading.Event()
        with ThreadPoolExecutor(max_workers=6) as pool:
            pool.submit(reader, deployment, tally, session, stop)
            writers = [
                pool.submit(
                    writer, deployment, tally, key, tokens[key], ["A", "B", "nginx"], 1, stop
                )
                for key in ("directie", "coordinator")
            ]
            for key, email in emails.items():
                sign_in(deployment, tally, key, email, ["A", "B"])
            tally.rate["A and B (phase 1)"] = burst(
                deployment, tally, tokens["mentor1"], ["A", "B"]
            )
            for future in writers:
                future.result()
            stop.set()
        wait_for_queue()
        step("checks after phase 1")
        check_everything(deployment, tally, checks, probes=probes, extra=extra)

        step("phase 2: the same load; B drained and stopped, worker 2 stopped mid-task")
        from django.utils import timezone

        from werkplek.notifications.tasks import scan_notifications, send_digests

        today = timezone.localdate().isoformat()
        probes += enqueue_probes(PROBES_PER_PHASE, PROBES_PER_PHASE, 0.4)
        scan_notifications.enqueue(today=today)
        send_digests.enqueue(today=today)  # again: nobody may get a second e-mail
        extra[scan_notifications.module_path] += 1
        extra[send_digests.module_path] += 1
        from django.db import connection

        connection.close()
        stop = threading.Event()
        with ThreadPoolExecutor(max_workers=6) as pool:
            pool.submit(reader, deployment, tally, session, stop)
            writers = [
                pool.submit(writer, deployment, tally, key, tokens[key], ["nginx", "A"], 2, stop)
                for key in ("directie", "coordinator")
            ]
            time.sleep(1.5)
            deployment.reload_nginx(b_down=True)  # drain: nginx sends B nothing new
            queued = unfinished_tasks()
            codes = {}
            stopping = time.monotonic()
            stoppers = [
                pool.submit(lambda name=name: codes.__setitem__(name, deployment.stop(name)))
                for name in ("worker-2", "app-B")
            ]
            for future in stoppers:
                future.result()
            stopped_in = time.monotonic() - stopping
            # B is gone but listed again, as after a crash: refused connections go to A.
            deployment.reload_nginx(b_down=False)
            for key in ("mentor1", "mentor2"):
                sign_in(deployment, tally, key, emails[key], ["A"])
            tally.rate["nginx and A (phase 2)"] = burst(
                deployment, tally, tokens["mentor2"], ["nginx", "A"]
            )
            for future in writers:
                future.result()
            stop.set()
        refused = deployment.workdir.joinpath("nginx-error.log").read_text(errors="replace")
        refused = refused.count("Connection refused")
        step("checks after phase 2")
        checks.check(
            codes == {"worker-2": 0, "app-B": 0},
            f"worker 2 and app server B stopped gracefully on SIGTERM (exit codes {codes}); "
            f"{queued} tasks were still to do when worker 2 was told to stop; "
            f"both had stopped after {stopped_in:.1f} s",
        )
        checks.check(
            refused > 0,
            f"nginx met B's refused connection {refused} time(s) and passed each request to A",
        )
        check_everything(deployment, tally, checks, probes=probes, extra=extra)
        served = {
            name: len(deployment.log(f"access-{name}").read_text().splitlines())
            for name in ("A", "B")
        }
        step(
            "requests: "
            + ", ".join(
                f"{what} via {via} {n}" for (what, via), n in sorted(tally.requests.items())
            )
            + f"; served by A {served['A']}, by B {served['B']}"
        )
    except BaseException:
        for name in deployment.processes:
            print(f"--- {name} (last lines) ---\n{tail(deployment.log(name))}", file=sys.stderr)
        raise
    finally:
        deployment.stop_all()


def main() -> int:
    if not Path(NGINX).exists():
        print(f"nginx not found ({NGINX}): apt-get install nginx-light", file=sys.stderr)
        return 1
    started = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="werkplek-scaleout-"))
    checks = Checks()
    try:
        run(workdir, checks)
    finally:
        try:
            from django.db import connections

            connections.close_all()
        except Exception:
            pass
        drop_database()
        try:
            redis_client().flushdb()
        except Exception as error:
            print(f"could not flush Redis: {error}", file=sys.stderr)
        if checks.failed:
            print(f"logs kept in {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"scale-out test took {time.monotonic() - started:.0f} s")
    print(f"scale-out: {len(checks.results) - checks.failed} passed, {checks.failed} failed")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
