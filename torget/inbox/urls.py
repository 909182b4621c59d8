from django.urls import path

from torget.inbox.views import desk, item, lists, settings

urlpatterns = [
    path("inbox/", lists.inbox_list, name="inbox-list"),
    path("inbox/<int:item_id>/", item.item_detail, name="inbox-item"),
    path("inbox/<int:item_id>/reply/", item.item_reply, name="inbox-item-reply"),
    path(
        "inbox/<int:item_id>/reply-similar/",
        item.item_reply_similar,
        name="inbox-item-reply-similar",
    ),
    path("inbox/<int:item_id>/presence/", item.item_presence, name="inbox-item-presence"),
    path("inbox/<int:item_id>/note/", item.item_note, name="inbox-item-note"),
    path("inbox/<int:item_id>/assign/", item.item_assign, name="inbox-item-assign"),
    path("inbox/<int:item_id>/classify/", item.item_classify, name="inbox-item-classify"),
    path("inbox/<int:item_id>/wait/", item.item_wait, name="inbox-item-wait"),
    path("inbox/<int:item_id>/close/", item.item_close, name="inbox-item-close"),
    path("inbox/<int:item_id>/hand-off/", desk.item_hand_off, name="inbox-item-hand-off"),
    path("inbox/dashboard/", desk.inbox_dashboard, name="inbox-dashboard"),
    path("inbox/hand-offs/", desk.handoff_list, name="inbox-handoffs"),
    path("inbox/hand-offs/<int:handoff_id>/", desk.handoff_update, name="inbox-handoff-update"),
    path("inbox/duty/", desk.duty_toggle, name="inbox-duty"),
    path("inbox/settings/", settings.inbox_settings, name="inbox-settings"),
    path(
        "inbox/settings/rules/<int:rule_id>/delete/", settings.rule_delete, name="inbox-rule-delete"
    ),
    path("inbox/settings/retrain/", settings.classifier_retrain, name="inbox-retrain"),
]
