"""Every page of the demo a user can reach by following links answers, renders whole and hides
what the user may not see.

A small demo agency (the featured incidents and a few generated ones) is loaded once for the
module. For each demo login, and for the public without one, the test follows every same-site
link from the first page, breadth first, a few pages for each URL pattern, and checks that:

- no page fails (the test client raises on a server error);
- no template reads a variable that is not there (``string_if_invalid`` is set to a marker);
- no link leads the same user to a page that answers 403 or 404;
- every page has a title of its own and a main heading;
- no page shows a name the user may not see (subjects and witnesses, by
  ``records.access``): a juvenile's name never reaches the auditor, the admin, or the public.
"""

from __future__ import annotations

import copy
import re
from collections import deque
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urldefrag, urlencode, urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from forcereview.accounts.models import User
from forcereview.accounts.roles import Role
from forcereview.cases.models import Complaint
from forcereview.records.access import can_see_subject_identity, can_see_witness_identity
from forcereview.records.models import Subject, Witness
from tests.records.demo_loading import demo_loaded

INCIDENTS = 20  # the thirteen featured incidents, their cases and complaint, and a few more
INVALID = "@@MISSING-TEMPLATE-VARIABLE@@"
PER_PATTERN = 3  # distinct URLs crawled for each route and set of query parameters
MAX_PAGES = 250
# Links a crawler must not follow: they end the session.
NOT_FOLLOWED = {"/logout/"}
# The API's interactive documentation is django-ninja's Swagger page, not one of ours.
NOT_OURS = {"/api/docs"}


class Missing(str):
    """What a template shows for a variable it does not find. Falsy, like the empty string
    Django shows in production, so ``|default`` and ``{% if %}`` work as they do there; a missing
    variable printed as it is shows the marker."""

    def __bool__(self) -> bool:
        return False


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    with demo_loaded(django_db_blocker, tmp_path_factory, incidents=INCIDENTS) as loaded:
        yield loaded


@pytest.fixture
def crawl_settings(demo, db, settings):
    settings.DATA_DIR = demo[2]
    settings.EVIDENCE_DIR = ""
    settings.EVIDENCE_S3_BUCKET = ""
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["OPTIONS"]["string_if_invalid"] = Missing(INVALID)
    settings.TEMPLATES = templates
    return settings


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.title = ""
        self.h1 = ""
        self._in: list[str] = []
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in {"title", "h1"}:
            self._in.append(tag)

    def handle_endtag(self, tag):
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data):
        if "title" in self._in:
            self.title += data
        if "h1" in self._in:
            self.h1 += data
        self._text.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self._text))


@dataclass
class Crawl:
    client: Client
    hidden_names: set[str]
    problems: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    per_pattern: dict[str, int] = field(default_factory=dict)
    pages: int = 0

    def key(self, url: str) -> str | None:
        """The URL's route and its query parameters' names; None for a URL of no route."""
        parts = urlsplit(url)
        try:
            route = resolve(parts.path).route
        except Resolver404:
            return None
        return route + "?" + ",".join(sorted({k for k, _ in parse_qsl(parts.query)}))

    def run(self, starts: list[str]) -> None:
        queue = deque((url, "(start)") for url in starts)
        while queue and self.pages < MAX_PAGES:
            url, referrer = queue.popleft()
            for link in self.visit(url, referrer):
                queue.append((link, url))

    def visit(self, url: str, referrer: str) -> list[str]:
        if url in self.seen:
            return []
        self.seen.add(url)
        key = self.key(url)
        if key is None:
            self.problems.append(f"{url} (linked from {referrer}): no such route")
            return []
        if self.per_pattern.get(key, 0) >= PER_PATTERN:
            return []
        self.per_pattern[key] = self.per_pattern.get(key, 0) + 1
        self.pages += 1
        response = self.client.get(url)
        if response.status_code in (403, 404):
            self.problems.append(f"{url} (linked from {referrer}) answers {response.status_code}")
            return []
        if response.status_code in (301, 302):
            return [response["Location"]]
        if response.status_code != 200:
            self.problems.append(f"{url} (linked from {referrer}) answers {response.status_code}")
            return []
        if not response.get("Content-Type", "").startswith("text/html") or url in NOT_OURS:
            return []
        return self.check_html(url, response.content.decode())

    def check_html(self, url: str, html: str) -> list[str]:
        if INVALID in html:
            places = sorted({html[max(0, m.start() - 60):m.end() + 20].replace("\n", " ")
                             for m in re.finditer(re.escape(INVALID) + r"\S*", html)})
            self.problems.append(f"{url}: a template variable is missing: {' | '.join(places)}")
        page = Page()
        page.feed(html)
        title = page.title.strip()
        if not title or title.split("·")[0].strip() in {"", "forcereview"}:
            self.problems.append(f"{url}: no title of its own ({title!r})")
        if not page.h1.strip():
            self.problems.append(f"{url}: no main heading")
        text = page.text
        for name in sorted(n for n in self.hidden_names if n in text):
            self.problems.append(f"{url}: shows {name!r}, a name this user may not see")
        links = []
        for href in page.links:
            href, _ = urldefrag(unescape(href))
            parts = urlsplit(href)
            if parts.scheme not in ("", "http", "https") or (parts.netloc and parts.netloc != "testserver"):
                continue
            if not parts.path:
                continue  # a link within the page
            path = parts.path if parts.path.startswith("/") else None
            if path is None:
                self.problems.append(f"{url}: relative link {href!r}")
                continue
            if path in NOT_FOLLOWED or path.startswith("/static/"):
                continue
            query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
            links.append(path + ("?" + query if query else ""))
        return links


def _hidden_names(user) -> set[str]:
    """Names of subjects and witnesses the user may not see; every one of them for the public."""
    names = set()
    for subject in Subject.objects.exclude(name=""):
        if user is None or not can_see_subject_identity(user, subject):
            names.add(subject.name)
    for witness in Witness.objects.exclude(name=""):
        if user is None or not can_see_witness_identity(user, witness):
            names.add(witness.name)
    return names


def _report(problems: list[str]) -> str:
    return "\n".join(problems[:60]) + (f"\n... and {len(problems) - 60} more" if len(problems) > 60 else "")


def test_juvenile_subjects_of_the_demo_have_names_to_protect(demo, db):
    """The check below means something only if the demo names some juveniles."""
    assert Subject.objects.filter(is_juvenile=True).exclude(name="").exists()
    auditor = User.objects.get(username="auditor")
    assert any(s.name in _hidden_names(auditor) for s in Subject.objects.filter(is_juvenile=True).exclude(name=""))


@pytest.mark.parametrize("role", Role.values)
def test_every_page_a_user_can_reach_renders_and_hides_what_it_must(crawl_settings, role):
    user = User.objects.get(username=role)  # the demo logins are named for their roles
    client = Client()
    client.force_login(user)
    crawl = Crawl(client, _hidden_names(user))
    crawl.run(["/"])
    assert crawl.pages > 5, f"the crawl reached only {crawl.pages} pages"
    assert not crawl.problems, f"{role}:\n{_report(crawl.problems)}"


def test_the_public_pages_render_and_show_no_names(crawl_settings):
    client = Client()
    crawl = Crawl(client, _hidden_names(None))
    crawl.run(["/complaint/", "/complaint/status/"])
    complaint = Complaint.objects.filter(anonymous=False).first()
    assert complaint is not None
    response = client.post("/complaint/status/", {"number": complaint.tracking_number})
    assert response.status_code == 200
    crawl.check_html("/complaint/status/ (POST)", response.content.decode())
    assert not crawl.problems, _report(crawl.problems)
