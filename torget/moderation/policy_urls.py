from django.urls import path

from torget.moderation.views import audit, policy

urlpatterns = [
    path("moderation/audit/", audit.audit_log, name="moderation-audit"),
    path("moderation/audit.csv", audit.audit_csv, name="moderation-audit-csv"),
    path("moderation/house-rules/", policy.house_rules, name="moderation-house-rules"),
    path("rules/<slug:org_slug>/", policy.house_rules_public, name="house-rules-public"),
    path("moderation/explanations/", policy.explanation_list, name="moderation-explanations"),
    path(
        "moderation/explanations/<int:explanation_id>/",
        policy.explanation_edit,
        name="moderation-explanation-edit",
    ),
    path(
        "moderation/explanations/<int:explanation_id>/delete/",
        policy.explanation_delete,
        name="moderation-explanation-delete",
    ),
    path("moderation/lexicon/", policy.lexicon, name="moderation-lexicon"),
    path(
        "moderation/lexicon/<int:entry_id>/delete/",
        policy.lexicon_delete,
        name="moderation-lexicon-delete",
    ),
]
