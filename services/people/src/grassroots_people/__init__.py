"""The people service: the org-unit ladder, households, people, roles and identity."""
