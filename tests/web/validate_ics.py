#!/usr/bin/python3
"""Validates iCalendar feeds (RFC 5545) as nhacviec serves them, and prints what they hold.

usage: validate_ics.py FILE.ics...

Each file is checked byte by byte (UTF-8, CRLF line endings, lines folded at
75 octets without splitting a UTF-8 sequence, content-line syntax, TEXT
escaping, BEGIN/END nesting, the properties a calendar and its events must
have, unique UIDs), then parsed with the `icalendar` package (Debian:
python3-icalendar) and every property value decoded; recurrence rules are
expanded with dateutil, as calendar clients do.

On stdout, one JSON object: {"files": [{"path", "calname", "timezone",
"events": [{"uid", "summary", "description", "comment", "start", "end",
"rrule", "occurrences"}]}], "errors": ["FILE:LINE: what"]}; "rrule" is the
rule as written, "occurrences" the first 8 dates of the event (ISO). Exit status 0 when there is no error,
1 otherwise (the errors are also written to stderr), 2 on bad usage.
"""

import datetime
import json
import re
import sys

import icalendar
from dateutil import rrule

MAX_OCTETS = 75
NAME = re.compile(r"^[A-Za-z0-9-]+$")
# name *(";" param) ":" value, where a param value may be quoted.
CONTENT_LINE = re.compile(r'^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)*):(.*)$')
TEXT_PROPERTIES = {"SUMMARY", "DESCRIPTION", "COMMENT", "LOCATION", "X-WR-CALNAME", "X-WR-CALDESC"}
REQUIRED_EVENT = ("UID", "DTSTAMP", "DTSTART")
OCCURRENCES = 8


