"""Every affairs-disclosure write (居务公开), by sub-concern.

DESIGN.md "Affairs disclosure":
- categories 党务 / 政务(事务) / 财务 / 服务; a catalogue per community with a cadence
  and due rule per entry (catalogue.py);
- each period (or matter) creates a due item; publishing a disclosure against the
  entry fulfils it; an item not published by its due date is overdue and the
  committee members are told once (schedule.py);
- finance and 居务 items publish only through the review workflow, approved by a
  supervision member not on the 两委 (workflow.py, governance/disclosures/review.py);
- a published disclosure is never changed in place: each publication is a version,
  later ones with a new correction note (versions.py);
- verified residents file objections (objections.py).

Other apps publish through `resolutions.publish_consultation_resolution`.
"""
