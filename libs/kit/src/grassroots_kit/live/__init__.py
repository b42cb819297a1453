"""Live updates: GraphQL subscriptions fed by the events a service already publishes.

- `hub`: the in-process fan-out of one replica (bounded buffers, per-person caps).
- `cursor`: where a client's stream stands, so a reconnecting client catches up.
- `history`: what happened after a cursor, read from the service's own outbox.
- `stream`: one subscriber's stream (catch-up, then live), authorized event by event.
- `wiring`: `live_feed(host, ...)`, the feed of one replica, started with its host.
- `grassroots_kit.messaging.live_queue`: each replica's exclusive queue on the events exchange,
  so every replica hears every event whichever replica committed it.

docs/architecture.md ("Live updates") shows how a service exposes a subscription.
"""
