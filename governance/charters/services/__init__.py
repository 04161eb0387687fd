"""Every charter write, by sub-concern: the state machine (steps.py), drafting and
opinions (drafting.py), the later steps (lifecycle.py), the adoption vote
(votes.py) and what consultation calls (consultation.py)."""
