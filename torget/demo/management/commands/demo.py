import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import translation

from torget.demo.data import load_demo


class Command(BaseCommand):
    help = "Migrate, load the demo organization, and serve Torget with a task worker beside it."

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="only prepare the database")
        parser.add_argument("--port", type=int, default=None)

    def handle(self, *args, no_serve, port, **options):
        call_command("migrate", interactive=False, verbosity=0)
        with translation.override("nb"):  # what Torget itself writes in the demo, in bokmål
            created = load_demo()
        self.stdout.write("Demo organization " + ("created." if created else "already there."))
        if no_serve:
            return
        port = port or int(os.environ.get("PORT", "8000"))
        if "SITE_URL" not in os.environ:
            # Invitation links must point at the port this demo really answers on.
            settings.SITE_URL = f"http://127.0.0.1:{port}"
        serve_args = ["--port", str(port)]
        worker = subprocess.Popen(
            [sys.executable, "-m", "torget.cli", "worker", "--no-startup-delay"]
        )
        try:
            self.print_login(port)
            call_command("serve", *serve_args)
        finally:
            worker.terminate()
            worker.wait(timeout=10)

    def print_login(self, port):
        self.stdout.write(
            self.style.SUCCESS(
                f"\nTorget is at http://127.0.0.1:{port}/\n"
                "Log in as user: demo   password: demo   (demo only)\n"
                "Stop with Ctrl+C.\n"
            )
        )
