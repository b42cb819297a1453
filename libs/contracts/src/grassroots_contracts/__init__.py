"""The published contract between services: event type names and the payloads they carry.

`docs/asyncapi.yaml` is the same contract for services outside this repository; a test checks
that every event the services emit validates against it.
"""
