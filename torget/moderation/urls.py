from django.urls import include, path

urlpatterns = [
    path("", include("torget.moderation.queue_urls")),
    path("", include("torget.moderation.policy_urls")),
    path("", include("torget.moderation.rules_urls")),
]
