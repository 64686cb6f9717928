"""The REST API: one NinjaAPI with a router per app. OpenAPI schema at /api/openapi.json,
interactive docs at /api/docs. Authentication: a bearer token (see ``accounts.tokens``) or
the browser session; every operation declares which roles may call it (``accounts.rules``)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import ValidationError

from forcereview.accounts.rules import NoRule, PUBLIC, RULE_ATTR
from forcereview.cases.actions import CaseInvalid
from forcereview.deadlines.actions import DeadlineInvalid
from forcereview.openapi import add_body_schemas
from forcereview.records.actions import RecordInvalid
from forcereview.records.validation import ReportInvalid


def _public(view):
    setattr(view, RULE_ATTR, PUBLIC)
    return view


class ForcereviewAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs):
        return add_body_schemas(super().get_openapi_schema(**kwargs))


api = ForcereviewAPI(
    title="forcereview API",
    version="1",
    description="Use-of-force incidents, evidence analysis, reviews and cases.",
    auth=[NoRule()],
    urls_namespace="api",
    docs_url="/docs",
    docs_decorator=_public,
)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Forbidden"}, status=403)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": "Not found"}, status=404)


def _refused(request, detail: str, errors):
    return api.create_response(
        request, {"detail": detail, "errors": [{"field": e.path, "message": e.message} for e in errors]}, status=422)


@api.exception_handler(ReportInvalid)
def _invalid(request, exc: ReportInvalid):
    return _refused(request, "The report is invalid; nothing was saved.", exc.errors)


@api.exception_handler(RecordInvalid)
def _record_invalid(request, exc: RecordInvalid):
    return _refused(request, "The request was refused; nothing was saved.", exc.errors)


@api.exception_handler(DeadlineInvalid)
def _deadline_invalid(request, exc: DeadlineInvalid):
    return api.create_response(request, {"detail": exc.message, "field": exc.field}, status=422)


@api.exception_handler(CaseInvalid)
def _case_invalid(request, exc: CaseInvalid):
    return api.create_response(request, {"detail": exc.message, "field": exc.field}, status=422)


@api.exception_handler(ValidationError)
def _bad_parameters(request, exc: ValidationError):
    """Query and path parameters refused by their declared types, in the same shape as a
    refused report: one entry per field."""
    errors = []
    for e in exc.errors:
        loc = [str(part) for part in e.get("loc", ()) if part not in ("query", "path", "body", "form")]
        errors.append({"field": ".".join(loc), "message": e.get("msg", "is invalid")})
    return api.create_response(request, {"detail": "The request is invalid.", "errors": errors}, status=422)


def _add_routers() -> None:
    from forcereview.accounts.api import router as accounts_router
    from forcereview.administration.api import router as administration_router
    from forcereview.cases.api import router as cases_router
    from forcereview.deadlines.api import router as deadlines_router
    from forcereview.evidence.api import router as evidence_router
    from forcereview.records.api import reference_router
    from forcereview.records.api import router as records_router
    from forcereview.reviews.api import router as reviews_router

    api.add_router("/", accounts_router)
    api.add_router("/incidents", records_router)
    api.add_router("/", reference_router)
    api.add_router("/evidence", evidence_router)
    api.add_router("/reviews", reviews_router)
    api.add_router("/cases", cases_router)
    api.add_router("/deadlines", deadlines_router)
    api.add_router("/admin", administration_router)


_add_routers()
