"""Documents drawn from cases: the case file as PDF, the report to the standards board, the
list of disclosure (Brady/Giglio) marks, and the de-identified summaries auditors read."""

from __future__ import annotations

import csv

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from forcereview.accounts.roles import Role
from forcereview.accounts.rules import allow
from forcereview.cases import casefile
from forcereview.cases.access import access_case, access_summary, case_ids_for, summaries_for
from forcereview.cases.config import rules
from forcereview.cases.models import Case, DisclosureMark, PersonnelAction, StandardsReport
from forcereview.cases.views.common import one_or_404


def render_pdf(html: str) -> bytes:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: the pango libraries are missing
        raise RuntimeError(
            "PDF export needs WeasyPrint and the pango libraries "
            "(pip install weasyprint; apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core): "
            f"{exc}") from exc
    return HTML(string=html).write_pdf()


@allow(Role.INVESTIGATOR, Role.COMMAND)
def case_pdf(request, pk: int):
    case = access_case(request.user, pk)
    cf = casefile.build(case, request.user)
    html = render_to_string("cases/case_file.html", {"cf": cf, "case": case, "reader": request.user,
                                                     "printed_at": timezone.now()}, request=request)
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="case-{case.number}.pdf"'
    return response


def board_report_context(report: StandardsReport) -> dict:
    case = report.case
    rule = rules().board
    officers = [report.officer] if report.officer_id else [link.officer for link in
                                                          case.officer_links.filter(role__in=["subject", "reviewer"])]
    allegations = case.allegations.filter(officer__in=officers).select_related("officer")
    separations = PersonnelAction.objects.filter(officer__in=officers, kind=PersonnelAction.Kind.SEPARATION)
    matrix = rules().discipline
    return {
        "report": report, "case": case, "rule": rule, "officers": officers, "separations": separations,
        "allegations": [(a, matrix.categories[a.category].label if a.category in matrix.categories else a.category)
                        for a in allegations],
        "referrals": case.criminal_referrals.all(),
    }


@allow(Role.INVESTIGATOR, Role.COMMAND)
def board_report(request, pk: int, rid: int):
    case = access_case(request.user, pk)
    report = one_or_404(StandardsReport.objects.filter(case=case), rid)
    context = board_report_context(report)
    if request.GET.get("format") == "pdf":
        html = render_to_string("cases/board_report.html", {**context, "base": "cases/print_base.html"}, request=request)
        response = HttpResponse(render_pdf(html), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="board-report-{case.number}-{report.pk}.pdf"'
        return response
    context["base"] = "base.html"
    context["breadcrumbs"] = [("Home", reverse("home")), ("Cases", reverse("cases:list")),
                              (case.number, reverse("cases:detail", args=[case.pk])), ("Board report", None)]
    return render(request, "cases/board_report.html", context)


def _marks(user):
    return (DisclosureMark.objects.filter(case__in=case_ids_for(user), status=DisclosureMark.Status.ACTIVE)
            .select_related("officer", "case"))


@allow(Role.INVESTIGATOR, Role.COMMAND)
def disclosures(request):
    marks = _marks(request.user)
    labels = {c.code: c.label for c in rules().discipline.categories.values()}
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv")
        response["Content-Disposition"] = 'attachment; filename="disclosure-marks.csv"'
        out = csv.writer(response)
        out.writerow(["officer", "badge", "status", "category", "sustained_on", "case"])
        for m in marks:
            out.writerow([m.officer.full_name, m.officer.badge_number, m.officer.status, labels.get(m.category, m.category),
                          m.sustained_on.isoformat(), m.case.number])
        return response
    return render(request, "cases/disclosures.html", {
        "marks": [(m, labels.get(m.category, m.category)) for m in marks],
        "breadcrumbs": [("Home", reverse("home")), ("Cases", reverse("cases:list")), ("Disclosure marks", None)],
    })


@allow(Role.AUDITOR)
def summary_list(request):
    qs = summaries_for(request.user).order_by("-opened_at", "-id")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "cases/summary_list.html", {
        "page": page, "rows": [casefile.summary(c) for c in page],
        "breadcrumbs": [("Home", reverse("home")), ("Case summaries", None)],
        "open_count": qs.exclude(status=Case.Status.CLOSED).count(),
    })


@allow(Role.AUDITOR)
def summary_detail(request, pk: int):
    s = casefile.summary(access_summary(request.user, pk))
    return render(request, "cases/summary_detail.html", {
        "s": s, "breadcrumbs": [("Home", reverse("home")), ("Case summaries", reverse("cases:summaries")),
                                (s["number"], None)]})
