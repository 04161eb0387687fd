"""The administrative tree (district > street/town > community/village > grid),
the portal and community home pages, and a community's policy numbers."""
