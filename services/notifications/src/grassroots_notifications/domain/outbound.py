"""A message for one outbound channel, and how a channel says it failed."""

from __future__ import annotations

from dataclasses import dataclass

from grassroots_kit.i18n import Locale


@dataclass(frozen=True)
class Outbound:
    """One message for one channel, rendered in the recipient's language."""

    address: str
    subject: str
    text: str
    number: str
    locale: Locale


class DeliveryFailed(Exception):
    """A channel could not deliver (refused, unreachable, answered an error): retried later."""
