"""Every route declares which roles may use it, and the rule holds over HTTP.

Adding a page or an API endpoint without ``@allow``/``@public`` (pages) or
``auth=api_roles(...)`` (API) makes ``test_every_route_declares_a_rule`` fail.
Object-level rules (whose incident, which chain of command) are tested per app.
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from forcereview.accounts.rules import PUBLIC, api_rule_of, roles_of, rule_of
from forcereview.api import api

PERSONAS = ["officer", "supervisor", "investigator", "command", "auditor", "admin"]
# Ninja's own schema views: the schema describes the API, holds no data, and is public.
NINJA_SCHEMA_VIEWS = {"openapi-json", "openapi-view"}


def _walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p


def page_routes():
    out = []
    for route, pattern in _walk(get_resolver().url_patterns):
        if route.startswith("api/"):
            continue
        out.append((route, pattern))
    return out


def api_operations():
    out = []
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for op in path_view.operations:
                for method in op.methods:
                    out.append((method, "api/" + (prefix.strip("/") + "/" if prefix.strip("/") else "") + path.lstrip("/"), op))
    return out


def _sample_url(route: str) -> str:
    url = "/" + route
    url = re.sub(r"<int:[^>]+>", "999999", url)
    url = re.sub(r"<uuid:[^>]+>", "00000000-0000-0000-0000-000000000000", url)
    url = re.sub(r"<(?:str|slug|path):[^>]+>|<[^>]+>", "x", url)
    url = re.sub(r"\{[^}]*int[^}]*\}|\{[^}]*_id\}|\{pk\}|\{id\}", "999999", url)
    url = re.sub(r"\{[^}]+\}", "x", url)
    url = url.replace("^", "").replace("$", "")
    return url


def test_every_route_declares_a_rule():
    missing = [route for route, p in page_routes() if rule_of(p.callback) is None and p.name not in NINJA_SCHEMA_VIEWS]
    missing += [f"{m} {path}" for m, path, op in api_operations() if api_rule_of(op) is None]
    assert not missing, f"routes without an access rule: {missing}"


def _page_cases():
    for route, pattern in page_routes():
        rule = rule_of(pattern.callback)
        if rule is None:
            continue
        for persona in PERSONAS:
            yield pytest.param(route, persona, persona in roles_of(rule), id=f"{route or '/'}-{persona}")


@pytest.mark.parametrize("route,persona,allowed", list(_page_cases()))
def test_page_rule_holds(client_as, route, persona, allowed):
    response = client_as(persona).get(_sample_url(route))
    if allowed:
        assert response.status_code != 403, f"{persona} should reach /{route}"
    else:
        assert response.status_code == 403, f"{persona} must not reach /{route} (got {response.status_code})"


def _api_cases():
    for method, path, op in api_operations():
        rule = api_rule_of(op)
        if rule is None:
            continue
        for persona in PERSONAS:
            yield pytest.param(method, path, persona, persona in roles_of(rule), id=f"{method}-{path}-{persona}")


@pytest.mark.parametrize("method,path,persona,allowed", list(_api_cases()))
def test_api_rule_holds(client_as, world, method, path, persona, allowed):
    from forcereview.accounts.actions import issue_token

    _, token = issue_token(world.users[persona], by=None, name="matrix")
    response = client_as(persona).generic(
        method, _sample_url(path), data=b"{}", content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    if allowed:
        assert response.status_code not in (401, 403), f"{persona} should reach {method} /{path}"
    else:
        assert response.status_code == 403, f"{persona} must not reach {method} /{path} (got {response.status_code})"


@pytest.mark.parametrize("route", [r for r, p in page_routes() if rule_of(p.callback) not in (None, PUBLIC)])
def test_anonymous_visitors_are_sent_to_sign_in(client, db, route):
    response = client.get(_sample_url(route))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/login/" in response["Location"]


def test_api_refuses_anonymous_callers(client, db):
    for method, path, op in api_operations():
        if api_rule_of(op) == PUBLIC:
            continue
        response = client.generic(method, _sample_url(path), data=b"{}", content_type="application/json")
        assert response.status_code in (401, 403), f"{method} /{path} answered {response.status_code} to nobody"
