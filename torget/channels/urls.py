from django.urls import path

from torget.channels.webhooks import webhook

urlpatterns = [path("hooks/<str:token>/", webhook, name="channel-webhook")]
