"""Three panels of the supervisors' overview (issue 7): the year-end watch (钢城承诺六), first contact
(舞钢规范第五条、第九条) and per clerk and judge, for the head of the centre.

Each is swapped into the overview page by htmx (HX-Request: the bare <section>, the template's `panel`
partial) or shown alone in a full page. The period comes from the query string like every panel's.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from courthall.permissions import workplace_required
from courthall.supervision import period_choice_from_query, supervised_court_id
from filing.selectors.first_contact import first_contact_panel
from filing.selectors.people_panel import people_panel
from filing.selectors.year_end import year_end_watch


def _render_panel(request: HttpRequest, template: str, build, **options) -> HttpResponse:
    court_id = supervised_court_id(request)
    today = timezone.localdate()
    choice = period_choice_from_query(request.GET, today=today)
    panel = build(court_id=court_id, choice=choice, today=today, **options)
    name = f"{template}#panel" if request.headers.get("HX-Request") else template
    return render(request, name, {"choice": choice, "panel": panel})


@workplace_required("courthall.supervise")
def overview_year_end(request: HttpRequest) -> HttpResponse:
    return _render_panel(request, "filing/supervision/year_end.html", year_end_watch)


@workplace_required("courthall.supervise")
def overview_first_contact(request: HttpRequest) -> HttpResponse:
    return _render_panel(request, "filing/supervision/first_contact.html", first_contact_panel)


@workplace_required("courthall.supervise")
def overview_people(request: HttpRequest) -> HttpResponse:
    return _render_panel(
        request,
        "filing/supervision/people.html",
        people_panel,
        sort=request.GET.get("sort", ""),
        order=request.GET.get("order", ""),
    )
