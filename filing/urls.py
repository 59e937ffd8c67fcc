from django.urls import path

from filing.views import home

app_name = "filing"
urlpatterns = [
    path("counter/", home.counter, name="counter"),
    path("cases/", home.my_cases, name="my_cases"),
    path("portal/", home.portal, name="portal"),
]
