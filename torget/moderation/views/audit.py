"""The audit log: read and exported, never changed (there is no page that edits or deletes)."""

from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from torget.moderation.audit import OSLO, csv_lines, get_audit_entries, get_audit_rows
from torget.moderation.policy_forms import AuditSearchForm
from torget.orgs.actions.permissions import check_role
from torget.orgs.models import Role
from torget.orgs.views.access import member_required

PAGE_SIZE = 50


@require_safe
@member_required
def audit_log(request, member):
    check_role(member, Role.RESPONDER)
    form = AuditSearchForm(request.GET or None)
    entries = get_audit_entries(member, form.filters())
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "rows": get_audit_rows(member, list(page.object_list)),
    }
    return render(request, "moderation/audit.html", context)


@require_safe
@member_required
def audit_csv(request, member):
    check_role(member, Role.RESPONDER)
    entries = get_audit_entries(member, AuditSearchForm(request.GET or None).filters())
    day = timezone.now().astimezone(OSLO).date().isoformat()
    filename = f"torget-audit-{member.organization.slug}-{day}.csv"
    return StreamingHttpResponse(
        csv_lines(entries),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
