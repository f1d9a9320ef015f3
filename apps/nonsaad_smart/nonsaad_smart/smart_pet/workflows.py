"""The states and actions of Smart Pet's workflow "Bite Incident", as hooks.py names them in its fixtures
(no imports: hooks.py reads this module)."""

REPORTED = "Reported"
UNDER_OBSERVATION = "Under Observation"
CLOSED = "Closed"

STATES = (REPORTED, UNDER_OBSERVATION, CLOSED)
ACTIONS = ("Start Observation", "Close")
WORKFLOWS = ("Bite Incident",)
OPEN_STATES = (REPORTED, UNDER_OBSERVATION)
