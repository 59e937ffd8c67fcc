from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from courthall.permissions import workplace_required


@workplace_required("courthall.work_counter")
def counter(request: HttpRequest) -> HttpResponse:
    return render(request, "filing/counter.html")


@workplace_required("courthall.handle_cases")
def my_cases(request: HttpRequest) -> HttpResponse:
    return render(request, "filing/my_cases.html")


@workplace_required("courthall.use_portal")
def portal(request: HttpRequest) -> HttpResponse:
    return render(request, "filing/portal.html")
