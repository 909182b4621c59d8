"""Importing an export from the page: send the file, follow the worker's progress, download
the rows it did not take."""

import csv

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from torget.channels.actions.importing import do_go_on_with_import, do_start_import
from torget.channels.imports import UnreadableFileError
from torget.channels.models import Channel, ImportRun
from torget.orgs.actions.permissions import check_can_manage
from torget.orgs.queries import access, scoped
from torget.orgs.views.access import member_required


class ImportForm(forms.Form):
    channel = forms.SlugField(
        label=_("Channel key"),
        max_length=40,
        help_text=_("The items carry it, e.g. facebook; it need not be connected."),
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV with a header row (external_id, kind, author_handle, author_name, text, "
            "received_at, in_reply_to), a JSON list, or JSON lines, as the API takes items."
        ),
    )


def runs_of(member):
    return scoped(ImportRun, member).defer("upload", "rejections").order_by("-started_at")


@member_required
def import_page(request, member):
    check_can_manage(member)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            run = do_start_import(
                member, form.cleaned_data["channel"].casefold(), upload.read(), upload.name
            )
        except UnreadableFileError as error:
            form.add_error("file", str(error))
        except ValidationError as error:
            form.add_error("file", error)
        else:
            return redirect("channel-import-run", run.pk)
    keys = scoped(Channel, member).values_list("key", flat=True).order_by("key")
    context = {"form": form, "runs": runs_of(member)[:20], "keys": list(keys)}
    return render(request, "channels/import.html", context)


@member_required
def import_run_page(request, member, run_id):
    check_can_manage(member)
    run = access(ImportRun, member, run_id)
    template = (
        "channels/partials/import_progress.html" if request.htmx else "channels/import_run.html"
    )
    return render(request, template, {"run": run, "shown": run.rejections[:100]})


@require_POST
@member_required
def import_go_on(request, member, run_id):
    do_go_on_with_import(member, access(ImportRun, member, run_id))
    return redirect("channel-import-run", run_id)


@member_required
def import_rejections(request, member, run_id):
    check_can_manage(member)
    run = access(ImportRun, member, run_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{run.source}.rejected.csv"'
    writer = csv.writer(response)
    writer.writerow(["line", "reason"])
    writer.writerows(run.rejections)
    return response
