"""The people subgraph's schema, exported to services/people/schema.graphql."""

from __future__ import annotations

import strawberry
from grassroots_kit.graphql.schema import SubgraphSchema

from grassroots_people.graphql.mutations import (
    commitment_confirm,
    commitment_fulfill,
    commitment_make,
    election_record,
    household_create,
    household_set_care_level,
    household_update,
    households_create,
    org_unit_create,
    org_unit_move,
    org_unit_rename,
    organization_add_member,
    organization_create,
    organization_pair,
    password_set,
    people_register,
    person_move,
    person_register,
    person_update,
    role_assign,
    role_revoke,
    token_refresh,
    visit_confirm,
    visit_log,
    visit_photo_upload_request,
)
from grassroots_people.graphql.mutations.login import LoginPayload, resolve_login
from grassroots_people.graphql.mutations.logout import LogoutPayload, resolve_logout
from grassroots_people.graphql.queries import Query
from grassroots_people.graphql.types.household import Household
from grassroots_people.graphql.types.org_unit import OrgUnit
from grassroots_people.graphql.types.organization import Organization
from grassroots_people.graphql.types.person import Person


@strawberry.type
class Mutation:
    create_org_unit: org_unit_create.CreateOrgUnitPayload = strawberry.mutation(
        resolver=org_unit_create.resolve_create_org_unit,
        description="Create an org unit below a parent (a district: platform admin only).",
    )
    rename_org_unit: org_unit_rename.RenameOrgUnitPayload = strawberry.mutation(
        resolver=org_unit_rename.resolve_rename_org_unit, description="Rename an org unit."
    )
    move_org_unit: org_unit_move.MoveOrgUnitPayload = strawberry.mutation(
        resolver=org_unit_move.resolve_move_org_unit,
        description="Move an org unit with its subtree under another parent.",
    )
    create_household: household_create.CreateHouseholdPayload = strawberry.mutation(
        resolver=household_create.resolve_create_household, description="Create a household."
    )
    create_households: households_create.CreateHouseholdsPayload = strawberry.mutation(
        resolver=households_create.resolve_create_households,
        description="Create many households at once (all or none).",
    )
    register_person: person_register.RegisterPersonPayload = strawberry.mutation(
        resolver=person_register.resolve_register_person, description="Register a person."
    )
    register_people: people_register.RegisterPeoplePayload = strawberry.mutation(
        resolver=people_register.resolve_register_people,
        description="Register many people at once (all or none).",
    )
    move_person: person_move.MovePersonPayload = strawberry.mutation(
        resolver=person_move.resolve_move_person,
        description="Move a person to another household.",
    )
    update_person: person_update.UpdatePersonPayload = strawberry.mutation(
        resolver=person_update.resolve_update_person,
        description="Correct a person's name, phone or party membership.",
    )
    update_household: household_update.UpdateHouseholdPayload = strawberry.mutation(
        resolver=household_update.resolve_update_household,
        description="Correct a household's address or needs.",
    )
    set_care_level: household_set_care_level.SetCareLevelPayload = strawberry.mutation(
        resolver=household_set_care_level.resolve_set_care_level,
        description="Set a household's care level and needs.",
    )
    assign_role: role_assign.AssignRolePayload = strawberry.mutation(
        resolver=role_assign.resolve_assign_role, description="Assign a role for a term."
    )
    revoke_role: role_revoke.RevokeRolePayload = strawberry.mutation(
        resolver=role_revoke.resolve_revoke_role, description="Revoke a role assignment."
    )
    record_election: election_record.RecordElectionPayload = strawberry.mutation(
        resolver=election_record.resolve_record_election,
        description="Record a neighborhood's election of its neighbor chief.",
    )
    create_organization: organization_create.CreateOrganizationPayload = strawberry.mutation(
        resolver=organization_create.resolve_create_organization,
        description="Register an organization.",
    )
    add_organization_member: organization_add_member.AddOrganizationMemberPayload = (
        strawberry.mutation(
            resolver=organization_add_member.resolve_add_organization_member,
            description="Add a member to an organization.",
        )
    )
    pair_organization: organization_pair.PairOrganizationPayload = strawberry.mutation(
        resolver=organization_pair.resolve_pair_organization,
        description="Pair an organization with an org unit.",
    )
    request_visit_photo_upload: visit_photo_upload_request.RequestVisitPhotoUploadPayload = (
        strawberry.mutation(
            resolver=visit_photo_upload_request.resolve_visit_photo_upload_request,
            description="Get a single-use URL to upload one photo of a visit to (signed in).",
        )
    )
    log_visit: visit_log.LogVisitPayload = strawberry.mutation(
        resolver=visit_log.resolve_log_visit,
        description="Log a visit to a household; it counts once someone else confirms it.",
    )
    confirm_visit: visit_confirm.ConfirmVisitPayload = strawberry.mutation(
        resolver=visit_confirm.resolve_confirm_visit,
        description="Confirm a visit: a member of the household visited or someone serving it.",
    )
    make_commitment: commitment_make.MakeCommitmentPayload = strawberry.mutation(
        resolver=commitment_make.resolve_make_commitment,
        description="Publish a party member's commitment.",
    )
    fulfill_commitment: commitment_fulfill.FulfillCommitmentPayload = strawberry.mutation(
        resolver=commitment_fulfill.resolve_fulfill_commitment,
        description="Claim a commitment fulfilled with evidence; someone else confirms it.",
    )
    confirm_commitment: commitment_confirm.ConfirmCommitmentPayload = strawberry.mutation(
        resolver=commitment_confirm.resolve_confirm_commitment,
        description="Confirm a claimed fulfilment: someone serving the unit, not the promiser.",
    )
    login: LoginPayload = strawberry.mutation(
        resolver=resolve_login, description="Log in with phone and password."
    )
    refresh_token: token_refresh.RefreshTokenPayload = strawberry.mutation(
        resolver=token_refresh.resolve_refresh_token,
        description="Trade a refresh token for a new pair.",
    )
    logout: LogoutPayload = strawberry.mutation(
        resolver=resolve_logout, description="Revoke a login's refresh tokens."
    )
    set_password: password_set.SetPasswordPayload = strawberry.mutation(
        resolver=password_set.resolve_set_password, description="Set a password."
    )


schema = SubgraphSchema(
    service="people",
    query=Query,
    mutation=Mutation,
    types=[OrgUnit, Person, Household, Organization],
)
