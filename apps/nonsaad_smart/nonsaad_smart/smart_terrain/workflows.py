"""The states and actions of Smart Terrain's workflow "Maintenance Work", as hooks.py names them in its
fixtures (no imports of frappe: hooks.py reads this module).

Planned --Approve (Public Works Officer up to Terrain Settings' amount; Executive any)--> Approved
Approved --Start Work (Public Works Officer, Repair Technician)--> In Progress
In Progress --Complete (Public Works Officer, Repair Technician)--> Done (submitted)
Planned/Approved --Cancel Plan (Public Works Officer)--> Cancelled Plan
"""

PLANNED = "Planned"
APPROVED = "Approved"
IN_PROGRESS = "In Progress"
DONE = "Done"
CANCELLED_PLAN = "Cancelled Plan"
EXECUTIVE = "Executive"

STATES = (PLANNED, APPROVED, IN_PROGRESS, DONE, CANCELLED_PLAN)
ACTIONS = ("Approve", "Start Work", "Complete", "Cancel Plan")
WORKFLOWS = ("Maintenance Work",)
