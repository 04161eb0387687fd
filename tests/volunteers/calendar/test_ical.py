"""The iCalendar writer: line ends, folding, escaping, required properties."""

import datetime

import pytest

from notifications import calendar
from notifications.calendar import Event

START = datetime.datetime(2026, 12, 5, 1, 0, tzinfo=datetime.UTC)


def _event(**kwargs):
    fields = {
        "uid": "shift-1@gongzhi.volunteers",
        "summary": "看望独居老人",
        "starts_at": START,
        "ends_at": START + datetime.timedelta(hours=2),
    }
    return Event(**{**fields, **kwargs})


def _unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_every_line_ends_with_crlf_and_nothing_else():
    text = calendar.to_ical([_event(description="一\n二")], name="我的")
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert "\r" not in text.replace("\r\n", "")


@pytest.mark.parametrize("length", [10, 74, 75, 76, 200])
def test_long_lines_fold_at_75_octets_without_splitting_a_character(length):
    line = "DESCRIPTION:" + "志" * length
    folded = calendar.fold(line)
    physical = folded.split("\r\n")
    assert all(len(part.encode("utf-8")) <= 75 for part in physical)
    assert all(part.startswith(" ") for part in physical[1:])
    assert folded.replace("\r\n ", "") == line
    for part in physical:
        part.encode("utf-8").decode("utf-8")  # whole characters only


def test_ascii_folding_uses_the_whole_75_octets():
    folded = calendar.fold("X" * 200).split("\r\n")
    assert [len(p) for p in folded] == [75, 75, 52]


def test_text_values_are_escaped():
    assert calendar.escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    text = calendar.to_ical([_event(location="3号楼, 1单元; 活动室")], name="x")
    assert "LOCATION:3号楼\\, 1单元\\; 活动室" in _unfold(text)


def test_a_calendar_has_the_required_properties_in_utc():
    lines = _unfold(
        calendar.to_ical(
            [_event(url="/heping/")],
            name="我的志愿服务",
            absolute=lambda u: "https://example.org" + u,
        )
    )
    assert lines[:3] == ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{calendar.PRODID}"]
    assert lines[-2] == "END:VCALENDAR"
    assert "UID:shift-1@gongzhi.volunteers" in lines
    assert "DTSTART:20261205T010000Z" in lines
    assert "DTEND:20261205T030000Z" in lines
    assert "URL:https://example.org/heping/" in lines
    assert "SUMMARY:看望独居老人" in lines
    stamps = [line for line in lines if line.startswith("DTSTAMP:")]
    assert len(stamps) == 1 and stamps[0].endswith("Z")
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 1


def test_local_times_are_written_in_utc():
    from zoneinfo import ZoneInfo

    local = datetime.datetime(2026, 12, 5, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert calendar.utc(local) == "20261205T010000Z"
