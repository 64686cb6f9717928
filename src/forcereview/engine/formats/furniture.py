"""A transcript released as a document carries words that no one said: its front matter (the
title and the facts about the recording) and, on every page of a PDF, running heads, footers and
page numbers.

Departments, prosecutors and courts open a published transcript with lines such as::

    CITY OF SPRINGFIELD POLICE DEPARTMENT
    USE OF FORCE INVESTIGATION - BODY WORN CAMERA TRANSCRIPT
    Incident #: 22-118734    Date: 03/14/2022
    Officer Involved: Ofc. R. Martinez #4471
    Participants: O1 - Officer Daniels; S1 - Suspect

    SPEAKERS:
    O1 - Officer Daniels
    S1 - John Doe

Read as speech, the title's "use of force" is an officer reporting force, and "Officer
Involved" and "Incident #" become speakers. ``front_matter`` finds such lines before the first
utterance so the reader passes over them: lines that hold a fact (a key a document uses, such as
``Case No.``, ``Date`` or ``Transcribed by``, then a colon), a key that opens a list of the
people heard (``Speakers:``, ``Key:``) with the list below it up to a blank line, and lines
without a label that name the document (a word such as transcript, camera, police, department,
case, incident) and end no sentence. The front matter ends at the first line that is none of
these: a line with a time, a speaker's label, or any other words. An ``END OF TRANSCRIPT`` line
at the end goes too. The list of the people heard says who each label is.

``page_furniture`` finds the running heads and footers of a document's pages: among the first
and last lines of each page, those that come back on other pages (numbers aside: ``Page 3 of
12``, ``BWC Transcript 22-118734 - Confidential``) and page numbers alone; never a line that ends
a sentence or a bracketed note. Left in, each would join the utterance above it.
"""

from __future__ import annotations

import re

from .common import split_label

# keys of the facts a document states about a recording ("Case No.:", "Date/Time:", "Officer
# Involved:"); never a speaker's label. (Not "subject", "investigator" or "unit", which name
# people who speak.)
_FACT_WORD = (r"(?:case|incident|report|event|cad|call|complaint|file|docket|exhibit|evidence|citation|control"
              r"|reference|ref|tracking|date|time|day|location|address|place|duration|length|recorded|recording"
              r"|transcribed|transcriber|transcription|transcript|prepared|reviewed|typed|source|video|audio|camera"
              r"|device|bwc|media|agency|department|dept|division|district|precinct|page|re|regarding|title"
              r"|participants|speakers|persons|people|present|parties|key|legend|notes?|badge|serial|footage|clip)")
# what may follow such a word in a key: "Incident #", "Case No.", "Date/Time", "Location of Incident"
_QUALIFIER = (r"(?:#|nos?\.?|number|num|id|type|name|names|by|info|information|details|start|end|\(s\)|and time"
              r"|of (?:the )?(?:incident|recording|occurrence|event|call|arrest|report|transcript|video|contact))")
_FACT_KEY = re.compile(
    r"(?:" + _FACT_WORD + r"(?:\s*/?\s*(?:" + _QUALIFIER + "|" + _FACT_WORD + r")){0,2}"
    r"|officers? involved|involved officers?|(?:reporting|investigating|primary|assisting) officers?"
    r"|assigned investigator|run time|speaker (?:key|identification|identifications|list|legend))", re.I)
# keys that open a list of the people heard, one a line below
_LIST_KEY = re.compile(r"(?:speakers|speaker key|key|legend|participants|persons present|present|parties"
                       r"|people|persons|identification of speakers|speaker identification)\s*$", re.I)
# words that name a document, not something said at the scene
_DOCUMENT_WORD = re.compile(
    r"\b(?:transcripts?|transcription|transcribed|body[- ]?worn|body[- ]?cam(?:era)?s?|bwc|dash[- ]?cam(?:era)?"
    r"|in[- ]car|video|recording|audio|footage|camera|police|sheriff'?s?|department|dept|office|agency"
    r"|case|incident|investigation|report|exhibit|page|file|county|city|state|division|precinct|district"
    r"|prepared|confidential|internal affairs|professional standards|use of force|interview|statement"
    r"|redacted|evidence|no\.|number|date)\b", re.I)
_TIME_FIRST = re.compile(r"\s*[\[(]?\s*\d{1,2}:\d\d")
_END_MARK = re.compile(r"\W*\(?\s*end\s+of\s+(?:the\s+)?(?:transcript|transcription|recording|video|audio|tape"
                       r"|footage|file)\s*\)?\W*$", re.I)
_MOST = 40  # lines: front matter longer than this is not front matter


