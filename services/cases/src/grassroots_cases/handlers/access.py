"""Who the caller is, as the workflow sees them over one case."""

from __future__ import annotations

from collections.abc import Iterable

from grassroots_kit.auth import Principal
from grassroots_kit.request_auth import required

from grassroots_cases.domain.access import Place, Reader
from grassroots_cases.domain.ids import OrganizationId, PersonId
from grassroots_cases.domain.model import Actor
from grassroots_cases.domain.vocabulary import ROLE_LEVEL, Role, roles_of


def require(principal: Principal | None) -> Principal:
    return required(principal)


def reader_of(principal: Principal) -> Reader:
    """The caller as the read policy (`domain.access`) sees them."""
    return Reader(
        person_id=PersonId(principal.person_id),
        places=tuple(
            Place(
                role=g.role,
                unit=g.org_unit_id,
                path=g.path if g.org_unit_id in g.path else (*g.path, g.org_unit_id),
                organization_id=g.organization_id,
            )
            for g in principal.grants
        ),
    )


def actor_over(principal: Principal, path_with_self: Iterable[str]) -> Actor:
    """The caller with the roles whose grants cover `path_with_self` (a case's org unit)."""
    path = tuple(path_with_self)
    return Actor(
        person_id=PersonId(principal.person_id),
        roles=roles_of(principal.roles_over(path)),
        organizations=frozenset(
            OrganizationId(g.organization_id) for g in principal.grants if g.organization_id
        ),
    )


def organization_for(principal: Principal, path_with_self: Iterable[str]) -> OrganizationId | None:
    """The organization of the caller's red-partner grant over this place, if any."""
    path = tuple(path_with_self)
    for grant in principal.grants:
        if grant.organization_id and grant.covers(path) and grant.role == Role.RED_PARTNER_MEMBER:
            return OrganizationId(grant.organization_id)
    return None


def is_staff_over(principal: Principal, path_with_self: Iterable[str]) -> bool:
    return any(r in ROLE_LEVEL for r in roles_of(principal.roles_over(path_with_self)))
