"""`make run`: the development web server with a task worker and the periodic scheduler.

The worker (`manage.py db_worker`) runs background tasks (reminder scan, e-mail digests);
the scheduler (`manage.py run_periodic --loop`) enqueues the periodic ones. Both stop when
the web server stops (Ctrl+C, or the server exiting on its own).

    python scripts/devserver.py 127.0.0.1:8000
"""

import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANAGE = [sys.executable, str(ROOT / "manage.py")]
HELPERS = [
    ["db_worker", "--no-reload", "--interval", "2", "--no-startup-delay", "--verbosity", "1"],
    ["run_periodic", "--loop", "--interval", "60"],
]


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def main(address: str) -> int:
    # `kill <pid of this script>` must stop the helpers too: turn SIGTERM into a clean exit.
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(0))
    helpers = [subprocess.Popen([*MANAGE, *arguments], cwd=ROOT) for arguments in HELPERS]
    server = subprocess.Popen([*MANAGE, "runserver", address], cwd=ROOT)
    try:
        return server.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        # SIGTERM (not SIGKILL): runserver's reloader then stops the server process it runs.
        stop([server, *helpers])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:8000"))
