from django.urls import path

from torget.orgs.views import calendars, home, invitations, people, teams

urlpatterns = [
    path("", home.home, name="orgs-home"),
    path("organization/switch/", home.switch_organization, name="orgs-switch"),
    path("teams/", teams.team_list, name="orgs-team-list"),
    path("teams/<int:team_id>/", teams.team_detail, name="orgs-team-detail"),
    path("teams/<int:team_id>/delete/", teams.team_delete, name="orgs-team-delete"),
    path("calendars/", calendars.calendar_list, name="orgs-calendar-list"),
    path("calendars/new/", calendars.calendar_create, name="orgs-calendar-create"),
    path("calendars/<int:calendar_id>/", calendars.calendar_detail, name="orgs-calendar-detail"),
    path("calendars/<int:calendar_id>/edit/", calendars.calendar_edit, name="orgs-calendar-edit"),
    path(
        "calendars/<int:calendar_id>/delete/",
        calendars.calendar_delete,
        name="orgs-calendar-delete",
    ),
    path(
        "calendars/<int:calendar_id>/exceptions/",
        calendars.calendar_exception_set,
        name="orgs-calendar-exception-set",
    ),
    path(
        "calendars/<int:calendar_id>/exceptions/<str:day>/remove/",
        calendars.calendar_exception_remove,
        name="orgs-calendar-exception-remove",
    ),
    path("people/", people.people_list, name="orgs-people"),
    path("people/<int:membership_id>/", people.person_detail, name="orgs-person-detail"),
    path("people/<int:membership_id>/role/", people.person_role, name="orgs-person-role"),
    path("people/<int:membership_id>/remove/", people.person_remove, name="orgs-person-remove"),
    path(
        "invitations/<int:invitation_id>/revoke/",
        people.invitation_revoke,
        name="orgs-invitation-revoke",
    ),
    path("invite/<str:token>/", invitations.accept_invitation, name="orgs-invitation"),
]
