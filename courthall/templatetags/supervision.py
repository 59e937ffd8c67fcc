"""The one period form of the supervisors' pages: {% load supervision %}{% period_form %}."""

from django import template
from django.utils import timezone
from django.utils.http import urlencode

from courthall.supervision import BUCKETS, COMPARISONS, quick_ranges

register = template.Library()


@register.inclusion_tag("_period_form.html", takes_context=True)
def period_form(context, keep=(), chart=True, compare=True):
    """templates/_period_form.html for the page's `choice` (a PeriodChoice in the context).

    keep: the names (a tuple, or a string of names separated by spaces) of the request's other query
    parameters the form and its quick ranges must carry, such as a list's `figure`; chart=False: the page
    draws no chart, so `by` is carried unchanged instead of asked; compare=False: likewise `compare`."""
    choice = context["choice"]
    request = context.get("request")
    names = keep.split() if isinstance(keep, str) else keep
    query = request.GET if request is not None else {}
    kept = [(name, query.get(name)) for name in names if query.get(name)]
    hidden = list(kept)
    if not chart:
        hidden.append(("by", choice.bucket))
    if not compare:
        hidden.append(("compare", choice.compare))
    today = timezone.localdate()
    # A quick range keeps the comparison; the bucket follows the range's length (no `by`).
    quick = []
    for label, period in quick_ranges(today):
        params = {"from": period.start_on.isoformat(), "to": period.end_on.isoformat()}
        quick.append((label, urlencode({**params, "compare": choice.compare, **dict(kept)})))
    return {
        "choice": choice,
        "today": today,
        "comparisons": COMPARISONS,
        "buckets": BUCKETS,
        "hidden": hidden,
        "quick_ranges": quick,
        "chart": chart,
        "compare": compare,
    }
