"""What a use case may learn of concurrent writers, in the domain's words, not the store's."""

from __future__ import annotations


class WriteConflict(Exception):
    """Another transaction wrote the same documents and this one was rolled back whole, after
    the unit of work's own retries; running the work again may succeed."""


class AlreadyRecorded(Exception):
    """A uniqueness rule of the store (one ledger entry per event and person) refused a write:
    someone else recorded the same effect meanwhile, and this transaction was rolled back."""
