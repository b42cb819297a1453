"""Personal data as shown to someone who may not see it in full."""

from __future__ import annotations

MASK = "****"


def mask_phone(phone: str) -> str:
    """`13812345678` → `138****5678`."""
    if len(phone) <= 7:
        return MASK
    return f"{phone[:3]}{MASK}{phone[-4:]}"


def mask_address(address: str) -> str:
    """Keep the street part up to the first comma (or the first word), hide the rest."""
    head = address.split(",", 1)[0].strip()
    if head == address.strip():
        head = address.split(" ", 1)[0]
    return f"{head}, {MASK}"


def mask_name(name: str) -> str:
    """A resident's name shown to someone who may not know who they are: nothing of it."""
    return MASK
