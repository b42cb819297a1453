from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from grassroots_people.main import create_app
from grassroots_people.settings import PeopleSettings

from tests.people.integration.graph import PeopleGraph
from tests.support.apps import run_service, settings_for
from tests.support.people_auth import admin_token_of
from tests.support.rabbit import BrokerNamespace


@pytest.fixture
async def people(mongo_url: str, db_name: str, broker_ns: BrokerNamespace) -> AsyncIterator:
    settings = settings_for(PeopleSettings, mongo_url=mongo_url, db_name=db_name, ns=broker_ns)
    async with run_service(create_app, settings, broker_ns) as service:
        # The tests read messages in English; a request's own Accept-Language still wins, and
        # test_localized_errors.py asks for zh-CN and en explicitly.
        service.client.headers["accept-language"] = "en"
        yield service


@pytest.fixture
async def graph(people) -> PeopleGraph:
    return PeopleGraph(people, await admin_token_of(people))
