"""Events between services: CloudEvents envelope, transactional outbox, relay and consumers."""

from grassroots_kit.messaging.envelope import CloudEvent, InvalidEvent, new_event

__all__ = ["CloudEvent", "InvalidEvent", "new_event"]