def front_matter(lines: list[str]) -> tuple[list[int], dict[str, str]]:
    """Indices of the lines of the title and facts before the first utterance (and of an ``END
    OF TRANSCRIPT`` line after the last), and what the front matter's list of the people heard
    says of each speaker's label (``{"O1": "Officer Daniels", "S1": "Suspect"}``: from a
    ``SPEAKERS:``, ``Key:`` or ``Participants:`` line with its entries after the colon, parted by
    ``;``, or on the lines below it). A line the reader takes for an utterance with a label ends
    the front matter. A title line counts only where the utterances that follow have labels or
    times: before unlabelled words it may be the first of them."""
    facts: list[int] = []
    titles: list[int] = []
    key: dict[str, str] = {}
    in_list = False
    body_marked = False  # whether the first utterance has a label or a time
    for k, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            in_list = False
            continue
        if line.startswith("#"):
            continue
        if len(facts) + len(titles) >= _MOST:
            return [], {}
        name, colon, value = line.partition(":")
        listed = bool(colon) and _LIST_KEY.fullmatch(name.strip()) is not None
        if in_list and not listed:
            facts.append(k)
            _add_entry(key, line)
            continue
        if _TIME_FIRST.match(line):
            body_marked = True
            break
        if colon and _FACT_KEY.fullmatch(name.strip()) and _reads_as_fact(value):
            facts.append(k)
            in_list = listed and not value.strip()
            if listed:
                for entry in value.split(";"):
                    _add_entry(key, entry)
            continue
        if split_label(line)[0] is not None:
            body_marked = True
            break
        if _DOCUMENT_WORD.search(line) and not _ends_sentence(line):
            titles.append(k)
            continue
        break
    else:
        return [], {}  # nothing follows: the lines are what the file holds, not its front matter
    found = sorted(facts + titles) if body_marked else facts
    last = len(lines) - 1
    while last >= 0 and not lines[last].strip():
        last -= 1
    if last >= 0 and (not found or last > found[-1]) and _END_MARK.match(lines[last]):
        found.append(last)
    return found, key


def _reads_as_fact(value: str) -> bool:
    """Whether what follows a key's colon is a fact (a name, a number, a place), not a sentence
    someone said: short and ending as no sentence does."""
    value = value.strip()
    return not value or (len(value) <= 120 and not _ends_sentence(value))


def _ends_sentence(line: str) -> bool:
    line = line.rstrip()
    return line.endswith(("!", "?")) or (line.endswith(".") and not _ABBREVIATION_END.search(line))


_ABBREVIATION_END = re.compile(r"\b(?:no|inc|dept|co|st|ave|rd|jr|sr|ofc|sgt|lt|det|dep|p\.m|a\.m)\.$", re.I)


# an entry of a list of the people heard: "O1 - Officer Daniels", "S1 = Suspect", "B: Maria Ruiz
# (mother)", or "Officer Daniels (O1)"
_ENTRY = re.compile(r"(?P<code>[^\s\-=:\u2013\u2014(][^=:()]{0,24}?)(?:\s+[-\u2013\u2014]\s+|\s*[=:]\s*)"
                    r"(?P<description>\S.*)")
_ENTRY_CODE_AFTER = re.compile(r"(?P<description>[^()]*\S)\s*\((?P<code>[^()]{1,25})\)")


def _add_entry(key: dict[str, str], entry: str) -> None:
    entry = entry.strip().rstrip(".;,")
    m = _ENTRY.fullmatch(entry) or _ENTRY_CODE_AFTER.fullmatch(entry)
    if m is None:
        return
    code, description = m["code"].strip(), m["description"].strip()
    if code and description and code.lower() != description.lower() and len(description) <= 60:
        key.setdefault(code, description)


# a page number alone on its line: "Page 3", "Page 3 of 12", "3 of 12", "- 3 -"
_PAGE_NUMBER = re.compile(r"(?:page\s*\d+(?:\s*(?:of|/)\s*\d+)?|\d+\s*(?:of|/)\s*\d+|-\s*\d+\s*-)", re.I)
_DIGITS = re.compile(r"\d+")
_EDGE = 3  # lines at the top and at the bottom of a page where running heads and footers stand


def page_furniture(pages: list[list[str]]) -> list[tuple[int, int]]:
    """``(page, line)`` of each running head, footer and page number among ``pages`` (each a
    list of lines)."""
    edges: list[list[tuple[int, str]]] = []
    for lines in pages:
        content = [k for k, line in enumerate(lines) if line.strip()]
        head = content[:_EDGE]
        chosen = head + [k for k in content[-_EDGE:] if k not in head]
        edges.append([(k, _DIGITS.sub("#", lines[k].strip().lower())) for k in chosen
                      if _may_be_furniture(lines[k].strip())])
    pages_with: dict[str, int] = {}
    for page in edges:
        for key in {key for _, key in page}:
            pages_with[key] = pages_with.get(key, 0) + 1
    found = []
    for number, page in enumerate(edges):
        for k, key in page:
            if pages_with[key] >= 2 or _PAGE_NUMBER.fullmatch(pages[number][k].strip()):
                found.append((number, k))
    return found


def _may_be_furniture(line: str) -> bool:
    """Whether a line may be a running head or footer: a number or a word that names a document
    (captions' "stop resisting" may stand at the top of two pages), no note, no sentence, and no
    utterance with a label unless the label is a document's key (``BWC Transcript: 22-118734``)."""
    if line.startswith(("[", "(", "*")) or _ends_sentence(line) or line.endswith(","):
        return False
    if not (_DIGITS.search(line) or _DOCUMENT_WORD.search(line)):
        return False
    label = split_label(line)[0]
    return label is None or _FACT_KEY.fullmatch(label) is not None


def without_page_furniture(pages: list[str]) -> list[str]:
    """The text of each page without its running heads, footers and page number (a blank line
    in the place of each, so the lines keep their numbers)."""
    split = [page.split("\n") for page in pages]
    for number, k in page_furniture(split):
        split[number][k] = ""
    return ["\n".join(lines) for lines in split]

