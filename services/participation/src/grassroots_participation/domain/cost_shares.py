"""Cost-sharing plans: who pays what towards a repair nobody else will pay for. Pure: no I/O.

A plan is drawn up for a case or for an agenda item's decision, at an org unit, by its community
staff: a title, a total in fen (CNY; integers only, never floats), the households in it and how
their shares are set: EQUAL (the total split among them), BY_AREA (in proportion to each
household's floor area) or PLEDGED (no share set: each household pledges what it chooses).
Households pledge (their own household only); staff record payments (records only: no money
moves here); an organization (a red partner) covers the shortfall. The plan is OPEN until its
pledges and covers reach the total, then FUNDED; staff record the spending (SPENT) or cancel an
OPEN or FUNDED plan (CANCELLED). Every change appends an entry to the plan's audit trail, which
is never rewritten.

Shares that do not divide evenly: each household gets the whole fen of its exact share
(rounded down), and the fen left over (fewer than there are households) go one each to the
first households in the order listed, so the shares always add up to the total exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Final

from grassroots_kit.errors import BadUserInput, Forbidden, InvalidTransition, NotFound
from grassroots_kit.i18n import msg

from grassroots_participation.domain.meetings import MAX_ID, clean_text, clean_title

# GraphQL's Int is a signed 32-bit integer: every amount and every sum a plan shows stays below
# it (20 million yuan is far beyond any repair a community shares).
MAX_FEN: Final = 2_000_000_000
# Floor area in hundredths of a square metre; 100,000 m² is more than any one household.
MAX_AREA_CENTI: Final = 10_000_000
MAX_HOUSEHOLDS: Final = 300
# Pledges, payments, covers and the rest each append one audit entry: bounded so the plan's
# document cannot grow without end.
MAX_ENTRIES: Final = 2000
MAX_NOTE: Final = 1000
CURRENCY: Final = "CNY"


class ShareMethod(StrEnum):
    EQUAL = "EQUAL"
    BY_AREA = "BY_AREA"
    PLEDGED = "PLEDGED"


class PlanState(StrEnum):
    OPEN = "OPEN"
    FUNDED = "FUNDED"
    SPENT = "SPENT"
    CANCELLED = "CANCELLED"


class AuditAction(StrEnum):
    CREATED = "CREATED"
    PLEDGED = "PLEDGED"
    PAID = "PAID"
    COVERED = "COVERED"
    FUNDED = "FUNDED"
    SPENT = "SPENT"
    CANCELLED = "CANCELLED"


# --- refusals -------------------------------------------------------------------------------


class PlanNotOpen(InvalidTransition):
    def __init__(self, state: PlanState) -> None:
        match state:
            case PlanState.FUNDED:
                text = msg(
                    "this cost-sharing plan is already fully funded: it takes no more pledges"
                )
            case PlanState.SPENT:
                text = msg("this cost-sharing plan has been spent: it takes no more pledges")
            case _:
                text = msg("this cost-sharing plan was cancelled: it takes no more pledges")
        super().__init__(text, state=state.value)


class NotInPlan(Forbidden):
    def __init__(self) -> None:
        super().__init__(
            msg("you may pledge only for your own household, and only if it is in this plan"),
            field="householdId",
        )


class NotOrganizationMember(Forbidden):
    def __init__(self) -> None:
        super().__init__(
            msg(
                "only the community staff or a member of this organization may record "
                "what it covers"
            ),
            field="organizationId",
        )


class UnknownHousehold(NotFound):
    def __init__(self, household_id: str) -> None:
        super().__init__(
            msg("household {household_id} is not in this plan", household_id=household_id),
            field="householdId",
        )


# --- values ---------------------------------------------------------------------------------


def check_amount(amount: int, field_name: str = "amountFen") -> int:
    """A positive whole number of fen, at most MAX_FEN."""
    if amount <= 0:
        raise BadUserInput(msg("an amount must be more than zero fen"), field=field_name)
    if amount > MAX_FEN:
        raise BadUserInput(msg("an amount is at most {max} fen", max=MAX_FEN), field=field_name)
    return amount


def area_centi(square_metres: Decimal | None) -> int | None:
    """A floor area in square metres (at most two decimals) as whole hundredths of a square
    metre, so shares by area are worked out in integers."""
    if square_metres is None:
        return None
    try:
        centi = square_metres * 100
        if not centi.is_finite() or centi != centi.to_integral_value():
            raise InvalidOperation
    except InvalidOperation:
        raise BadUserInput(
            msg("a floor area is given in square metres with at most two decimals"),
            field="households",
        ) from None
    return int(centi)


def _check_sum(total: int, field_name: str) -> None:
    if total > MAX_FEN:
        raise BadUserInput(
            msg("the plan's amounts would add up to more than {max} fen", max=MAX_FEN),
            field=field_name,
        )


def split(total: int, weights: Sequence[int]) -> list[int]:
    """`total` fen shared in proportion to `weights` (all positive): each gets the whole fen of
    its exact share, and the fen left over go one each to the first in order. The shares add up
    to `total` exactly; no share differs from its exact value by a fen or more."""
    if total < 0 or not weights or any(w <= 0 for w in weights):
        raise ValueError("split needs a non-negative total and positive weights")
    whole = sum(weights)
    shares = [total * w // whole for w in weights]
    left = total - sum(shares)
    # `left` < len(weights): each floor loses less than one fen.
    for i in range(left):
        shares[i] += 1
    return shares


@dataclass(frozen=True)
class HouseholdShare:
    household_id: str
    area_centi: int | None = None
    """Floor area in hundredths of a square metre (BY_AREA only)."""
    share_fen: int | None = None
    """What it is asked to pay; None when households pledge what they choose."""


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    by: str
    """The person who made the change."""
    action: AuditAction
    amount_fen: int = 0
    household_id: str | None = None
    organization_id: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Payment:
    household_id: str
    amount_fen: int
    recorded_by: str
    at: datetime
    note: str = ""


@dataclass(frozen=True)
class Cover:
    organization_id: str
    amount_fen: int
    recorded_by: str
    at: datetime


@dataclass(frozen=True)
class Totals:
    total_fen: int
    pledged_fen: int
    covered_fen: int
    paid_fen: int

    @property
    def committed_fen(self) -> int:
        return self.pledged_fen + self.covered_fen

    @property
    def shortfall_fen(self) -> int:
        return max(0, self.total_fen - self.committed_fen)


@dataclass
class CostSharePlan:
    id: str
    org_unit_id: str
    org_unit_path: tuple[str, ...]
    """Ancestors and the unit itself, root first."""
    title: str
    total_fen: int
    method: ShareMethod
    households: tuple[HouseholdShare, ...]
    created_by: str
    created_at: datetime
    case_id: str | None = None
    meeting_id: str | None = None
    agenda_item_id: str | None = None
    pledges: dict[str, int] = field(default_factory=dict)
    """Household -> what it pledged (its latest pledge)."""
    payments: list[Payment] = field(default_factory=list)
    covers: list[Cover] = field(default_factory=list)
    state: PlanState = PlanState.OPEN
    funded_at: datetime | None = None
    spent_fen: int | None = None
    spent_at: datetime | None = None
    cancelled_at: datetime | None = None
    audit: list[AuditEntry] = field(default_factory=list)
    version: int = 1

    # --- reading ---

    @property
    def currency(self) -> str:
        return CURRENCY

    @property
    def active(self) -> bool:
        """Not cancelled: the one plan its case or agenda item may have."""
        return self.state is not PlanState.CANCELLED

    def totals(self) -> Totals:
        return Totals(
            total_fen=self.total_fen,
            pledged_fen=sum(self.pledges.values()),
            covered_fen=sum(c.amount_fen for c in self.covers),
            paid_fen=sum(p.amount_fen for p in self.payments),
        )

    def share_of(self, household_id: str) -> HouseholdShare:
        for household in self.households:
            if household.household_id == household_id:
                return household
        raise UnknownHousehold(household_id)

    def has_household(self, household_id: str | None) -> bool:
        return household_id is not None and any(
            h.household_id == household_id for h in self.households
        )

    def paid_by(self, household_id: str) -> int:
        return sum(p.amount_fen for p in self.payments if p.household_id == household_id)

    def covered_by(self, organization_id: str) -> int:
        return sum(c.amount_fen for c in self.covers if c.organization_id == organization_id)

    # --- changing ---

    def _log(self, entry: AuditEntry) -> None:
        if len(self.audit) >= MAX_ENTRIES:
            raise BadUserInput(
                msg("this plan has reached its limit of {max} recorded changes", max=MAX_ENTRIES)
            )
        self.audit.append(entry)

    def _require_open(self) -> None:
        if self.state is not PlanState.OPEN:
            raise PlanNotOpen(self.state)

    def _fund_if_reached(self, by: str, at: datetime, household_id: str | None = None) -> bool:
        """OPEN → FUNDED once pledges and covers reach the total; True when it happened now.
        When a household's pledge funded it, the entry names that household (so other
        households, who see only their own entries, do not learn who pledged)."""
        if self.state is PlanState.OPEN and self.totals().committed_fen >= self.total_fen:
            self.state = PlanState.FUNDED
            self.funded_at = at
            self._log(
                AuditEntry(at=at, by=by, action=AuditAction.FUNDED, household_id=household_id)
            )
            return True
        return False

    def pledge(self, household_id: str, amount_fen: int | None, by: str, at: datetime) -> bool:
        """The household's pledge (replacing any earlier one); without an amount, its share.
        Returns True when this pledge funded the plan."""
        self._require_open()
        share = self.share_of(household_id)
        if amount_fen is None:
            if share.share_fen is None:
                raise BadUserInput(
                    msg("in a plan of pledges, say how much your household pledges"),
                    field="amountFen",
                )
            amount_fen = share.share_fen
        check_amount(amount_fen)
        others = sum(v for h, v in self.pledges.items() if h != household_id)
        _check_sum(others + amount_fen, "amountFen")
        self._log(
            AuditEntry(
                at=at,
                by=by,
                action=AuditAction.PLEDGED,
                amount_fen=amount_fen,
                household_id=household_id,
            )
        )
        self.pledges[household_id] = amount_fen
        return self._fund_if_reached(by, at, household_id)

    def cover(self, organization_id: str, amount_fen: int | None, by: str, at: datetime) -> bool:
        """An organization covers (part of) the shortfall; without an amount, all of it. It may
        not cover more than is missing. Returns True when this cover funded the plan."""
        self._require_open()
        if not organization_id or len(organization_id) > MAX_ID:
            raise BadUserInput(
                msg("an id has 1 to {max} characters", max=MAX_ID), field="organizationId"
            )
        shortfall = self.totals().shortfall_fen
        amount = shortfall if amount_fen is None else check_amount(amount_fen)
        if amount > shortfall:
            raise BadUserInput(
                msg(
                    "the shortfall is {shortfall} fen: an organization covers at most that",
                    shortfall=shortfall,
                ),
                field="amountFen",
                shortfallFen=shortfall,
            )
        self._log(
            AuditEntry(
                at=at,
                by=by,
                action=AuditAction.COVERED,
                amount_fen=amount,
                organization_id=organization_id,
            )
        )
        self.covers.append(Cover(organization_id, amount, by, at))
        return self._fund_if_reached(by, at)

    def record_payment(
        self, household_id: str, amount_fen: int, by: str, at: datetime, note: str = ""
    ) -> Payment:
        """A payment a household made (recorded, not processed), while OPEN or FUNDED."""
        if self.state not in (PlanState.OPEN, PlanState.FUNDED):
            raise InvalidTransition(
                msg(
                    "this cost-sharing plan has been spent or cancelled: it takes no more payments"
                ),
                state=self.state.value,
            )
        self.share_of(household_id)
        check_amount(amount_fen)
        _check_sum(self.totals().paid_fen + amount_fen, "amountFen")
        note = clean_text(note, "note", MAX_NOTE)
        self._log(
            AuditEntry(
                at=at,
                by=by,
                action=AuditAction.PAID,
                amount_fen=amount_fen,
                household_id=household_id,
                note=note,
            )
        )
        payment = Payment(household_id, amount_fen, by, at, note)
        self.payments.append(payment)
        return payment

    def record_spending(self, amount_fen: int, by: str, at: datetime, note: str = "") -> None:
        """FUNDED → SPENT: what the repair cost, as staff record it."""
        if self.state is not PlanState.FUNDED:
            raise InvalidTransition(
                msg("only a fully funded plan that is not yet spent can be recorded as spent"),
                state=self.state.value,
            )
        check_amount(amount_fen)
        note = clean_text(note, "note", MAX_NOTE)
        self._log(
            AuditEntry(at=at, by=by, action=AuditAction.SPENT, amount_fen=amount_fen, note=note)
        )
        self.state = PlanState.SPENT
        self.spent_fen = amount_fen
        self.spent_at = at

    def cancel(self, by: str, at: datetime, reason: str) -> None:
        """OPEN or FUNDED → CANCELLED, with the reason (required)."""
        if self.state not in (PlanState.OPEN, PlanState.FUNDED):
            raise InvalidTransition(
                msg("a plan that has been spent or cancelled cannot be cancelled"),
                state=self.state.value,
            )
        reason = clean_text(reason, "reason", MAX_NOTE)
        if not reason:
            raise BadUserInput(msg("say why the plan is cancelled"), field="reason")
        self._log(AuditEntry(at=at, by=by, action=AuditAction.CANCELLED, note=reason))
        self.state = PlanState.CANCELLED
        self.cancelled_at = at


@dataclass(frozen=True)
class HouseholdInput:
    household_id: str
    area_centi: int | None = None


def check_target(case_id: str | None, meeting_id: str | None, agenda_item_id: str | None) -> None:
    """A plan pays for a case, or for a meeting's agenda item: exactly one of them."""
    for_item = meeting_id is not None or agenda_item_id is not None
    item_named = meeting_id is not None and agenda_item_id is not None
    if (case_id is not None) == for_item or (for_item and not item_named):
        raise BadUserInput(
            msg("a plan is for a case or for a meeting's agenda item: name exactly one"),
            field="caseId",
        )
    for given in (case_id, meeting_id, agenda_item_id):
        if given is not None and (not given or len(given) > MAX_ID):
            raise BadUserInput(msg("an id has 1 to {max} characters", max=MAX_ID), field="caseId")


