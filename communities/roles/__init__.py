"""Role grants: the role predicates, who may grant which role, granting,
revoking, expiry and the Wagtail admin rights that follow committee grants."""
