import os

from django.core.management.base import BaseCommand
from gunicorn.app.base import BaseApplication

from torget.env import env_int
from torget.wsgi import application


class Server(BaseApplication):
    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return application


def default_workers() -> int:
    return min(2 * (os.cpu_count() or 1) + 1, 9)


class Command(BaseCommand):
    help = (
        "Serve Torget over HTTP with gunicorn (put a TLS-terminating proxy in front in production)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        # Pages are Python-bound: processes that each serve one request at a time answer with
        # far shorter tails than threads sharing one interpreter (bench/inbox_list.py: p95
        # 61 ms against 119 ms with 2 x 4 threads, 20 responders on 2 cores).
        parser.add_argument(
            "--workers", type=int, default=env_int("WEB_CONCURRENCY", default_workers())
        )
        parser.add_argument("--threads", type=int, default=env_int("WEB_THREADS", 1))

    def handle(self, *args, host, port, workers, threads, **options):
        Server(
            {
                "bind": f"{host}:{port}",
                "workers": workers,
                "threads": threads,
                "accesslog": "-",
                "timeout": 60,
            }
        ).run()
