"""Times shared by the matching tests."""

import datetime
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
# A Tuesday morning; the shifts below fall on the following Saturday.
NOW = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=SHANGHAI)


def local(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    """A moment in December 2026, Shanghai time (5 Dec is a Saturday)."""
    return datetime.datetime(2026, 12, day, hour, minute, tzinfo=SHANGHAI)
