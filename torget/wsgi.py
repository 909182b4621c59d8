import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "torget.settings")
application = get_wsgi_application()

# Every platform's parser, loaded once here, before `torget serve` forks its workers: loading
# them (atproto, Mastodon.py, …) takes a second, which the first webhook each worker took in
# would otherwise wait for.
from torget.channels.connectors import connectors  # noqa: E402

connectors()
