from django.apps import AppConfig


class FilingConfig(AppConfig):
    name = "filing"
    verbose_name = "立案"

    def ready(self) -> None:
        # Issue 7: the panel's figures (filing.selectors.figures) and the service commitments filing keeps
        # (courthall.commitments, 舞钢规范第九条), measured from those same figures.
        from courthall import commitments
        from filing.selectors import overview, overview_flow  # noqa: F401  (they register their figures)
        from filing.selectors.overview_commitments import COMMITMENTS

        for commitment in COMMITMENTS:
            commitments.register(commitment)
        # The year-end, first-contact and per-person panels' figures (issue 7, filing.views.supervision).
        from filing.selectors import first_contact, people, year_end  # noqa: F401
