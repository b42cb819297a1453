"""What every notice and delivery store keeps, the MongoDB ones and the in-memory fakes alike
(run by unit/test_store_contracts.py and integration/test_store_contracts.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from grassroots_notifications.domain.deliveries import Delivery, DeliveryState, sent
from grassroots_notifications.domain.notices import Channel, Notice, NoticeKind
from grassroots_notifications.handlers.ports import DeliveryRepository, NoticeRepository

AT = datetime(2026, 12, 8, 2, 0, tzinfo=UTC)


def notice(nid: str, person: str, minutes: int = 0) -> Notice:
    return Notice(
        id=nid,
        recipient_id=person,
        kind=NoticeKind.CASE_ASSIGNED_TO_YOU,
        params={"number": "WC-2026-000001"},
        about_id="case1",
        event_id=f"e-{nid}",
        created_at=AT + timedelta(minutes=minutes),
    )


async def adding_twice_keeps_one(store: NoticeRepository) -> None:
    assert not await store.exists("n1")
    await store.add(notice("n1", "p"))
    await store.add(notice("n1", "p", minutes=5))
    assert await store.exists("n1")
    assert (await store.get_many(["n1"]))["n1"].created_at == AT
    assert await store.unread_count("p") == 1


async def pages_are_newest_first_and_per_person(store: NoticeRepository) -> None:
    for i in range(3):
        await store.add(notice(f"a{i}", "alice", minutes=i))
    await store.add(notice("b0", "bob", minutes=10))
    first = await store.page("alice", False, 2, None)
    assert [n.id for n in first.items] == ["a2", "a1"]
    assert first.has_next
    assert first.total_count == 3
    last = first.items[-1]
    rest = await store.page("alice", False, 2, [last.created_at.isoformat(), last.id])
    assert [n.id for n in rest.items] == ["a0"]
    assert not rest.has_next
    assert await store.count_since("alice", AT + timedelta(minutes=1)) == 2


async def marking_read_touches_only_the_owner(store: NoticeRepository) -> None:
    await store.add(notice("a0", "alice"))
    await store.add(notice("b0", "bob"))
    assert await store.mark_read("alice", ["b0"], AT) == 0
    assert await store.mark_read("alice", ["a0", "b0"], AT) == 1
    assert await store.mark_read("alice", ["a0"], AT) == 0
    assert await store.unread_count("bob") == 1
    assert [n.id for n in (await store.page("alice", True, 10, None)).items] == []
    assert await store.mark_read("bob", None, AT) == 1


NOTICE_CONTRACTS = [
    adding_twice_keeps_one,
    pages_are_newest_first_and_per_person,
    marking_read_touches_only_the_owner,
]


def delivery(did: str, due: datetime) -> Delivery:
    return Delivery(did, "n1", "p", Channel.EMAIL, "p@example.cn", "en", AT, due)


async def only_due_unheld_deliveries_are_claimed(store: DeliveryRepository) -> None:
    await store.add(delivery("d1", AT))
    await store.add(delivery("d2", AT + timedelta(hours=1)))
    lease = timedelta(minutes=2)
    assert [d.id for d in await store.claim_due(AT, lease, 10)] == ["d1"]
    # Held: another worker gets nothing until the lease ends.
    assert await store.claim_due(AT + timedelta(minutes=1), lease, 10) == []
    assert [d.id for d in await store.claim_due(AT + timedelta(minutes=2), lease, 10)] == ["d1"]
    done = sent((await store.get("d1")) or delivery("x", AT), AT)
    await store.save(done)
    later = AT + timedelta(hours=2)
    assert [d.id for d in await store.claim_due(later, lease, 10)] == ["d2"]
    stored = await store.get("d1")
    assert stored is not None
    assert stored.state is DeliveryState.SENT
    assert sorted(d.id for d in await store.for_notice("n1")) == ["d1", "d2"]


DELIVERY_CONTRACTS = [only_due_unheld_deliveries_are_claimed]
