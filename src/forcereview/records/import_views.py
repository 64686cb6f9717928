"""The import page: upload a CSV, JSON or JSON Lines file of incidents, check it (dry run) or
import it. Every problem is listed with its row and column; nothing is written unless the
whole file is valid. Thin: ``records.importer`` does the work."""

from __future__ import annotations

import io

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render

from forcereview.accounts.rules import allow
from forcereview.records.access import IMPORTERS
from forcereview.records.importer import import_file
from forcereview.records.importer.csvfile import write_csv

SHOWN_PROBLEMS = 500


def _megabytes(n: int) -> str:
    return f"{n / 1_000_000:.0f} MB"


@allow(*IMPORTERS)
def import_incidents(request):
    context = {"max_size": _megabytes(settings.IMPORT_MAX_BYTES), "dry_run": True}
    if request.method != "POST":
        return render(request, "records/import.html", context)
    agency = request.user.agency
    if agency is None:
        context["error"] = "Your login belongs to no agency, so there is nowhere to import incidents."
        return render(request, "records/import.html", context, status=422)
    # An oversized upload is refused by its declared length, before it is read as a file.
    declared = int(request.META.get("CONTENT_LENGTH") or 0)
    if declared > settings.IMPORT_MAX_BYTES + 64 * 1024:
        context["error"] = (f"The file is larger than {_megabytes(settings.IMPORT_MAX_BYTES)}, the largest accepted. "
                            "Split it, or ask an administrator to import it with 'forcereview import'.")
        return render(request, "records/import.html", context, status=413)
    upload = request.FILES.get("file")
    dry_run = bool(request.POST.get("dry_run"))
    context["dry_run"] = dry_run
    if upload is None:
        context["error"] = "Choose a file to import."
        return render(request, "records/import.html", context, status=422)
    with upload.open("rb") as stream:
        outcome = import_file(agency, stream, by=request.user, size=upload.size, dry_run=dry_run)
    context.update(
        outcome=outcome,
        file_name=upload.name,
        problems=outcome.problems[:SHOWN_PROBLEMS],
        hidden=max(len(outcome.problems) - SHOWN_PROBLEMS, 0),
    )
    return render(request, "records/import.html", context, status=200 if outcome.ok else 422)


@allow(*IMPORTERS)
def example_csv(request):
    """A small, valid example file to start from."""
    out = io.StringIO(newline="")
    write_csv([EXAMPLE], out)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="incidents-example.csv"'
    return response


EXAMPLE = {
    "number": "2024-000123",
    "occurred_at": "2024-03-05T14:30:00",
    "location": "1200 Central Ave SW",
    "location_type": "street",
    "contact_reason": "traffic_stop",
    "narrative": "Driver refused to exit the vehicle and pulled away when the officer took his arm.",
    "officers": [
        {"badge": "1234", "role": "primary", "claims": ["subject_actively_resisted"]},
        {"badge": "2345", "role": "assisting"},
    ],
    "subjects": [{"ref": "S1", "age": 34, "sex": "male", "resistance": ["pulled_away"], "injuries": ["abrasion"],
                  "medical_treatment": "on_scene"}],
    "force": [
        {"officer": "1234", "subject": "S1", "type": "control_hold", "at": "14:31", "resistance": "pulled_away"},
        {"officer": "2345", "subject": "S1", "type": "handcuffs", "at": "14:32"},
    ],
    "witnesses": [{"name": "Maria Gomez", "role": "bystander", "contact": "505-555-0100"}],
}
