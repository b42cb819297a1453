"""`stack.py up --cluster`: the stack on a three-member MongoDB replica set and a three-node
RabbitMQ cluster instead of one mongod and the machine's broker.

The clusters (mongo_cluster.py, rabbit_cluster.py) run in network namespaces (root and the `ip`
tool needed); their state (namespace tags and subnets) is kept in `.local/cluster.json`, so
`stack.py down` removes them again: it kills what runs in their namespaces and deletes the
namespaces, the bridges and the data under `.local/cluster/`. The services get MONGODB_URL
and AMQP_URL listing every member (the broker's guest user: per-service broker users are made
only on the machine's own broker).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from .errors import StackError
from .layout import Layout
from .netns import Net, available


@dataclass(frozen=True)
class ClusterUrls:
    mongodb_url: str
    amqp_url: str


def _state(layout: Layout) -> Path:
    return layout.local / "cluster.json"


def _workdir(layout: Layout) -> Path:
    return layout.local / "cluster"


def ensure(layout: Layout) -> ClusterUrls:
    """The clusters' URLs, starting both when this checkout has none running."""
    from .mongo_cluster import MongoCluster
    from .rabbit_cluster import RabbitCluster

    state = _state(layout)
    if state.exists():
        saved = json.loads(state.read_text())
        return ClusterUrls(saved["mongodb_url"], saved["amqp_url"])
    reason = available()
    if reason:
        raise StackError(f"--cluster needs network namespaces: {reason}")
    workdir = _workdir(layout)
    print("starting a three-member MongoDB replica set ...", flush=True)
    mongo = MongoCluster(workdir / "mongo")
    rabbit = RabbitCluster(workdir / "rabbit")
    try:
        mongo.create()
        print("starting a three-node RabbitMQ cluster ...", flush=True)
        rabbit.create()
    except BaseException:
        rabbit.remove()
        mongo.remove()
        raise
    urls = ClusterUrls(mongo.url, rabbit.url)
    layout.local.mkdir(parents=True, exist_ok=True)
    state.write_text(
        json.dumps(
            {
                "mongodb_url": urls.mongodb_url,
                "amqp_url": urls.amqp_url,
                "nets": [
                    {"members": net.members, "tag": net.tag, "subnet": net.subnet}
                    for net in (mongo.net, rabbit.net)
                ],
            },
            indent=2,
        )
    )
    return urls


def remove(layout: Layout) -> str | None:
    """Tear the clusters down when `up --cluster` made them; what happened, or None."""
    state = _state(layout)
    if not state.exists():
        return None
    saved = json.loads(state.read_text())
    for spec in saved.get("nets", []):
        net = Net(spec["members"], tag=spec["tag"], subnet=spec["subnet"])
        net.made = [net.bridge, *(net.namespace(i) for i in range(1, net.members + 1))]
        net.remove()
    shutil.rmtree(_workdir(layout), ignore_errors=True)
    state.unlink()
    return "removed the MongoDB replica set and the RabbitMQ cluster (--cluster)"
