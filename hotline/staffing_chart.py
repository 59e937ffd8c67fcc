"""The staffing chart drawn on the server as inline SVG (no chart library is vendored): for each day of the
week, a pair of bars per hour — agents needed (Erlang C) beside agents rostered."""

import math
from dataclasses import dataclass

from hotline.selectors.staffing import StaffingTable

BAR = 12
GAP = 2
SLOT = 2 * BAR + GAP + 10
LEFT = 28
TOP = 10
PLOT_HEIGHT = 120
BOTTOM = 22


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    height: float
    value: float
    label: str


@dataclass(frozen=True)
class Tick:
    y: float
    value: int


@dataclass(frozen=True)
class DayChart:
    name: str
    width: int
    height: int
    plot_bottom: int
    needed: list[Bar]
    rostered: list[Bar]
    hours: list[tuple[float, str]]
    ticks: list[Tick]
    short_hours: int


def _scale_top(table: StaffingTable) -> int:
    """The value at the top of every day's axis (one scale for the week, so days compare)."""
    highest = max([row.needed for row in table.rows] + [row.rostered for row in table.rows] + [1])
    return max(1, math.ceil(highest))


def staffing_chart(table: StaffingTable) -> list[DayChart]:
    top = _scale_top(table)
    step = max(1, math.ceil(top / 5))
    top = step * math.ceil(top / step)
    plot_bottom = TOP + PLOT_HEIGHT

    def y_of(value: float) -> float:
        return plot_bottom - value / top * PLOT_HEIGHT

    charts = []
    for _weekday, rows in table.days:
        needed, rostered, hours = [], [], []
        for index, row in enumerate(rows):
            x = LEFT + 6 + index * SLOT
            needed.append(
                Bar(
                    x,
                    y_of(row.needed),
                    plot_bottom - y_of(row.needed),
                    row.needed,
                    f"{row.label} 需要 {row.needed} 人",
                )
            )
            rostered.append(
                Bar(
                    x + BAR + GAP,
                    y_of(row.rostered),
                    plot_bottom - y_of(row.rostered),
                    row.rostered,
                    f"{row.label} 排班 {row.rostered:.1f} 人",
                )
            )
            hours.append((x + BAR + GAP / 2, f"{row.hour:02d}"))
        charts.append(
            DayChart(
                name=rows[0].weekday_name,
                width=LEFT + 6 + len(rows) * SLOT,
                height=plot_bottom + BOTTOM,
                plot_bottom=plot_bottom,
                needed=needed,
                rostered=rostered,
                hours=hours,
                ticks=[Tick(y_of(value), value) for value in range(0, top + 1, step)],
                short_hours=sum(1 for row in rows if row.short_by > 0),
            )
        )
    return charts
