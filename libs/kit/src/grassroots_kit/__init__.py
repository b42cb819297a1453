"""Generic plumbing shared by the Grassroots services. No domain words live here."""
