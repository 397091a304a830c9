"""`sahabat serve`: gunicorn for the web and the huey consumer for background jobs, together."""

import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the site with gunicorn and run the background-job consumer beside it."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 3)))
        parser.add_argument(
            "--no-jobs", action="store_true", help="Do not start the background-job consumer."
        )

    def handle(self, *args, host, port, workers, no_jobs, **options):
        web = [
            sys.executable,
            "-m",
            "gunicorn",
            "sahabat.wsgi:application",
            "--config",
            "python:sahabat.gunicorn_conf",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "120",
        ]
        processes = [subprocess.Popen(web)]
        if not no_jobs:
            processes.append(
                subprocess.Popen([sys.executable, "-m", "sahabat", "run_huey", "--workers", "2"])
            )
        self.stdout.write(
            self.style.SUCCESS(f"Sahabat UMKM is serving on http://{host}:{port}/ (Ctrl+C to stop)")
        )

        def stop(*_):
            for process in processes:
                if process.poll() is None:
                    process.terminate()

        signal.signal(signal.SIGTERM, stop)
        try:
            while all(process.poll() is None for process in processes):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            stop()
            for process in processes:
                process.wait(timeout=30)