def check_bytes(path, data, errors):
    """Checks the physical lines; returns the unfolded content lines as (line number, text)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        errors.append(f"{path}: not UTF-8 at byte {e.start}")
    if not data.endswith(b"\r\n"):
        errors.append(f"{path}: does not end with CRLF")
    physical = data.split(b"\r\n")
    if physical and physical[-1] == b"":
        physical.pop()
    logical = []
    for number, line in enumerate(physical, 1):
        if b"\n" in line or b"\r" in line:
            errors.append(f"{path}:{number}: bare CR or LF (lines must end with CRLF)")
        if len(line) > MAX_OCTETS:
            errors.append(f"{path}:{number}: {len(line)} octets, more than {MAX_OCTETS}")
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            errors.append(f"{path}:{number}: a fold splits a UTF-8 sequence")
            text = line.decode("utf-8", "replace")
        if text[:1] in (" ", "\t"):
            if not logical:
                errors.append(f"{path}:{number}: continuation line with nothing to continue")
                continue
            logical[-1][1] += text[1:]
        else:
            if text == "":
                errors.append(f"{path}:{number}: empty line")
                continue
            logical.append([number, text])
    return logical


def check_text_value(path, number, name, value, errors):
    """A TEXT value: ';' and ',' escaped, a backslash only before \\ ; , n N."""
    i = 0
    while i < len(value):
        c = value[i]
        if c == "\\":
            if i + 1 >= len(value) or value[i + 1] not in "\\;,nN":
                errors.append(f"{path}:{number}: {name}: bad escape in {value!r}")
            i += 2
            continue
        if c in ";,":
            errors.append(f"{path}:{number}: {name}: unescaped {c!r}")
        i += 1


def check_structure(path, lines, errors):
    """Content-line syntax, nesting, required properties, unique UIDs."""
    stack = []
    properties = []  # per open component: {NAME: count}
    uids = set()
    raw_events = {}  # UID -> {NAME: value as written}, for the properties icalendar rewrites (RRULE)
    current = None
    for number, text in lines:
        m = CONTENT_LINE.match(text)
        if not m:
            errors.append(f"{path}:{number}: not a content line: {text[:60]!r}")
            continue
        name, value = m.group(1).upper(), m.group(3)
        if name == "BEGIN":
            stack.append(value.upper())
            properties.append({})
            if stack[-1] == "VEVENT":
                current = {}
            continue
        if name == "END":
            if not stack or stack[-1] != value.upper():
                errors.append(f"{path}:{number}: END:{value} does not close {stack[-1] if stack else 'anything'}")
                continue
            component, props = stack.pop(), properties.pop()
            if component == "VEVENT" and current is not None:
                # One event per UID, and one override per occurrence of it (RFC 5545 RECURRENCE-ID).
                key = (current.get("UID", ""), current.get("RECURRENCE-ID"))
                if key in uids:
                    errors.append(f"{path}:{number}: duplicate UID {key[0]}"
                                  + (f" for the occurrence {key[1]}" if key[1] else ""))
                uids.add(key)
                if key[1] is None:
                    raw_events[key[0]] = current
                current = None
            required = {"VCALENDAR": ("VERSION", "PRODID"), "VEVENT": REQUIRED_EVENT}.get(component, ())
            for prop in required:
                if props.get(prop) != 1:
                    errors.append(f"{path}:{number}: {component} has {props.get(prop, 0)} {prop}, not one")
            continue
        if not stack:
            errors.append(f"{path}:{number}: {name} outside any component")
            continue
        properties[-1][name] = properties[-1].get(name, 0) + 1
        if stack[-1] == "VEVENT" and current is not None:
            current.setdefault(name, value)
        if name in TEXT_PROPERTIES:
            check_text_value(path, number, name, value, errors)
        if name == "VERSION" and value != "2.0":
            errors.append(f"{path}:{number}: VERSION {value}, not 2.0")
        if name == "DTSTAMP" and not re.fullmatch(r"\d{8}T\d{6}Z", value):
            errors.append(f"{path}:{number}: DTSTAMP {value} is not a UTC date-time")
    if stack:
        errors.append(f"{path}: {', '.join(stack)} not closed")
    return raw_events


def as_iso(value):
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def describe(path, data, raw_events, errors):
    """Parses with icalendar and lists the events."""
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except Exception as e:  # icalendar raises ValueError and friends
        errors.append(f"{path}: icalendar cannot parse it: {e}")
        return None
    if calendar.name != "VCALENDAR":
        errors.append(f"{path}: the root is {calendar.name}, not VCALENDAR")
    events = []
    for component in calendar.walk():
        for name, value in component.property_items(recursive=False):
            if name in ("BEGIN", "END"):
                continue
            try:
                component.decoded(name)
            except Exception as e:
                errors.append(f"{path}: {component.name} {name}: cannot decode {value!r}: {e}")
        if component.name != "VEVENT":
            continue
        start = component.decoded("DTSTART")
        event = {
            "uid": str(component.get("UID")),
            "summary": str(component.get("SUMMARY", "")),
            "description": str(component.get("DESCRIPTION", "")),
            "comment": str(component.get("COMMENT", "")),
            "start": as_iso(start),
            "end": as_iso(component.decoded("DTEND")) if "DTEND" in component else None,
            # An override of one occurrence (RECURRENCE-ID) is that occurrence only.
            "recurrence_id": as_iso(component.decoded("RECURRENCE-ID")) if "RECURRENCE-ID" in component else None,
            "rrule": (None if "RECURRENCE-ID" in component
                      else raw_events.get(str(component.get("UID")), {}).get("RRULE")),
            "occurrences": [as_iso(start)],
        }
        if event["rrule"]:
            try:
                first = start
                if not isinstance(start, datetime.datetime):
                    first = datetime.datetime.combine(start, datetime.time())
                rule = rrule.rrulestr(event["rrule"], dtstart=first)
                dates = []
                for occurrence in rule:
                    dates.append(occurrence.date().isoformat())
                    if len(dates) == OCCURRENCES:
                        break
                event["occurrences"] = dates
                if dates and dates[0] != as_iso(start):
                    errors.append(f"{path}: {event['uid']}: DTSTART {as_iso(start)} is not the rule's first date "
                                  f"{dates[0]}")
            except Exception as e:
                errors.append(f"{path}: {event['uid']}: RRULE {event['rrule']}: {e}")
        events.append(event)
    return {
        "path": path,
        "calname": str(calendar.get("X-WR-CALNAME", "")),
        "timezone": str(calendar.get("X-WR-TIMEZONE", "")),
        "events": events,
    }


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    errors, files = [], []
    for path in argv[1:]:
        with open(path, "rb") as f:
            data = f.read()
        lines = check_bytes(path, data, errors)
        raw_events = check_structure(path, lines, errors)
        described = describe(path, data, raw_events, errors)
        if described:
            files.append(described)
    json.dump({"files": files, "errors": errors}, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    for e in errors:
        print(e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
