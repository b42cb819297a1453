"""The MongoDB survey stores keep the contract (tests/participation/survey_contracts.py)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from grassroots_participation.adapters.surveys import ResponseStore, SurveyStore

from tests.participation.helpers import Participation
from tests.participation.survey_contracts import SURVEY_CONTRACTS, Stores


@pytest.mark.parametrize("contract", SURVEY_CONTRACTS, ids=lambda c: c.__name__)
async def test_mongo_survey_stores(
    participation: Participation, contract: Callable[[Stores], Awaitable[None]]
):
    db = participation.db
    await contract(Stores(SurveyStore(db), ResponseStore(db)))
