from django.urls import path, re_path

from torget.comments.views import example, held, settings, widget

urlpatterns = [
    path("comments/held/", held.held_page, name="comments-held"),
    path("comments/<int:comment_id>/publish/", held.comment_publish, name="comments-publish"),
    path("comments/<int:comment_id>/reject/", held.comment_reject, name="comments-reject"),
    path("comments/connect/", settings.connect_website, name="comments-connect"),
    path("comments/channels/<int:channel_id>/", settings.comment_field, name="comments-field"),
    path("comments/example/", example.example_page, name="comments-example"),
    re_path(
        r"^comments/(?P<widget_id>[A-Za-z0-9_-]{8,64})/$",
        widget.widget_endpoint,
        name="comments-widget",
    ),
]
