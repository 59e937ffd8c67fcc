"""What each home page will hold: the panels a role's home page promises until its feature is built."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    title: str
    text: str
    source: str = ""
