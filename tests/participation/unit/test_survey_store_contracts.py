"""The in-memory survey stores keep the contract the MongoDB ones keep."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest

from tests.participation.survey_contracts import SURVEY_CONTRACTS, Stores
from tests.participation.survey_fakes import FakeResponses, FakeSurveys, SurveyState


@pytest.mark.parametrize("contract", SURVEY_CONTRACTS, ids=lambda c: c.__name__)
async def test_fake_survey_stores(contract: Callable[[Stores], Awaitable[None]]):
    state = SurveyState()
    await contract(Stores(FakeSurveys(state), FakeResponses(state)))
