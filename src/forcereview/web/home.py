"""The home page panels built from incident records: what each role should look at first.

Registered in ``WebConfig.ready()`` through ``web.panels.HOME_PANELS`` like any other app's
panels. A supervisor's review queue is the reviews app's panel (``review_queue``). Order numbers: 10-19 queues with deadlines (review tasks, overdue items), 20-49 the
reader's own work, 50-79 oversight (recent serious incidents, figures), 80+ reference.
"""

from __future__ import annotations

from datetime import timedelta
from functools import reduce
from operator import or_

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from forcereview.accounts.models import User
from forcereview.accounts.roles import Role
from forcereview.audit.models import AuditChainHead
from forcereview.records import vocab
from forcereview.records.access import can_file_report, incidents_for, own_incidents
from forcereview.records.display import incident_rows
from forcereview.records.models import ForceApplication, Incident, Subject
from forcereview.web.panels import Panel

PANEL_ROWS = 8
RECENT_DAYS = 90
FIGURE_DAYS = 365
FIGURES_CACHE_SECONDS = 15 * 60
HIGH_SEVERITY_FORCE = ("firearm_discharged", "neck_restraint")


def _list_url(**params) -> str:
    return reverse("records:incident_list") + ("?" + urlencode(params) if params else "")


def _table(title: str, qs: QuerySet[Incident], *, reader, intro: str = "", empty: str, more_url: str = "",
           count: bool = True, order: tuple[str, ...] = ("-occurred_at", "-id"), small: bool = False) -> dict:
    """A panel's table of incidents. ``small`` marks a set read by key (one officer's own
    incidents): sorted here, so the database looks the rows up instead of walking the date
    index of the whole agency."""
    if small:
        keyed = sorted(qs.order_by().values_list("occurred_at", "pk"), reverse=True)
        ids = [pk for _, pk in keyed[:PANEL_ROWS]]
        found = Incident.objects.select_related("reported_by").in_bulk(ids)
        incidents, total = [found[pk] for pk in ids], len(keyed)
        more = total > PANEL_ROWS
    else:
        incidents = list(qs.select_related("reported_by").order_by(*order)[: PANEL_ROWS + 1])
        more = len(incidents) > PANEL_ROWS
        total = qs.count() if (count and more) else len(incidents)
    return {
        "title": title,
        "intro": intro,
        "rows": incident_rows(incidents[:PANEL_ROWS], reader=reader),
        "total": total,
        "more": more,
        "more_url": more_url,
        "empty": empty,
    }


def serious_injury_q(prefix: str = "") -> Q:
    """Subjects with a serious bodily injury, admitted to hospital, or dead."""
    q = Q(**{f"{prefix}medical_treatment__in": ["hospital_admitted", "died"]})
    for code in sorted(vocab.SERIOUS_INJURIES):
        # JSON text search works alike on SQLite and PostgreSQL; codes are quoted to match whole.
        q |= Q(**{f"{prefix}injuries__icontains": f'"{code}"'})
    return q


def high_severity(qs: QuerySet[Incident]) -> QuerySet[Incident]:
    """Incidents a professional-standards reader looks at first: serious injury or death,
    a juvenile subject, a firearm discharged, a neck restraint."""
    subject = Subject.objects.filter(incident=OuterRef("pk"))
    force = ForceApplication.objects.filter(incident=OuterRef("pk"), force_type__in=HIGH_SEVERITY_FORCE)
    return qs.filter(
        reduce(or_, [Q(Exists(subject.filter(serious_injury_q()))), Q(Exists(subject.filter(is_juvenile=True))),
                     Q(Exists(force))])
    )


# -- panels ------------------------------------------------------------------------------------


def my_reports(request) -> dict | None:
    user = request.user
    if user.role not in (Role.OFFICER, Role.SUPERVISOR) or user.officer_id is None:
        return None
    mine = own_incidents(user)
    correctable = mine.filter(reported_by_id=user.officer_id, status="reported")
    recent = _table("Your recent incidents", mine, reader=user, empty="You have no incidents on record.",
                    more_url=_list_url(officer=user.officer_id), small=True)
    if user.role == Role.SUPERVISOR and not recent["rows"]:
        return None  # a supervisor's page is about the chain; say nothing about an empty own record
    return {
        "can_file": can_file_report(user),
        "correctable": _table(
            "Your reports you can still correct", correctable, reader=user,
            intro="Filed by you and not yet under review. You may correct them until review starts.",
            empty="None: every report you filed is under review or done.", small=True,
        ),
        "recent": recent,
    }


def chain_juveniles(request) -> dict | None:
    user = request.user
    if user.role != Role.SUPERVISOR or user.officer_id is None:
        return None
    since = timezone.now() - timedelta(days=RECENT_DAYS)
    juvenile = Exists(Subject.objects.filter(incident=OuterRef("pk"), is_juvenile=True))
    qs = incidents_for(user).filter(occurred_at__gte=since).filter(Q(juvenile) | Q(location_type="school"))
    return _table(
        f"Juveniles and schools in your chain, last {RECENT_DAYS} days", qs, reader=user,
        empty="No force on a juvenile or at a school in your chain in this period.",
        more_url=_list_url(juvenile="yes"),
    )


