from django.urls import path

from torget.channels import views
from torget.channels.webhooks import webhook

urlpatterns = [
    path("hooks/<str:token>/", webhook, name="channel-webhook"),
    path("channels/", views.channels_page, name="channels"),
    path("channels/sign-in/", views.channel_sign_in, name="channel-sign-in"),
    path("channels/signed-in/", views.channel_signed_in, name="channel-signed-in"),
    path(
        "channels/<int:channel_id>/fetch-now/", views.channel_fetch_now, name="channel-fetch-now"
    ),
    path(
        "channels/<int:channel_id>/read-again/", views.channel_read_again, name="channel-read-again"
    ),
]
