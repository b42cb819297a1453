"""Who may draft, open, close, answer and read surveys and their results. Pure: decides from the
caller's grants, where the caller lives and the survey; the one policy every path to a survey
uses (the root `survey` query, `OrgUnit.surveys`, every survey mutation)."""

from __future__ import annotations

from collections.abc import Sequence

from grassroots_kit.auth import Principal
from grassroots_kit.errors import Forbidden, NotFound
from grassroots_kit.i18n import msg

from grassroots_participation.domain.access import STAFF_ROLES, may_convene, may_read_unit
from grassroots_participation.domain.residents import Resident
from grassroots_participation.domain.surveys import Survey, SurveyStatus


def require_author(caller: Principal, unit_path: Sequence[str]) -> None:
    """Drafting, opening and closing: the community staff over the unit (as for meetings)."""
    if not may_convene(caller, unit_path):
        raise Forbidden(msg("only the community staff of this org unit may run its surveys"))


def is_staff(caller: Principal | None, survey: Survey) -> bool:
    return caller is not None and caller.has_any(STAFF_ROLES, survey.org_unit_path)


def may_read(caller: Principal | None, home_path: Sequence[str], survey: Survey) -> bool:
    """Staff over the unit see every survey; its people (who live or serve in it) see it once
    it is open."""
    if caller is None:
        return False
    if is_staff(caller, survey):
        return True
    return survey.status is not SurveyStatus.DRAFT and may_read_unit(
        caller, home_path, survey.org_unit_id
    )


def may_read_texts(caller: Principal | None, survey: Survey) -> bool:
    """Free-text answers: staff over the unit only."""
    return is_staff(caller, survey)


def may_read_results(caller: Principal | None, home_path: Sequence[str], survey: Survey) -> bool:
    """Staff over the unit at any time; its people once the survey is closed."""
    if is_staff(caller, survey):
        return True
    return survey.status is SurveyStatus.CLOSED and may_read(caller, home_path, survey)


def require_respondent(caller: Principal, resident: Resident | None, survey: Survey) -> str:
    """Who may answer: someone living in the survey's unit, and for a household survey a
    member of a household there (any member: the household's one answer, whoever gives it).
    Returns what the answer is counted per (the household or the person)."""
    if resident is None or survey.org_unit_id not in resident.home_path:
        raise Forbidden(msg("only the residents of this org unit may answer its surveys"))
    subject = survey.subject(caller.person_id, resident.household_id)
    if subject is None:
        raise Forbidden(
            msg("this survey is answered per household, and you are registered in none here")
        )
    return subject


def listable_units(
    caller: Principal, home_path: Sequence[str], unit_path: Sequence[str]
) -> tuple[frozenset[str] | None, bool]:
    """Whose surveys in a unit's subtree the caller may list, and whether drafts too: staff over
    the unit list all (drafts included); its people only those held at the units they live in
    or serve, not drafts. FORBIDDEN for one who neither lives in nor serves the unit."""
    if unit_path and caller.has_any(STAFF_ROLES, unit_path):
        return None, True
    if not unit_path or not may_read_unit(caller, home_path, unit_path[-1]):
        raise Forbidden(msg("only the people and staff of this org unit may see its surveys"))
    return frozenset(home_path) | {unit for grant in caller.grants for unit in grant.path}, False


def hidden(survey_id: str) -> NotFound:
    """What one who may not see a survey is told: the same as for one that does not exist."""
    return NotFound(msg("no survey with id {survey_id}", survey_id=survey_id), field="id")
