from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from torget.orgs.calendars import DAY_KEYS, CalendarError, hours_text, parse_hours_text
from torget.orgs.models import DutyCalendar, Role, Team

DAY_LABELS = {
    "mon": pgettext_lazy("weekday in a form", "Monday"),
    "tue": pgettext_lazy("weekday in a form", "Tuesday"),
    "wed": pgettext_lazy("weekday in a form", "Wednesday"),
    "thu": pgettext_lazy("weekday in a form", "Thursday"),
    "fri": pgettext_lazy("weekday in a form", "Friday"),
    "sat": pgettext_lazy("weekday in a form", "Saturday"),
    "sun": pgettext_lazy("weekday in a form", "Sunday"),
}
HOURS_HELP = _("For example 08:00–16:00, 18:00–22:00. Leave empty when closed.")


def hours_field(label) -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=200, help_text=HOURS_HELP)


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    calendar = forms.ModelChoiceField(
        label=_("Duty calendar"),
        queryset=DutyCalendar.objects.none(),
        required=False,
        empty_label=_("No calendar"),
    )

    def __init__(self, *args, calendars=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["calendar"].queryset = calendars


class CalendarForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    timezone = forms.CharField(label=_("Time zone"), max_length=64, initial="Europe/Oslo")
    follows_holidays = forms.BooleanField(
        label=_("Follow Norway's public holidays"), required=False, initial=True
    )
    holiday_hours = hours_field(_("Hours on public holidays"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key in DAY_KEYS:
            self.fields[key] = forms.CharField(
                label=DAY_LABELS[key], required=False, max_length=200
            )

    @property
    def day_fields(self) -> list:
        return [self[key] for key in DAY_KEYS]

    @property
    def general_fields(self) -> list:
        return [self[key] for key in ("name", "timezone", "follows_holidays", "holiday_hours")]

    @classmethod
    def initial_from(cls, calendar: DutyCalendar) -> dict:
        initial = {
            "name": calendar.name,
            "timezone": calendar.timezone,
            "follows_holidays": bool(calendar.holidays),
            "holiday_hours": hours_text(calendar.holiday_hours),
        }
        return initial | {key: hours_text(calendar.weekly.get(key, [])) for key in DAY_KEYS}

    def clean(self):
        data = super().clean()
        for key in [*DAY_KEYS, "holiday_hours"]:
            try:
                data[key] = parse_hours_text(data.get(key, ""), str(self.fields[key].label))
            except CalendarError as error:
                self.add_error(key, str(error))
        return data

    def body(self, exceptions: list) -> dict:
        """The calendar as the API speaks it, for the same action the API calls."""
        data = self.cleaned_data
        return {
            "name": data["name"],
            "timezone": data["timezone"],
            "weekly": {key: data[key] for key in DAY_KEYS},
            "holidays": "NO" if data["follows_holidays"] else None,
            "holiday_hours": data["holiday_hours"],
            "exceptions": exceptions,
        }


class ExceptionForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    hours = hours_field(_("Hours that day"))
    note = forms.CharField(label=_("Note"), required=False, max_length=200)

    def clean_hours(self):
        try:
            return parse_hours_text(self.cleaned_data["hours"], str(self.fields["hours"].label))
        except CalendarError as error:
            raise forms.ValidationError(str(error)) from None


class TeamsForm(forms.Form):
    """A form with a choice of the organization's teams; the view passes which teams those are."""

    teams = forms.ModelMultipleChoiceField(
        label=_("Teams"),
        queryset=Team.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, teams=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teams"].queryset = teams


class InvitationForm(TeamsForm):
    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.RESPONDER)
    field_order = ["email", "role", "teams"]


class PersonForm(TeamsForm):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    field_order = ["role", "teams"]
