"""Views of the cases app, one module per topic: caseload, clients, courses, schedule."""