def draw_up(
    *,
    plan_id: str,
    org_unit_id: str,
    org_unit_path: tuple[str, ...],
    title: str,
    total_fen: int,
    method: ShareMethod,
    households: Sequence[HouseholdInput],
    created_by: str,
    at: datetime,
    case_id: str | None = None,
    meeting_id: str | None = None,
    agenda_item_id: str | None = None,
) -> CostSharePlan:
    """A new OPEN plan with its shares set (EQUAL, BY_AREA) or left to pledges (PLEDGED)."""
    check_target(case_id, meeting_id, agenda_item_id)
    check_amount(total_fen, "totalFen")
    if not households:
        raise BadUserInput(msg("a plan needs at least one household"), field="households")
    if len(households) > MAX_HOUSEHOLDS:
        raise BadUserInput(
            msg("a plan has at most {max} households", max=MAX_HOUSEHOLDS), field="households"
        )
    ids = [h.household_id for h in households]
    if any(not i or len(i) > MAX_ID for i in ids):
        raise BadUserInput(msg("an id has 1 to {max} characters", max=MAX_ID), field="households")
    if len(set(ids)) != len(ids):
        raise BadUserInput(msg("each household is in a plan once"), field="households")
    shares: list[int | None]
    if method is ShareMethod.BY_AREA:
        areas = [h.area_centi for h in households]
        if any(a is None or a <= 0 or a > MAX_AREA_CENTI for a in areas):
            raise BadUserInput(
                msg("shares by area need each household's floor area, more than zero"),
                field="households",
            )
        shares = list(split(total_fen, [a for a in areas if a is not None]))
    elif method is ShareMethod.EQUAL:
        shares = list(split(total_fen, [1] * len(households)))
    else:
        shares = [None] * len(households)
    plan = CostSharePlan(
        id=plan_id,
        org_unit_id=org_unit_id,
        org_unit_path=org_unit_path,
        title=clean_title(title),
        total_fen=total_fen,
        method=method,
        households=tuple(
            HouseholdShare(
                household_id=h.household_id,
                area_centi=h.area_centi if method is ShareMethod.BY_AREA else None,
                share_fen=share,
            )
            for h, share in zip(households, shares, strict=True)
        ),
        created_by=created_by,
        created_at=at,
        case_id=case_id,
        meeting_id=meeting_id,
        agenda_item_id=agenda_item_id,
    )
    plan.audit.append(
        AuditEntry(at=at, by=created_by, action=AuditAction.CREATED, amount_fen=total_fen)
    )
    return plan


class StalePlan(Exception):
    """The plan changed since it was read (another writer's version is stored)."""


class DuplicatePlan(Exception):
    """The case or agenda item already has a plan that is not cancelled."""


def plan_key(plan: CostSharePlan) -> tuple[str, str]:
    """Plans are listed by when they were drawn up, then id; a cursor is this key."""
    return (plan.created_at.isoformat(), plan.id)
