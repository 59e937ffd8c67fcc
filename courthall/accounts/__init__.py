"""Portal accounts: registration with an SMS code, and the clerks' verification of lawyers and interns."""
