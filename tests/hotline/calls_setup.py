"""Shared setup of the calls tests (issue 6, part CALLS): a court, its agent, a token, a push helper."""

import json

import pytest
from django.urls import reverse

from courthall.roles import AGENT
from hotline.services.telephony import telephony_token_create
from tests.factories import CourtFactory, UserFactory

NOW = "2026-12-02 10:00:00+08:00"  # a Wednesday


@pytest.fixture
def court(db):
    return CourtFactory()


@pytest.fixture
def agent(court):
    return UserFactory(court=court, username="agent1", full_name="李娜", role=AGENT)


@pytest.fixture
def token(court):
    _, token = telephony_token_create(court=court)
    return token


def push(client, token, **payload):
    return client.post(
        reverse("hotline:telephony_events"),
        data=json.dumps(payload),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"} if token else {},
    )
