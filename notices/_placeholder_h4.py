"""Throw-away stand-in for H3's notices:delivered (the recipient opens a served document).

Dropped at merge."""

from django.http import Http404


def delivered(request, pk: int):
    raise Http404
