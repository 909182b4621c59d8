from django.urls import path

from torget.channels import context_views, import_views, mailbox_views, sandbox_views, views
from torget.channels.webhooks import webhook

urlpatterns = [
    path("hooks/<str:token>/", webhook, name="channel-webhook"),
    path("channels/", views.channels_page, name="channels"),
    path("channels/email/", mailbox_views.mailbox_page, name="channel-mailbox-connect"),
    path("channels/import/", import_views.import_page, name="channel-import"),
    path("channels/import/<int:run_id>/", import_views.import_run_page, name="channel-import-run"),
    path(
        "channels/import/<int:run_id>/go-on/",
        import_views.import_go_on,
        name="channel-import-go-on",
    ),
    path(
        "channels/import/<int:run_id>/rejected.csv",
        import_views.import_rejections,
        name="channel-import-rejections",
    ),
    path(
        "channels/<int:channel_id>/sandbox/behaviour/",
        sandbox_views.sandbox_behaviour,
        name="channel-sandbox-behaviour",
    ),
    path(
        "channels/<int:channel_id>/sandbox/citizen/",
        sandbox_views.sandbox_citizen,
        name="channel-sandbox-citizen",
    ),
    path(
        "channels/items/<int:item_id>/platform-thread/",
        context_views.item_platform_thread,
        name="channel-item-platform-thread",
    ),
    path("channels/sign-in/", views.channel_sign_in, name="channel-sign-in"),
    path("channels/signed-in/", views.channel_signed_in, name="channel-signed-in"),
    path("channels/<int:channel_id>/fetch-now/", views.channel_fetch_now, name="channel-fetch-now"),
    path(
        "channels/<int:channel_id>/read-again/", views.channel_read_again, name="channel-read-again"
    ),
]
