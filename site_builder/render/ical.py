"""iCalendar (RFC 5545) text for a department's dated commitments. Pure and deterministic.

Byte-identical for the same input: UIDs are hashes of what an event is about, DTSTAMP is the notice's 发布日期
(not the build time), events are sorted, lines end in CRLF and fold at 75 octets without splitting a character.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta

from site_builder.core.text import clean


@dataclass(frozen=True)
class Event:
    """An all-day event on the day a limit falls due."""

    due: date
    summary: str
    description: str
    url: str  # absolute
    stamp: date  # the notice's 发布日期: the event's DTSTAMP
    identity: str  # what makes the event itself (department, notice, clause, limit): hashed into the UID


def escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11), without the control characters it forbids."""
    return (clean(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """Split a content line into pieces of at most 75 octets, continuation lines starting with a space."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    pieces, start, limit = [], 0, 75
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:  # never cut inside a UTF-8 sequence
            end -= 1
        pieces.append(data[start:end])
        start, limit = end, 74  # the leading space of a continuation line counts
    pieces.append(data[start:])
    return b"\r\n ".join(pieces).decode("utf-8")


def calendar(name: str, events: list[Event], domain: str) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//site-builder//政府公报//ZH", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{escape(name)}"]
    for event in sorted(events, key=lambda e: (e.due, e.identity)):
        uid = hashlib.sha256(event.identity.encode("utf-8")).hexdigest()[:32]
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid}@{domain or 'localhost'}",
            f"DTSTAMP:{event.stamp:%Y%m%d}T000000Z",
            f"DTSTART;VALUE=DATE:{event.due:%Y%m%d}",
            f"DTEND;VALUE=DATE:{event.due + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{escape(event.summary)}",
            f"DESCRIPTION:{escape(event.description)}",
            f"URL:{event.url}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ("".join(fold(line) + "\r\n" for line in lines)).encode("utf-8")
