"""An example article with the comment field embedded, for trying the widget (the demo
serves it at http://localhost:8000/comments/example/ while Torget answers on 127.0.0.1, a
second origin, as an organization's own site would be)."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.templatetags.static import static

from torget.comments.queries import get_widget_for_site
from torget.comments.sites import origin_of, widget_id_of


def example_page(request):
    channel = get_widget_for_site(origin_of(request.build_absolute_uri("/")) or "")
    if channel is None:
        raise Http404("No comment field allows this site.")
    context = {
        "script": settings.SITE_URL.rstrip("/") + static("comments/widget.js"),
        "widget_id": widget_id_of(channel),
    }
    return render(request, "comments/example.html", context)
