import pytest

from courthall.roles import CLERK
from notices.specimens import specimen_snapshot
from tests.courthall.test_pdf import require_cjk_font
from tests.factories import CourtFactory, UserFactory


@pytest.fixture
def court(db):
    return CourtFactory(name="舞钢市人民法院", code="豫0481", appeal_court="平顶山市中级人民法院")


@pytest.fixture
def clerk(court):
    return UserFactory(role=CLERK, court=court, full_name="王敏")


@pytest.fixture
def cjk_font() -> None:
    require_cjk_font()


@pytest.fixture
def fake_render(monkeypatch):
    """Stand-in for the PDF renderer where the document's look is not what is tested (fast, no fonts)."""
    from notices import services

    def render(template_name, context):
        document = context["document"]
        return f"%PDF-fake {document['number']} {document['verification_code']}".encode()

    monkeypatch.setattr(services, "render_pdf", render)


@pytest.fixture
def snapshot_for(court):
    """snapshot_for("receipt") → a valid specimen snapshot issued by `court`."""

    def make(kind: str) -> dict:
        return specimen_snapshot(kind, court_code=court.code, court_name=court.name)

    return make


@pytest.fixture
def issue(court, clerk, snapshot_for):
    """issue("receipt", **overrides) → a Notice issued by the court's clerk from the specimen snapshot."""
    from notices.services import notice_issue

    def make(kind: str = "receipt", **overrides):
        arguments = {
            "court": court,
            "kind": kind,
            "subject": "filing:42",
            "addressee": "张某某",
            "snapshot": snapshot_for(kind),
            "issued_by": clerk,
            **overrides,
        }
        return notice_issue(**arguments)

    return make
