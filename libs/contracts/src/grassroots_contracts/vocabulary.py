"""The words behind the graph's enums: for every enum (by its GraphQL name) and every value, an
English label and a short description, translated in this package's catalogs.

Enum values are stable codes that clients store and compare; what a person reads is the label in
their language. The `people` subgraph serves this as the `vocabulary` query; tests/static holds
it to the composed supergraph, so a new enum value without words here fails the build.

Org-unit kinds list TOWN and VILLAGE, the rural rungs, whether or not the schema has them yet.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

__all__ = ["VOCABULARY", "Term", "label"]


def label(text: str, /) -> str:
    """Marks a fixed English text for translation and returns it unchanged.

    scripts/catalogs.py extracts `label("...")` from every package it lists, this one included;
    contracts do not depend on grassroots_kit, so the marker is defined here and the kit's
    catalogs translate the text where it is shown.
    """
    return text


@dataclass(frozen=True, slots=True)
class Term:
    """What a code means, in English (the catalog message ids)."""

    label: str
    description: str


def _kind(terms: dict[str, Term]) -> Mapping[str, Term]:
    return MappingProxyType(terms)


VOCABULARY: Final[Mapping[str, Mapping[str, Term]]] = MappingProxyType(
    {
        "CaseCategory": _kind(
            {
                "ENVIRONMENT": Term(
                    label("Environment"),
                    label("Litter, noise, greenery and cleanliness in public places."),
                ),
                "INFRASTRUCTURE": Term(
                    label("Infrastructure"),
                    label("Roads, street lights, lifts and other public facilities."),
                ),
                "SEWAGE_WATER": Term(
                    label("Water and sewage"),
                    label("Water supply, drains, sewage pipes and standing water."),
                ),
                "PARKING_TRAFFIC": Term(
                    label("Parking and traffic"),
                    label("Parking spaces, badly parked vehicles and traffic order."),
                ),
                "PROPERTY_MANAGEMENT": Term(
                    label("Property management"),
                    label("The services and fees of a property management company."),
                ),
                "MARKET_VENDORS": Term(
                    label("Markets and vendors"),
                    label("Markets, street vendors and stalls that block the way."),
                ),
                "NEIGHBOR_DISPUTE": Term(
                    label("Neighbor dispute"),
                    label("A disagreement between neighbors that needs mediating."),
                ),
                "PUBLIC_SAFETY": Term(
                    label("Public safety"),
                    label("Fire hazards, public order and other risks to people's safety."),
                ),
                "ELDERLY_CARE": Term(
                    label("Elderly care"),
                    label("Help for older residents: meals, care and visits."),
                ),
                "SUGGESTION": Term(
                    label("Suggestion"),
                    label("An idea or proposal rather than a problem to fix."),
                ),
                "OTHER": Term(label("Other"), label("Anything that fits no other category.")),
            }
        ),
        "CaseChannel": _kind(
            {
                "APP": Term(label("Mobile app"), label("Reported in the mobile app.")),
                "HOTLINE": Term(label("Hotline"), label("Reported on the telephone hotline.")),
                "WECHAT": Term(label("WeChat"), label("Reported through WeChat.")),
                "VISIT": Term(
                    label("In person"),
                    label("Raised in person, on a home visit or at the office."),
                ),
                "MEETING": Term(
                    label("Meeting"),
                    label("Raised at a meeting: a council, a discussion day or a night talk."),
                ),
            }
        ),
        "CasePriority": _kind(
            {
                "LOW": Term(
                    label("Low"), label("Due within 7 days unless the policy says otherwise.")
                ),
                "NORMAL": Term(
                    label("Normal"), label("Due within 72 hours unless the policy says otherwise.")
                ),
                "HIGH": Term(
                    label("High"), label("Due within 24 hours unless the policy says otherwise.")
                ),
                "URGENT": Term(
                    label("Urgent"), label("Due within 4 hours unless the policy says otherwise.")
                ),
            }
        ),
        "AgendaItemStatus": _kind(
            {
                "OPEN": Term(
                    label("To be decided"),
                    label("Still to be decided."),
                ),
                "DECIDED": Term(
                    label("Decided"),
                    label("A decision has been recorded."),
                ),
            }
        ),
        "VoteChoice": _kind(
            {
                "FOR": Term(
                    label("For"),
                    label("The household supports the item."),
                ),
                "AGAINST": Term(
                    label("Against"),
                    label("The household opposes the item."),
                ),
                "ABSTAIN": Term(
                    label("Abstain"),
                    label("The household takes part without taking a side."),
                ),
            }
        ),
        "DecisionMethod": _kind(
            {
                "CONSENSUS": Term(
                    label("Consensus"),
                    label("Everyone present agreed; no vote was needed."),
                ),
                "HOUSEHOLD_VOTE": Term(
                    label("Household vote"),
                    label("One household, one vote, with a quorum of the invited households."),
                ),
            }
        ),
        "DecisionOutcome": _kind(
            {
                "ADOPTED": Term(
                    label("Adopted"),
                    label("The item was agreed."),
                ),
                "REJECTED": Term(
                    label("Not adopted"),
                    label("The item was not agreed."),
                ),
            }
        ),
        "MeetingKind": _kind(
            {
                "COUNCIL": Term(
                    label("Council"),
                    label("A village or residents' council meeting."),
                ),
                "DISCUSSION_DAY": Term(
                    label("Discussion day"),
                    label("The community's regular day for talking issues out, e.g. every Friday."),
                ),
                "MASS_MEETING": Term(
                    label("Mass meeting"),
                    label("A meeting open to all residents of the unit."),
                ),
                "NIGHT_TALK": Term(
                    label("Night talk"),
                    label("An evening talk in a resident's home."),
                ),
                "SIX_PARTY_NEGOTIATION": Term(
                    label("Six-party negotiation"),
                    label(
                        "Party branch, residents' committee, owners' committee, property company, "
                        "supervisory committee and social organizations at one table."
                    ),
                ),
            }
        ),
        "MeetingStatus": _kind(
            {
                "SCHEDULED": Term(
                    label("Scheduled"),
                    label("The meeting still takes agenda items, attendance and votes."),
                ),
                "CLOSED": Term(
                    label("Ended"),
                    label("The meeting is over; nothing more is recorded."),
                ),
            }
        ),
        "ProposalSource": _kind(
            {
                "CASE": Term(
                    label("From a case"),
                    label("A case handler sent the case for a meeting to decide."),
                ),
                "RESIDENT": Term(
                    label("From a resident"),
                    label("A resident of the unit proposed it."),
                ),
            }
        ),
        "ProposalStatus": _kind(
            {
                "PROPOSED": Term(
                    label("Proposed"),
                    label("On the deliberation list, not yet on a meeting's agenda."),
                ),
                "ON_AGENDA": Term(
                    label("On the agenda"),
                    label("On a meeting's agenda, waiting for its decision."),
                ),
                "DECIDED": Term(
                    label("Decided by a meeting"),
                    label("The meeting has decided it."),
                ),
            }
        ),
        "PublishedListKind": _kind(
            {
                "RESPONSIBILITY": Term(
                    label("Responsibility list"),
                    label('Who leads what in the unit (the "six leads").'),
                ),
                "NEGATIVE": Term(
                    label("Negative list"),
                    label('What must not be done in the unit (the "six eliminations").'),
                ),
            }
        ),
        "Weekday": _kind(
            {
                "MONDAY": Term(
                    label("Monday"),
                    label("Every Monday."),
                ),
                "TUESDAY": Term(
                    label("Tuesday"),
                    label("Every Tuesday."),
                ),
                "WEDNESDAY": Term(
                    label("Wednesday"),
                    label("Every Wednesday."),
                ),
                "THURSDAY": Term(
                    label("Thursday"),
                    label("Every Thursday."),
                ),
                "FRIDAY": Term(
                    label("Friday"),
                    label("Every Friday."),
                ),
                "SATURDAY": Term(
                    label("Saturday"),
                    label("Every Saturday."),
                ),
                "SUNDAY": Term(
                    label("Sunday"),
                    label("Every Sunday."),
                ),
            }
        ),
        "CostShareMethod": _kind(
            {
                "EQUAL": Term(
                    label("Equal shares"),
                    label("The total is split equally among the households in the plan."),
                ),
                "BY_AREA": Term(
                    label("Shares by floor area"),
                    label("Each household pays in proportion to its floor area."),
                ),
                "PLEDGED": Term(
                    label("Voluntary pledges"),
                    label("Each household pledges what it chooses; no share is set."),
                ),
            }
        ),
        "CostSharePlanState": _kind(
            {
                "OPEN": Term(
                    label("Collecting pledges"),
                    label("Pledges and covers do not yet reach the total."),
                ),
                "FUNDED": Term(
                    label("Fully funded"),
                    label("Pledges and covers reach the total; the work can go ahead."),
                ),
                "SPENT": Term(
                    label("Spent"),
                    label("The staff have recorded what the money was spent on."),
                ),
                "CANCELLED": Term(
                    label("Plan called off"),
                    label("The plan was called off; it takes no more pledges or payments."),
                ),
            }
        ),
        "CostShareAction": _kind(
            {
                "CREATED": Term(
                    label("Plan drawn up"),
                    label("The staff drew up the plan with its total and households."),
                ),
                "PLEDGED": Term(
                    label("Pledge made"),
                    label("A household pledged an amount to the plan."),
                ),
                "PAID": Term(
                    label("Payment recorded"),
                    label("The staff recorded a household's payment."),
                ),
                "COVERED": Term(
                    label("Shortfall covered"),
                    label("An organization took on part or all of what was missing."),
                ),
                "FUNDED": Term(
                    label("Funding complete"),
                    label("Pledges and covers reached the total."),
                ),
                "SPENT": Term(
                    label("Spending recorded"),
                    label("The staff recorded what the money was spent on."),
                ),
                "CANCELLED": Term(
                    label("Plan cancelled"),
                    label("The staff called the plan off, with the reason."),
                ),
            }
        ),
        "ActivityKind": _kind(
            {
                "SERVICE_DAY": Term(
                    label("Service day"),
                    label(
                        "A regular day of volunteer service, e.g. the Good Neighbor Service Day "
                        "every Tuesday."
                    ),
                ),
                "ACTIVITY": Term(
                    label("Volunteer activity"),
                    label("Any other volunteer activity held at the unit."),
                ),
            }
        ),
        "SurveyQuestionKind": _kind(
            {
                "SINGLE_CHOICE": Term(
                    label("Single choice"),
                    label("Pick one of the options."),
                ),
                "MULTIPLE_CHOICE": Term(
                    label("Multiple choice"),
                    label("Pick one or more of the options."),
                ),
                "SCALE": Term(
                    label("Rating scale"),
                    label("Give a number on a scale, e.g. 1 to 5."),
                ),
                "FREE_TEXT": Term(
                    label("Free text"),
                    label("Answer in your own words; only the community staff read it."),
                ),
            }
        ),
        "SurveyStatus": _kind(
            {
                "DRAFT": Term(
                    label("Draft"),
                    label("Being prepared by the community staff; residents do not see it yet."),
                ),
                "OPEN": Term(
                    label("Open for answers"),
                    label("Taking answers between its opening and closing dates."),
                ),
                "CLOSED": Term(
                    label("Answers closed"),
                    label("No longer taking answers; its results are final."),
                ),
            }
        ),
        "SurveyRespondents": _kind(
            {
                "HOUSEHOLD": Term(
                    label("One answer per household"),
                    label("Any member of a household living in the unit answers, once for all."),
                ),
                "PERSON": Term(
                    label("One answer per resident"),
                    label("Every resident of the unit answers for themselves, once."),
                ),
            }
        ),
        "CaseExportContent": _kind(
            {
                "STATISTICS": Term(
                    label("Statistics"),
                    label("The area's figures for the period: totals, by category, by month."),
                ),
                "CASES": Term(
                    label("Case list"),
                    label("One row per case of the period, without the reporter's details."),
                ),
            }
        ),
        "CaseExportFormat": _kind(
            {
                "XLSX": Term(label("Excel workbook"), label("An .xlsx file for Excel or WPS.")),
                "CSV": Term(
                    label("CSV"),
                    label("Comma-separated text in UTF-8 with a byte-order mark, for Excel."),
                ),
            }
        ),
        "CaseStatus": _kind(
            {
                "REPORTED": Term(label("Reported"), label("Raised and waiting to be accepted.")),
                "ACCEPTED": Term(label("Accepted"), label("Accepted and waiting to be assigned.")),
                "ASSIGNED": Term(
                    label("Assigned"),
                    label("Assigned to a person or a department who must act on it."),
                ),
                "IN_PROGRESS": Term(label("In progress"), label("Being handled.")),
                "ON_ORDER_BOARD": Term(
                    label("On the order board"),
                    label("Posted on the order board, waiting for a red partner or a volunteer."),
                ),
                "RESOLVED": Term(
                    label("Resolved"), label("Handled, waiting for the resident to be answered.")
                ),
                "CLOSED": Term(label("Closed"), label("Done: the resident has been answered.")),
                "REJECTED": Term(
                    label("Rejected"),
                    label("Not taken up, as a duplicate or out of scope, with a reason."),
                ),
                "IN_DELIBERATION": Term(
                    label("In deliberation"),
                    label(
                        "Sent to a meeting to decide; its deadline waits until the decision "
                        "comes back."
                    ),
                ),
            }
        ),
        "CaseLevel": _kind(
            {
                "GROUP": Term(label("Group"), label("Handled within the residents' group.")),
                "GRID": Term(label("Grid"), label("Handled by the grid's staff.")),
                "COMMUNITY": Term(label("Community"), label("Handled by the community.")),
                "STREET": Term(
                    label("Street"),
                    label("Escalated to the street, which dispatches it to a department."),
                ),
                "DISTRICT": Term(label("District"), label("Escalated to the district.")),
            }
        ),
        "CaseSort": _kind(
            {
                "CREATED": Term(
                    label("By date reported"), label("In the order the cases were reported.")
                ),
                "DUE": Term(label("By deadline"), label("In the order the cases fall due.")),
                "UPDATED": Term(
                    label("By last change"), label("In the order the cases last changed.")
                ),
            }
        ),
        "SlaUnit": _kind(
            {
                "HOURS": Term(label("Hours"), label("Counted in clock hours, day and night.")),
                "WORKING_DAYS": Term(
                    label("Working days"),
                    label("Counted in working days, skipping weekends and public holidays."),
                ),
            }
        ),
        "EscalationReason": _kind(
            {
                "MANUAL": Term(
                    label("Escalated by hand"), label("Someone decided to escalate the case.")
                ),
                "SLA_BREACH": Term(
                    label("Overdue"), label("The case escalated itself when its deadline passed.")
                ),
                "BEYOND_AUTHORITY": Term(
                    label("Beyond authority"),
                    label("This level has no power to solve it; a higher one must."),
                ),
            }
        ),
        "Role": _kind(
            {
                "RESIDENT": Term(
                    label("Resident"), label("Lives in the area; reports problems and needs.")
                ),
                "NEIGHBOR_CHIEF": Term(
                    label("Neighbor chief"),
                    label("Elected by 5 to 15 neighboring households to serve them."),
                ),
                "GROUP_CHIEF": Term(
                    label("Group chief"), label("A resident who serves a residents' group.")
                ),
                "PIECE_CHIEF": Term(
                    label("Piece chief"), label("A resident who serves a piece of a grid.")
                ),
                "BUILDING_CHIEF": Term(
                    label("Building chief"), label("A resident who serves a building.")
                ),
                "GRID_MEMBER": Term(label("Grid member"), label("Staff who work in a grid.")),
                "GRID_CHIEF": Term(label("Grid chief"), label("Staff in charge of a grid.")),
                "COMMUNITY_STAFF": Term(
                    label("Community staff"), label("Works for the community's committee.")
                ),
                "COMMUNITY_SECRETARY": Term(
                    label("Community secretary"), label("Leads the community's work.")
                ),
                "STREET_STAFF": Term(label("Street staff"), label("Works for the street office.")),
                "DEPARTMENT_STAFF": Term(
                    label("Department staff"),
                    label("Works for a functional department that takes dispatched cases."),
                ),
                "RED_PARTNER_MEMBER": Term(
                    label("Red partner member"),
                    label("Acts for a red partner paired with a community."),
                ),
                "VOLUNTEER": Term(
                    label("Volunteer"),
                    label("Takes orders and serves at activities, earning points."),
                ),
                "DISTRICT_ADMIN": Term(
                    label("District admin"), label("Manages a district's units and people.")
                ),
                "PLATFORM_ADMIN": Term(
                    label("Platform admin"), label("Runs the platform and creates districts.")
                ),
            }
        ),
        "CareLevel": _kind(
            {
                "RED": Term(
                    label("Red"),
                    label("Most care (low income, alone, sick or disabled): visited most often."),
                ),
                "YELLOW": Term(label("Yellow"), label("Some care: visited regularly.")),
                "GREEN": Term(label("Green"), label("Little care: visited now and then.")),
                "NONE": Term(label("None"), label("No special needs.")),
            }
        ),
        "CommitmentStatus": _kind(
            {
                "PROMISED": Term(label("Promised"), label("Published and not yet kept.")),
                "FULFILLED": Term(
                    label("Kept"), label("Kept, as someone other than the promiser confirmed.")
                ),
                "LAPSED": Term(label("Lapsed"), label("Not kept by its due date.")),
            }
        ),
        "OrgUnitKind": _kind(
            {
                "DISTRICT": Term(label("District"), label("The top of the ladder: a district.")),
                "STREET": Term(label("Street"), label("A street office's area, in a district.")),
                "TOWN": Term(
                    label("Town"), label("A town or township: the rural rung beside a street.")
                ),
                "COMMUNITY": Term(
                    label("Community"), label("An urban residents' community, in a street.")
                ),
                "VILLAGE": Term(
                    label("Village"),
                    label("An administrative village: the rural rung beside a community."),
                ),
                "GRID": Term(label("Grid"), label("A part of a community that grid staff own.")),
                "PIECE": Term(label("Piece"), label("A part of a grid that a piece chief serves.")),
                "GROUP": Term(
                    label("Group"), label("A residents' group that a group chief serves.")
                ),
                "NEIGHBORHOOD": Term(
                    label("Neighborhood"),
                    label("5 to 15 households that elect a neighbor chief."),
                ),
                "BUILDING": Term(
                    label("Building"), label("A residential building that a building chief serves.")
                ),
            }
        ),
        "OrganizationKind": _kind(
            {
                "RED_PARTNER": Term(
                    label("Red partner"),
                    label("A company or public unit paired with a community, taking on work."),
                ),
                "DEPARTMENT": Term(
                    label("Department"),
                    label("A functional department (water, urban management, housing...)."),
                ),
                "PROPERTY_COMPANY": Term(
                    label("Property company"), label("Manages a residential estate.")
                ),
                "OWNERS_COMMITTEE": Term(
                    label("Owners' committee"), label("Elected by an estate's home owners.")
                ),
                "SOCIAL_ORG": Term(
                    label("Social organization"), label("A non-profit or volunteer organization.")
                ),
            }
        ),
        "CapPeriod": _kind(
            {
                "DAY": Term(label("Per day"), label("Awards counted per business day.")),
                "WEEK": Term(label("Per week"), label("Awards counted per business week.")),
                "MONTH": Term(label("Per month"), label("Awards counted per business month.")),
            }
        ),
        "EntryKind": _kind(
            {
                "AWARD": Term(label("Award"), label("Points earned for serving.")),
                "REVERSAL": Term(
                    label("Reversal"), label("Points taken back because their cause was undone.")
                ),
                "REDEMPTION": Term(label("Redemption"), label("Points spent on a reward.")),
                "REFUND": Term(
                    label("Refund"), label("Points given back for a cancelled redemption.")
                ),
                "ADJUSTMENT": Term(label("Adjustment"), label("A correction by an administrator.")),
            }
        ),
        "PeriodKind": _kind(
            {
                "WEEK": Term(label("Week"), label("A calendar week, Monday to Sunday.")),
                "MONTH": Term(label("Month"), label("A calendar month.")),
                "YEAR": Term(label("Year"), label("A calendar year.")),
                "ALL_TIME": Term(label("All time"), label("Everything since the start.")),
                "CUSTOM": Term(label("Custom"), label("Between two dates you choose.")),
            }
        ),
        "RedemptionStatus": _kind(
            {
                "REQUESTED": Term(
                    label("Requested"), label("Asked for; the points are already spent.")
                ),
                "FULFILLED": Term(label("Handed over"), label("The reward has been handed over.")),
                "CANCELLED": Term(
                    label("Cancelled"), label("Called off; the points have been refunded.")
                ),
            }
        ),
        "PhotoPurpose": _kind(
            {
                "REPORT": Term(label("Report"), label("A photo of the problem, on a report.")),
                "PROGRESS": Term(
                    label("Progress"), label("A photo of the work, on a progress note.")
                ),
                "RESOLUTION": Term(
                    label("Resolution"), label("A photo of the result, on the resolution.")
                ),
            }
        ),
        "Locale": _kind(
            {
                "ZH_CN": Term(
                    label("Simplified Chinese"), label("Chinese as written in mainland China.")
                ),
                "EN": Term(label("English"), label("English, the language texts are written in.")),
            }
        ),
        "NoticeKind": _kind(
            {
                "CASE_REPORTED_IN_AREA": Term(
                    label("New case in your area"),
                    label("A case was reported in the area you serve."),
                ),
                "CASE_ASSIGNED_TO_YOU": Term(
                    label("Case assigned to you"), label("You now answer for a case.")
                ),
                "CASE_ASSIGNED": Term(
                    label("Case assigned"),
                    label("A case you reported or follow has someone answering for it."),
                ),
                "CASE_ESCALATED": Term(
                    label("Case escalated"),
                    label("A case you reported or follow went up the ladder."),
                ),
                "CASE_RESOLVED": Term(
                    label("Case resolved"),
                    label("A case you reported or follow was resolved."),
                ),
                "CASE_CLOSED": Term(
                    label("Case closed"), label("A case you reported or follow was closed.")
                ),
                "CASE_REOPENED": Term(
                    label("Case reopened"),
                    label("A case you answer for or follow went back to work."),
                ),
                "ORDER_POSTED_NEARBY": Term(
                    label("New order nearby"),
                    label("An order was posted on the board in the area you serve."),
                ),
            }
        ),
        "NoticeChannel": _kind(
            {
                "EMAIL": Term(label("Email"), label("Notices sent to your email address.")),
                "SMS": Term(label("SMS"), label("Notices sent as text messages to your phone.")),
                "WECHAT": Term(
                    label("WeChat message"),
                    label("Notices sent as WeChat subscription messages."),
                ),
            }
        ),
    }
)
