from django.urls import include, path

from torget.accounts import urls as account_urls
from torget.api import api
from torget.channels import urls as channel_urls
from torget.inbox import urls as inbox_urls
from torget.orgs import urls as org_urls

urlpatterns = [
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include(account_urls)),
    path("", include(channel_urls)),
    path("", include("torget.comments.urls")),
    path("", include(inbox_urls)),
    path("", include("torget.moderation.urls")),
    path("", include(org_urls)),
]