def agency_high_severity(request) -> dict | None:
    user = request.user
    if user.role not in (Role.INVESTIGATOR, Role.COMMAND):
        return None
    since = timezone.now() - timedelta(days=RECENT_DAYS)
    qs = high_severity(incidents_for(user).filter(occurred_at__gte=since))
    return _table(
        f"Serious incidents in the agency, last {RECENT_DAYS} days", qs, reader=user,
        intro="Serious injury or death, a juvenile subject, a firearm discharged or a neck restraint.",
        empty="No serious incidents in this period.",
    )


def agency_recent(request) -> dict | None:
    user = request.user
    if user.role not in (Role.INVESTIGATOR, Role.COMMAND, Role.AUDITOR):
        return None
    return _table("Latest reports in the agency", incidents_for(user), reader=user, empty="No incidents on record.",
                  more_url=_list_url(), count=False)


def agency_figures(request) -> dict | None:
    user = request.user
    if user.role not in (Role.AUDITOR, Role.COMMAND):
        return None
    # A year of an agency's incidents takes a while to count, and the figures are the same for
    # every agency-wide reader: kept until the next recorded change (every write appends to the
    # audit log, so its last entry number says whether anything changed).
    head = AuditChainHead.objects.filter(pk=1).values_list("last_id", flat=True).first() or 0
    key = f"forcereview:agency-figures:{user.agency_id}:{head}:{timezone.localdate().isoformat()}"
    figures = cache.get(key)
    if figures is None:
        figures = _agency_figures(user)
        cache.set(key, figures, FIGURES_CACHE_SECONDS)
    return figures


def _agency_figures(user) -> dict:
    since = timezone.now() - timedelta(days=FIGURE_DAYS)
    qs = incidents_for(user).filter(occurred_at__gte=since)
    totals = qs.aggregate(
        total=Count("id"),
        school=Count("id", filter=Q(location_type="school")),
        **{status: Count("id", filter=Q(status=status)) for status in vocab.INCIDENT_STATUS.codes},
    )
    ids = qs.values("pk")
    juvenile = Subject.objects.filter(incident__in=ids, is_juvenile=True).values("incident").distinct().count()
    serious = Subject.objects.filter(serious_injury_q(), incident__in=ids).values("incident").distinct().count()
    by_force = {
        row["force_type"]: row["n"]
        for row in ForceApplication.objects.filter(incident__in=ids).values("force_type")
        .annotate(n=Count("incident", distinct=True)).order_by()
    }
    figures = [
        ("Incidents", totals["total"], _list_url(date_from=since.date().isoformat())),
        ("With a juvenile subject", juvenile, _list_url(date_from=since.date().isoformat(), juvenile="yes")),
        ("At a school", totals["school"], _list_url(date_from=since.date().isoformat(), location_type="school")),
        ("Serious injury or death", serious, ""),
        ("Firearm discharged", by_force.get("firearm_discharged", 0),
         _list_url(date_from=since.date().isoformat(), force_type="firearm_discharged")),
        ("Neck restraint", by_force.get("neck_restraint", 0),
         _list_url(date_from=since.date().isoformat(), force_type="neck_restraint")),
    ]
    statuses = [(vocab.INCIDENT_STATUS.label(code), totals[code], code) for code in vocab.INCIDENT_STATUS.codes]
    force_types = sorted(((vocab.FORCE_TYPES.label(c), n, c) for c, n in by_force.items()), key=lambda t: -t[1])
    return {"days": FIGURE_DAYS, "figures": figures, "statuses": statuses, "force_types": force_types[:8],
            "total": totals["total"]}


def agency_users(request) -> dict | None:
    user = request.user
    if user.role != Role.ADMIN or user.agency_id is None:
        return None
    users = list(User.objects.filter(agency_id=user.agency_id).select_related("officer").order_by("role", "username"))
    by_role = {label: sum(1 for u in users if u.role == code) for code, label in Role.choices}
    return {"users": users, "by_role": [(label, n) for label, n in by_role.items() if n]}


PANELS = [
    Panel("chain_juveniles", "web/panels/incident_table.html", chain_juveniles, order=30),
    Panel("my_reports", "web/panels/my_reports.html", my_reports, order=40),
    Panel("agency_high_severity", "web/panels/incident_table.html", agency_high_severity, order=50),
    Panel("agency_figures", "web/panels/agency_figures.html", agency_figures, order=60),
    Panel("agency_recent", "web/panels/incident_table.html", agency_recent, order=70),
    Panel("agency_users", "web/panels/agency_users.html", agency_users, order=20),
]

