"""Write the demo data set through the real actions, so every row has its audit entry.

The whole load runs in one transaction: a demo agency is either there completely or not at
all, which is what makes ``forcereview demo`` safe to run again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.test.utils import override_settings

from forcereview.accounts.actions import create_user
from forcereview.records.actions import (
    create_agency,
    create_incident,
    create_officer,
    create_unit,
    import_reports,
)
from forcereview.records.demo.casework import People, load_casework
from forcereview.records.demo.generate import DemoData
from forcereview.records.demo.recordings import analyse_now, attach_transcripts
from forcereview.records.demo.reviewing import (
    close_history,
    evaluate_recent,
    review_history,
    reviewer_accounts,
    reviewer_usernames,
)
from forcereview.records.demo.roster import AGENCY, EMAIL_DOMAIN
from forcereview.records.models import Agency, Incident

# The audit log names this actor for rows the demo creates on nobody's behalf.
DEMO_ACTOR = "demo-data"


class DemoRefused(RuntimeError):
    """The database holds something the demo must not mix with."""


@dataclass(frozen=True)
class LoadSummary:
    agency: Agency
    officers: int
    incidents: int
    users: int
    created: bool  # False when the demo agency was already there


def demo_agency() -> Agency | None:
    return Agency.objects.filter(slug=AGENCY["slug"]).first()


def check_can_load(data: DemoData) -> None:
    """Refuse to put demo people and public passwords into a database with real agencies."""
    others = list(Agency.objects.exclude(slug=AGENCY["slug"]).values_list("name", flat=True)[:3])
    if others:
        raise DemoRefused(
            "this database already holds other agencies (" + ", ".join(others) + "); the demo loads only into "
            "an empty database. Point FORCEREVIEW_DATA_DIR (or DATABASE_URL) at another database."
        )
    from forcereview.accounts.models import User

    wanted = {login.username for login in data.logins} | set(reviewer_usernames(data).values())
    taken = sorted(User.objects.filter(username__in=wanted).values_list("username", flat=True))
    if taken and demo_agency() is None:
        raise DemoRefused(f"user names the demo needs are already taken: {', '.join(taken)}")


def load(data: DemoData, *, progress: Callable[[int, int], None] | None = None) -> LoadSummary:
    """Load ``data`` unless the demo agency is already there."""
    existing = demo_agency()
    if existing is not None:
        return LoadSummary(existing, existing.officers.count(), existing.incidents.count(),
                           existing.users.count(), created=False)
    check_can_load(data)
    # The demo's history is seeded, not happening now: nobody is emailed about it.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"), transaction.atomic():
        agency = create_agency(by=DEMO_ACTOR, **data.agency)
        units = {}
        for spec in data.units:
            units[spec.key] = create_unit(agency, by=DEMO_ACTOR, name=spec.name, kind=spec.kind,
                                          parent=units.get(spec.parent) if spec.parent else None)
        officers = {}
        for spec in data.roster.officers.values():  # listed top-down: supervisors come first
            officers[spec.key] = create_officer(
                agency, by=DEMO_ACTOR, first_name=spec.first_name, last_name=spec.last_name,
                badge_number=spec.badge, hire_date=spec.hire_date, rank=spec.rank, assignment=spec.assignment,
                unit=units[spec.unit], supervisor=officers[spec.supervisor] if spec.supervisor else None,
                status=spec.status, email=spec.email,
            )
        users = {}
        for login in data.logins:
            users[login.role] = create_user(
                by=DEMO_ACTOR, username=login.username, password=login.password, role=login.role, agency=agency,
                officer=officers[login.officer] if login.officer else None, first_name=login.first_name,
                last_name=login.last_name, email=f"{login.username}@{EMAIL_DOMAIN}",
            )
        logins = {officers[login.officer].pk: users[login.role] for login in data.logins if login.officer}
        accounts = reviewer_accounts(agency, data, officers, logins)
        _incidents(agency, data, users, officers, progress)
        close_history(agency, data)
        evaluate_recent(agency, data)
        # Recordings come before the reviews (the analysis feeds the policy) and the cases (a
        # civil claim's legal hold covers the recording).
        items = attach_transcripts(agency, data, officers, lambda officer: logins.get(officer.pk, DEMO_ACTOR))
        analyse_now(items)
        review_history(agency, data, accounts, command=users["command"], investigator=users["investigator"])
        load_casework(agency, data, People(investigator=users["investigator"], command=users["command"],
                                           officers=officers))
    return LoadSummary(agency, len(officers), Incident.objects.filter(agency=agency).count(), len(users), created=True)


def _incidents(agency, data: DemoData, users: dict, officers: dict, progress) -> None:
    """The featured incidents are filed one by one, as their officers would (under the
    officer's own login where there is one); the generated history comes in through the
    bulk import, the path an agency uses to bring in its past records."""
    filer = {officers[login.officer].badge_number: users[login.role] for login in data.logins if login.officer}
    featured = {item.report["number"] for item in data.featured.values()}
    total, done = len(data.incidents), 0
    for report in data.incidents:
        if report["number"] in featured:
            create_incident(agency, report, by=filer.get(report["officers"][0]["badge"], DEMO_ACTOR))
            done += 1
    history = [(f"generated incident {report['number']}", report)
               for report in data.incidents if report["number"] not in featured]
    if history:
        result = import_reports(agency, history, by=DEMO_ACTOR,
                                progress=(lambda stage, n: progress(done + n, total) if stage == "written" else None)
                                if progress else None)
        if not result.ok:  # a generator bug, never bad user input
            where, error = result.errors[0]
            raise RuntimeError(f"demo data failed validation at {where}: {error}")
    if progress:
        progress(total, total)
