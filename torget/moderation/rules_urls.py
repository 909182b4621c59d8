from django.urls import path

from torget.moderation.views import rules

urlpatterns = [
    path("moderation/rules/", rules.rules_page, name="moderation-rules"),
    path(
        "moderation/rules/<int:rule_id>/dry-run/",
        rules.rule_dry_run,
        name="moderation-rule-dry-run",
    ),
    path(
        "moderation/rules/<int:rule_id>/switch/", rules.rule_switch, name="moderation-rule-switch"
    ),
    path(
        "moderation/rules/<int:rule_id>/delete/", rules.rule_delete, name="moderation-rule-delete"
    ),
]
