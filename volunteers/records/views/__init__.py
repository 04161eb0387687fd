"""Pages of service records: the roster and check-out, confirming and correcting
hours, the community's totals and export, the volunteer's hours, certificates and
time bank, public certificate verification and the leaderboard.

Views stay thin: resolve the object, ask the rules, validate the form, call
volunteers.records.services, redirect.
"""
