from django.urls import path

from torget.moderation.views import queue

urlpatterns = [
    path("moderation/", queue.moderation_queue, name="moderation-queue"),
    path("moderation/act/", queue.moderation_act, name="moderation-act"),
]
