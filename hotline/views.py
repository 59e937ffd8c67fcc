from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from courthall.permissions import workplace_required


@workplace_required("courthall.answer_hotline")
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "hotline/home.html")


@workplace_required("courthall.answer_duty_questions")
def duty(request: HttpRequest) -> HttpResponse:
    return render(request, "hotline/duty.html")
