"""The published contract between services: event type names and the payloads they carry.

Each payload is one pydantic model (`payload.Payload`) that producers build and consumers read;
`catalog.EVENTS` maps each type to its model, and `docs/asyncapi.yaml`, the same contract for
services outside this repository, is generated from it (scripts/asyncapi.py).
"""
