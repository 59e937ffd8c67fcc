"""The interval arithmetic behind "unstaffed" (第十三条: 导诉台、自助服务区、立案窗口要保证有人值守).

Pure functions over (start, end) pairs of anything ordered (datetimes in practice; times in the tests
read as easily). No database, no clock: the board and the panel give them what they read.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TypeVar

T = TypeVar("T")
Span = tuple[T, T]


def merged(spans: Iterable[Span]) -> list[Span]:
    """The union of `spans`, as disjoint spans in order; empty and reversed spans are dropped."""
    result: list[list] = []
    for start, end in sorted((start, end) for start, end in spans if end > start):
        if result and start <= result[-1][1]:
            result[-1][1] = max(result[-1][1], end)
        else:
            result.append([start, end])
    return [(start, end) for start, end in result]


def gaps(opening: Iterable[Span], held: Iterable[Span], *, shortest: timedelta | None = None) -> list[Span]:
    """The parts of the `opening` spans that no `held` span covers, in order.

    A post open 08:30–12:00 and 14:30–17:30, held 08:40–11:00 and 14:30–18:00, has two gaps: 08:30–08:40
    and 11:00–12:00. Holdings may overlap one another (two guides at one desk) and reach outside the
    opening hours; only the opening hours count. With `shortest`, gaps shorter than it are left out (a
    hand-over between two clerks takes seconds: not a gap a supervisor asks about).
    """
    cover = merged(held)
    result: list[Span] = []
    for open_start, open_end in merged(opening):
        cursor = open_start
        for held_start, held_end in cover:
            if held_end <= cursor:
                continue
            if held_start >= open_end:
                break
            if held_start > cursor:
                result.append((cursor, held_start))
            cursor = max(cursor, held_end)
            if cursor >= open_end:
                break
        if cursor < open_end:
            result.append((cursor, open_end))
    if shortest is not None:
        result = [(start, end) for start, end in result if end - start >= shortest]
    return result


# 第十三条's "unstaffed" as the board and the panel count it: a minute or more with nobody at the post.
SHORTEST_GAP = timedelta(minutes=1)


def minutes(spans: Iterable[tuple[datetime, datetime]]) -> int:
    """The whole minutes the spans last together (seconds left over are dropped once, at the end)."""
    total = sum((end - start for start, end in spans), timedelta())
    return int(total.total_seconds() // 60)
