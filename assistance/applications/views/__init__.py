"""Pages of assistance.applications: applying (`apply`), the applicant's own
pages (`mine`) and the public pages of a community (`public`)."""
