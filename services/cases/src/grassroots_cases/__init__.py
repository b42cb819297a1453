"""The cases service: a resident's problem from report to answer, escalation and statistics."""
