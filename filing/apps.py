from django.apps import AppConfig


class FilingConfig(AppConfig):
    name = "filing"
    verbose_name = "立案"

    def ready(self) -> None:
        # The figures a supervisor can open (filing.selectors.figures): registered on import.
        from filing.selectors import first_contact, people, year_end  # noqa: F401
