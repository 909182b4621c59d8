from django.apps import AppConfig


class SystemConfig(AppConfig):
    """Running Torget: the web server, the task worker, the base layout."""

    name = "torget.system"
    label = "system"
