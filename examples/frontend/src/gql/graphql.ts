/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** Date (isoformat) */
  Date: { input: string; output: string; }
  /** Date with time (isoformat) */
  DateTime: { input: string; output: string; }
  /** Decimal (fixed-point) */
  Decimal: { input: any; output: any; }
  join__FieldSet: { input: any; output: any; }
  join__FieldValue: { input: any; output: any; }
  link__Import: { input: any; output: any; }
};

/** Take up a reported case, or report for duty on a dispatched one. */
export type AcceptCaseInput = {
  /** The case. */
  caseId: Scalars['ID']['input'];
  /** The version you saw; if the case changed since, you get CONFLICT. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
};

/** Which of a unit's activities to list. */
export type ActivityFilter = {
  /** Only these kinds. */
  kinds?: InputMaybe<Array<ActivityKind>>;
  /** Only activities taking place in the business week (Monday to Sunday) that contains this date, e.g. today for this week's. */
  week?: InputMaybe<Scalars['Date']['input']>;
};

/** What kind of activity it is. */
export enum ActivityKind {
  Activity = 'ACTIVITY',
  ServiceDay = 'SERVICE_DAY'
}

/** Photos you uploaded, to add to an activity you organize. */
export type AddActivityPhotosInput = {
  /** The activity. */
  activityId: Scalars['ID']['input'];
  /** Ids from requestActivityPhotoUpload that you uploaded. */
  mediaIds: Array<Scalars['ID']['input']>;
};

/** An item to add to a meeting's agenda. */
export type AddAgendaItemInput = {
  /** Background and options. */
  description?: Scalars['String']['input'];
  /** The meeting. */
  meetingId: Scalars['ID']['input'];
  /** What is to be discussed. */
  title: Scalars['String']['input'];
};

/** A person joins an organization. */
export type AddOrganizationMemberInput = {
  /** The organization. */
  organizationId: Scalars['ID']['input'];
  /** The new member. */
  personId: Scalars['ID']['input'];
  /** Their title there. */
  title?: InputMaybe<Scalars['String']['input']>;
};

/** People to add to a volunteer team. */
export type AddTeamMemberInput = {
  /** Who joins (at most 100 at a time; each is added once). */
  personIds: Array<Scalars['ID']['input']>;
  /** The team. */
  teamId: Scalars['ID']['input'];
};

/** A manual correction of a balance by community staff. */
export type AdjustPointsInput = {
  /** Points to add (positive) or take (negative); never below a zero balance. */
  delta: Scalars['Int']['input'];
  /** Whose balance. */
  personId: Scalars['ID']['input'];
  /** Why; required and kept in the ledger. */
  reason: Scalars['String']['input'];
};

/** Open, or decided. */
export enum AgendaItemStatus {
  Decided = 'DECIDED',
  Open = 'OPEN'
}

/** Your household's (or your) answers to a survey. */
export type AnswerSurveyInput = {
  /** One per question answered. */
  answers: Array<SurveyAnswerInput>;
  /** The survey. */
  surveyId: Scalars['ID']['input'];
};

/** Assign a case to someone who serves its area. */
export type AssignCaseInput = {
  /** Who will work it. */
  assigneeId: Scalars['ID']['input'];
  /** The case. */
  caseId: Scalars['ID']['input'];
  /** The version you saw; if the case changed since, you get CONFLICT. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
};

/** Give a person a role over an org unit's subtree, for a term. */
export type AssignRoleInput = {
  /** Where. */
  orgUnitId: Scalars['ID']['input'];
  /** On behalf of which organization (department, red partner). */
  organizationId?: InputMaybe<Scalars['ID']['input']>;
  /** Who. */
  personId: Scalars['ID']['input'];
  /** Which role (NEIGHBOR_CHIEF: recordElection). */
  role: Role;
  /** Start; default now. */
  since?: InputMaybe<Scalars['DateTime']['input']>;
  /** End, if fixed. */
  until?: InputMaybe<Scalars['DateTime']['input']>;
};

/** A survey whose results an agenda item discusses. */
export type AttachSurveyInput = {
  /** The agenda item (still open). */
  itemId: Scalars['ID']['input'];
  /** The meeting. */
  meetingId: Scalars['ID']['input'];
  /** The survey, of the meeting's unit or above or below it; null detaches. */
  surveyId?: InputMaybe<Scalars['ID']['input']>;
};

/** A map view: between two parallels and two meridians (WGS-84). */
export type BoxInput = {
  /** Eastern edge (longitude); at most 2 degrees from the western one, and not across 180°. */
  east: Scalars['Float']['input'];
  /** Northern edge (latitude). */
  north: Scalars['Float']['input'];
  /** Southern edge (latitude). */
  south: Scalars['Float']['input'];
  /** Western edge (longitude). */
  west: Scalars['Float']['input'];
};

/** Cancel an open or funded plan, with the reason. */
export type CancelCostSharePlanInput = {
  /** The plan. */
  planId: Scalars['ID']['input'];
  /** Why it is cancelled. */
  reason: Scalars['String']['input'];
};

/** Cancel a redemption not yet handed over: refund and restock. */
export type CancelRedemptionInput = {
  /** The redemption. */
  id: Scalars['ID']['input'];
};

/** An activity to give up your place in. */
export type CancelSignUpInput = {
  /** The activity. */
  activityId: Scalars['ID']['input'];
};

/** The business day, week or month a cap counts awards in. */
export enum CapPeriod {
  Day = 'DAY',
  Month = 'MONTH',
  Week = 'WEEK'
}

/** How much care a household needs; sets its visit frequency. */
export enum CareLevel {
  Green = 'GREEN',
  None = 'NONE',
  Red = 'RED',
  Yellow = 'YELLOW'
}

/** What a case is about. */
export enum CaseCategory {
  ElderlyCare = 'ELDERLY_CARE',
  Environment = 'ENVIRONMENT',
  Infrastructure = 'INFRASTRUCTURE',
  MarketVendors = 'MARKET_VENDORS',
  NeighborDispute = 'NEIGHBOR_DISPUTE',
  Other = 'OTHER',
  ParkingTraffic = 'PARKING_TRAFFIC',
  PropertyManagement = 'PROPERTY_MANAGEMENT',
  PublicSafety = 'PUBLIC_SAFETY',
  SewageWater = 'SEWAGE_WATER',
  Suggestion = 'SUGGESTION'
}

/** How a case came in. */
export enum CaseChannel {
  App = 'APP',
  Hotline = 'HOTLINE',
  Meeting = 'MEETING',
  Visit = 'VISIT',
  Wechat = 'WECHAT'
}

/** What an export holds: the figures of `caseStats`, or the list of cases. */
export enum CaseExportContent {
  Cases = 'CASES',
  Statistics = 'STATISTICS'
}

/** XLSX (a workbook) or CSV (UTF-8 with a byte-order mark, for Excel). */
export enum CaseExportFormat {
  Csv = 'CSV',
  Xlsx = 'XLSX'
}

/** Narrows a list of cases; all given conditions apply. */
export type CaseFilter = {
  /** Assigned to this person. */
  assigneeId?: InputMaybe<Scalars['ID']['input']>;
  /** Any of these categories. */
  category?: InputMaybe<Array<CaseCategory>>;
  /** Reported at or after this time. */
  createdFrom?: InputMaybe<Scalars['DateTime']['input']>;
  /** Reported before this time. */
  createdTo?: InputMaybe<Scalars['DateTime']['input']>;
  /** At any of these rungs. */
  level?: InputMaybe<Array<CaseLevel>>;
  /** Placed within this distance of a point; cases without a point never match. */
  near?: InputMaybe<NearInput>;
  /** Raised in this org unit's subtree (the unit included). */
  orgUnitId?: InputMaybe<Scalars['ID']['input']>;
  /** Dispatched to or taken by this organization. */
  organizationId?: InputMaybe<Scalars['ID']['input']>;
  /** Open and past their deadline (true) or not (false). */
  overdue?: InputMaybe<Scalars['Boolean']['input']>;
  /** Any of these priorities. */
  priority?: InputMaybe<Array<CasePriority>>;
  /** Reported by this person. */
  reporterId?: InputMaybe<Scalars['ID']['input']>;
  /** Any of these. */
  status?: InputMaybe<Array<CaseStatus>>;
  /** Whose title or description holds every word of this text: Latin words whole (case-insensitive), Chinese as overlapping pairs of characters (`下水道`: 下水 and 水道; one character alone matches it anywhere); Chinese digits match Arabic ones. At most 100 characters. */
  text?: InputMaybe<Scalars['String']['input']>;
  /** Placed within this box (a map view); cases without a point never match. */
  within?: InputMaybe<BoxInput>;
};

/** A rung of the ladder, lowest first. */
export enum CaseLevel {
  Community = 'COMMUNITY',
  District = 'DISTRICT',
  Grid = 'GRID',
  Group = 'GROUP',
  Street = 'STREET'
}

/** How urgent a case is. */
export enum CasePriority {
  High = 'HIGH',
  Low = 'LOW',
  Normal = 'NORMAL',
  Urgent = 'URGENT'
}

/** Order of a list of cases. */
export enum CaseSort {
  Created = 'CREATED',
  Due = 'DUE',
  Updated = 'UPDATED'
}

/** Where a case stands. */
export enum CaseStatus {
  Accepted = 'ACCEPTED',
  Assigned = 'ASSIGNED',
  Closed = 'CLOSED',
  InDeliberation = 'IN_DELIBERATION',
  InProgress = 'IN_PROGRESS',
  OnOrderBoard = 'ON_ORDER_BOARD',
  Rejected = 'REJECTED',
  Reported = 'REPORTED',
  Resolved = 'RESOLVED'
}

/** Your household's vote on an agenda item. */
export type CastVoteInput = {
  /** For, against, or abstain. */
  choice: VoteChoice;
  /** The agenda item. */
  itemId: Scalars['ID']['input'];
  /** The meeting. */
  meetingId: Scalars['ID']['input'];
};

/** Hours for a category (and optionally one priority of it). */
export type CategoryHoursInput = {
  /** The category. */
  category: CaseCategory;
  /** The count to the deadline: hours, or working days when `unit` is WORKING_DAYS (0 = the end of the same working day). */
  hours: Scalars['Int']['input'];
  /** Only for this priority; every priority when omitted. */
  priority?: InputMaybe<CasePriority>;
  /** What `hours` counts; hours when omitted. */
  unit?: SlaUnit;
};

/** Close a resolved case. */
export type CloseCaseInput = {
  /** The case. */
  caseId: Scalars['ID']['input'];
  /** The version you saw; if the case changed since, you get CONFLICT. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Why, if not rated. */
  note?: InputMaybe<Scalars['String']['input']>;
};

/** Close a meeting: it takes no more votes, decisions or agenda. */
export type CloseMeetingInput = {
  /** The meeting. */
  meetingId: Scalars['ID']['input'];
  /** Its minutes, if not recorded yet. */
  minutes?: InputMaybe<Scalars['String']['input']>;
};

/** Add a comment to a case's timeline. */
export type CommentOnCaseInput = {
  /** The case. */
  caseId: Scalars['ID']['input'];
  /** The version you saw; if the case changed since, you get CONFLICT. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Photos of the progress: ids from requestPhotoUpload that you uploaded. */
  mediaIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** The comment. */
  text: Scalars['String']['input'];
};

/** Where a commitment stands. */
export enum CommitmentStatus {
  Fulfilled = 'FULFILLED',
  Lapsed = 'LAPSED',
  Promised = 'PROMISED'
}

/** The organizer's confirmation that a volunteer served (never one's own). */
export type ConfirmAttendanceInput = {
  /** The activity. */
  activityId: Scalars['ID']['input'];
  /** Minutes served (1 to 720). */
  minutesServed: Scalars['Int']['input'];
  /** The date served: one the activity takes place on, today or earlier. */
  on: Scalars['Date']['input'];
  /** The volunteer, who signed up. */
  personId: Scalars['ID']['input'];
};

/** Confirm that a commitment claimed fulfilled was kept: someone serving its unit, never the promiser. */
export type ConfirmCommitmentInput = {
  /** The commitment. */
  commitmentId: Scalars['ID']['input'];
};

/** Confirm a visit: a member of the household visited, or someone else serving it; never the visitor. */
export type ConfirmVisitInput = {
  /** The visit logged. */
  visitId: Scalars['ID']['input'];
};

/** A change in a plan's audit trail. */
export enum CostShareAction {
  Cancelled = 'CANCELLED',
  Covered = 'COVERED',
  Created = 'CREATED',
  Funded = 'FUNDED',
  Paid = 'PAID',
  Pledged = 'PLEDGED',
  Spent = 'SPENT'
}

/** A household in a cost-sharing plan. */
export type CostShareHouseholdInput = {
  /** Its floor area in square metres, at most two decimals (BY_AREA only). */
  areaM2?: InputMaybe<Scalars['Decimal']['input']>;
  /** The household. */
  householdId: Scalars['ID']['input'];
};

/** How a plan's shares are set: equally, by floor area, or as each pledges. */
export enum CostShareMethod {
  ByArea = 'BY_AREA',
  Equal = 'EQUAL',
  Pledged = 'PLEDGED'
}

/** Which of a unit's cost-sharing plans to list. */
export type CostSharePlanFilter = {
  /** Only plans in these states (e.g. OPEN). */
  states?: InputMaybe<Array<CostSharePlanState>>;
};

/** Open, funded, spent or cancelled. */
export enum CostSharePlanState {
  Cancelled = 'CANCELLED',
  Funded = 'FUNDED',
  Open = 'OPEN',
  Spent = 'SPENT'
}

/** An organization (a red partner) covering what a plan still misses: recorded by staff or by the organization's member. */
export type CoverShortfallInput = {
  /** What it covers, in fen, at most the shortfall; by default all of it. */
  amountFen?: InputMaybe<Scalars['Int']['input']>;
  /** The organization. */
  organizationId: Scalars['ID']['input'];
  /** The plan. */
  planId: Scalars['ID']['input'];
};

/** An activity or service day to hold at an org unit. */
export type CreateActivityInput = {
  /** How many volunteers may sign up (1 to 500). */
  capacity: Scalars['Int']['input'];
  /** What volunteers do. */
  description?: Scalars['String']['input'];
  /** When its first occurrence ends. */
  endsAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** Service day or other activity. */
  kind: ActivityKind;
  /** Where volunteers gather. */
  location?: Scalars['String']['input'];
  /** Where it is held. */
  orgUnitId: Scalars['ID']['input'];
  /** Where it is held on the map (WGS-84); `location` stays the words for it. */
  point?: InputMaybe<GeoPointInput>;
  /** Weekly repetition, e.g. every Tuesday; none for one date. */
  recurrence?: InputMaybe<RecurrenceInput>;
  /** When it (first) takes place. */
  startsAt: Scalars['DateTime']['input'];
  /** The volunteer team running it; its leader may organize it. */
  teamId?: InputMaybe<Scalars['ID']['input']>;
  /** What it is called, e.g. `Good Neighbor Service Day`. */
  title: Scalars['String']['input'];
};

/** A cost-sharing plan to draw up, for a case (`caseId` and `orgUnitId`) or for a meeting's agenda item (`meetingId` and `agendaItemId`). */
export type CreateCostSharePlanInput = {
  /** The agenda item. */
  agendaItemId?: InputMaybe<Scalars['ID']['input']>;
  /** The case. */
  caseId?: InputMaybe<Scalars['ID']['input']>;
  /** The households in it, 1 to 300, each once. */
  households: Array<CostShareHouseholdInput>;
  /** The meeting whose agenda item it pays for. */
  meetingId?: InputMaybe<Scalars['ID']['input']>;
  /** EQUAL: the total split among the households (the fen left over go one each to the first listed). BY_AREA: in proportion to floor area (likewise). PLEDGED: each household pledges what it chooses. */
  method: CostShareMethod;
  /** Where a case's plan is drawn up. */
  orgUnitId?: InputMaybe<Scalars['ID']['input']>;
  /** What it pays for. */
  title: Scalars['String']['input'];
  /** What it costs, in fen (CNY), more than 0 and at most 2,000,000,000. */
  totalFen: Scalars['Int']['input'];
};

/** A household at an address inside an org unit. */
export type CreateHouseholdInput = {
  /** Street address, unit and room. */
  address: Scalars['String']['input'];
  /** What it needs help with. */
  needs?: Array<Scalars['String']['input']>;
  /** Where it is, usually a neighborhood or building. */
  orgUnitId: Scalars['ID']['input'];
};

/** Up to 200 households created together: all or none. */
export type CreateHouseholdsInput = {
  /** The households. */
  households: Array<CreateHouseholdInput>;
};

/** A new org unit under an existing parent (none for a district). */
export type CreateOrgUnitInput = {
  /** Must rank below the parent's kind. */
  kind: OrgUnitKind;
  /** Unique among the parent's children. */
  name: Scalars['String']['input'];
  /** The unit one rung up; omit only for a district. */
  parentId?: InputMaybe<Scalars['ID']['input']>;
};

/** An organization registered in an org unit. */
export type CreateOrganizationInput = {
  /** What sort of organization. */
  kind: OrganizationKind;
  /** Unique within the org unit. */
  name: Scalars['String']['input'];
  /** Where it is registered; whoever manages that unit manages it. */
  orgUnitId: Scalars['ID']['input'];
};

/** A new reward in a community's catalog. */
export type CreateRewardInput = {
  /** Offered at once. */
  active?: Scalars['Boolean']['input'];
  /** Points per item. */
  cost: Scalars['Int']['input'];
  /** Unique in the catalog, e.g. `5 kg rice`. */
  name: Scalars['String']['input'];
  /** The community. */
  orgUnitId: Scalars['ID']['input'];
  /** Items available. */
  stock: Scalars['Int']['input'];
};

/** A survey to draft for an org unit's households or residents. */
export type CreateSurveyInput = {
  /** Keep answers without who gave them, even from staff. */
  anonymous?: Scalars['Boolean']['input'];
  /** The last day it takes answers (business time); it closes at that day's end. */
  closesOn: Scalars['Date']['input'];
  /** What it is for. */
  description?: Scalars['String']['input'];
  /** The first day it takes answers (business time). */
  opensOn: Scalars['Date']['input'];
  /** The unit it is for. */
  orgUnitId: Scalars['ID']['input'];
  /** 1 to 50 questions. */
  questions: Array<SurveyQuestionInput>;
  /** One answer per household (by any member living in the unit), or per resident. */
  respondents?: SurveyRespondents;
  /** What it is called, e.g. `Three Questions`. */
  title: Scalars['String']['input'];
};

/** A volunteer team to form at an org unit. */
export type CreateVolunteerTeamInput = {
  /** Its leader, its first member. */
  leaderId: Scalars['ID']['input'];
  /** What it is called, e.g. `Red volunteers`. */
  name: Scalars['String']['input'];
  /** Where it serves. */
  orgUnitId: Scalars['ID']['input'];
};

/** How an agenda item was decided. */
export enum DecisionMethod {
  Consensus = 'CONSENSUS',
  HouseholdVote = 'HOUSEHOLD_VOTE'
}

/** Adopted or rejected. */
export enum DecisionOutcome {
  Adopted = 'ADOPTED',
  Rejected = 'REJECTED'
}

/** The rule to delete; events processed afterwards ignore it. */
export type DeletePointRuleInput = {
  /** The rule's id. */
  id: Scalars['ID']['input'];
};

/** Which proposals of a deliberation list to show. */
export type DeliberationFilter = {
  /** Any of these; all when omitted. A decision moves its proposal to DECIDED in the list moments after it is recorded. */
  status?: InputMaybe<Array<ProposalStatus>>;
};

/** From the street up: hand a case to a department or red partner. */
export type DispatchCaseInput = {
  /** The case. */
  caseId: Scalars['ID']['input'];
  /** The version you saw; if the case changed since, you get CONFLICT. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** The organization that must report for duty. */
  organizationId: Scalars['ID']['input'];
};

/** Why a balance changed. */
export enum EntryKind {
  Adjustment = 'ADJUSTMENT',
  Award = 'AWARD',
  Redemption = 'REDEMPTION',
  Refund = 'REFUND',
  Reversal = 'REVERSAL'
}

/** Escalate a case. */
export type EscalateCaseInput = {
  /** The case. */
  caseId: Scalars['ID']['input'];
  /** The version you saw; if the case changed since, you get CONFLICT. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Why, for the next rung. */
  note?: InputMaybe<Scalars['String']['input']>;
  /** MANUAL or BEYOND_AUTHORITY. */
  reason?: EscalationReason;
  /** The rung to go to; the next one up when omitted. */
  toLevel?: InputMaybe<CaseLevel>;
};

/** Why a case climbed the ladder. */
export enum EscalationReason {
  BeyondAuthority = 'BEYOND_AUTHORITY',
  Manual = 'MANUAL',
  SlaBreach = 'SLA_BREACH'
}

/** A case to follow, unfollow or add your "me too" to. */
export type FollowCaseInput = {
  /** The case. */
  caseId: Scalars['ID']['input'];
};

/** Claim a commitment fulfilled, with evidence; it is FULFILLED (and earns) once someone else serving its unit confirms it (confirmCommitment). */
export type FulfillCommitmentInput = {
  /** The commitment. */
  commitmentId: Scalars['ID']['input'];
  /** What shows it was kept. */
  evidence: Scalars['String']['input'];
};

/** Staff handed the items of a redemption over. */
export type FulfillRedemptionInput = {
  /** The redemption. */
  id: Scalars['ID']['input'];
};

/** A place in WGS-84 degrees (GPS; convert GCJ-02 map picks first: docs/places.md). */
export type GeoPointInput = {
  /** How far the true place may be from the point, in metres. */
  accuracyMeters?: InputMaybe<Scalars['Float']['input']>;
  /** Latitude, -90 to 90. */
  lat: Scalars['Float']['input'];
  /** Longitude, -180 to 180. */
  lng: Scalars['Float']['input'];
};

/** A case that happened elsewhere, with its history. */
export type HistoricalCaseInput = {
  /** What it was about. */
  category: CaseCategory;
  /** How. */
  channel?: CaseChannel;
  /** Closing. */
  closedAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** The details. */
  description?: Scalars['String']['input'];
  /** Who handled. */
  handlerId?: InputMaybe<Scalars['ID']['input']>;
  /** In which role. */
  handlerRole?: InputMaybe<Scalars['String']['input']>;
  /** Where it was raised. */
  orgUnitId: Scalars['ID']['input'];
  /** Urgency. */
  priority?: CasePriority;
  /** The reporter's rating. */
  rating?: InputMaybe<Scalars['Int']['input']>;
  /** Your key for it: the same ref is imported once. */
  ref: Scalars['String']['input'];
  /** If rejected. */
  rejectedReason?: InputMaybe<Scalars['String']['input']>;
  /** When it was reported. */
  reportedAt: Scalars['DateTime']['input'];
  /** Reporter. */
  reporterId?: InputMaybe<Scalars['ID']['input']>;
  /** What was done. */
  resolution?: InputMaybe<Scalars['String']['input']>;
  /** Resolution. */
  resolvedAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** First response. */
  respondedAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** What the problem was. */
  title: Scalars['String']['input'];
};

/** Narrows a list of households; all given conditions apply. */
export type HouseholdFilter = {
  /** Only households at exactly this address. */
  address?: InputMaybe<Scalars['String']['input']>;
  /** Only households of this care level. */
  careLevel?: InputMaybe<CareLevel>;
  /** Only households whose next visit is overdue, most overdue first. */
  visitOverdue?: Scalars['Boolean']['input'];
  /** Only households in this unit's subtree (itself included). */
  within?: InputMaybe<Scalars['ID']['input']>;
};

/** Cases to import, at most 200 at a time. */
export type ImportCasesInput = {
  /** The cases. */
  cases: Array<HistoricalCaseInput>;
};

/** A household invited to vote, through its representative. */
export type InvitedHouseholdInput = {
  /** The household. */
  householdId: Scalars['ID']['input'];
  /** A member of the household who votes for it. */
  representativeId: Scalars['ID']['input'];
};

/** A language the graph answers in. */
export enum Locale {
  En = 'EN',
  ZhCn = 'ZH_CN'
}

/** A visit the caller paid to a household, at most 72 hours ago; it counts once a member of the household or someone else serving it confirms it (confirmVisit). */
export type LogVisitInput = {
  /** When; default now. */
  at?: InputMaybe<Scalars['DateTime']['input']>;
  /** The household visited. */
  householdId: Scalars['ID']['input'];
  /** Where the visit took place (WGS-84); optional. */
  location?: InputMaybe<GeoPointInput>;
  /** Photos of the visit: ids from requestVisitPhotoUpload that you uploaded. */
  mediaIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** What was found or done. */
  notes?: Scalars['String']['input'];
};

/** A phone number and its password. */
export type LoginInput = {
  /** The password. */
  password: Scalars['String']['input'];
  /** The mobile number registered. */
  phone: Scalars['String']['input'];
};

/** End a login: its refresh tokens stop working. */
export type LogoutInput = {
  /** Any refresh token of that login. */
  refreshToken: Scalars['String']['input'];
};

/** A party member publishes a commitment. */
export type MakeCommitmentInput = {
  /** When it is due. */
  dueBy: Scalars['DateTime']['input'];
  /** The party member; default the caller. */
  personId?: InputMaybe<Scalars['ID']['input']>;
  /** What is promised. */
  text: Scalars['String']['input'];
};

/** Mark your notices read: the ones listed, or all of them. */
export type MarkNoticesReadInput = {
  /** Mark every notice of yours read. */
  all?: Scalars['Boolean']['input'];
  /** Your notices to mark read (at most 100); others are ignored. */
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
};

/** Which of a unit's meetings to list. */
export type MeetingFilter = {
  /** Only these kinds. */
  kinds?: InputMaybe<Array<MeetingKind>>;
  /** Only meetings (first) taking place before this time. */
  startsBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only meetings (first) taking place at or after this time. */
  startsFrom?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only scheduled, or only closed, meetings. */
  status?: InputMaybe<MeetingStatus>;
};

/** What kind of meeting it is. */
export enum MeetingKind {
  Council = 'COUNCIL',
  DiscussionDay = 'DISCUSSION_DAY',
  MassMeeting = 'MASS_MEETING',
  NightTalk = 'NIGHT_TALK',
  SixPartyNegotiation = 'SIX_PARTY_NEGOTIATION'
}

/** Whether a meeting still takes changes. */
export enum MeetingStatus {
  Closed = 'CLOSED',
  Scheduled = 'SCHEDULED'
}

/** Move an org unit, with its whole subtree, under another parent. */
export type MoveOrgUnitInput = {
  /** Its new parent: ranks above it and is not inside its subtree. */
  newParentId: Scalars['ID']['input'];
  /** The unit to move. */
  orgUnitId: Scalars['ID']['input'];
};

/** Move a person to another household. */
export type MovePersonInput = {
  /** Their new household. */
  householdId: Scalars['ID']['input'];
  /** Who moves. */
  personId: Scalars['ID']['input'];
};

/** Within a distance of a point (WGS-84). */
export type NearInput = {
  /** Latitude of the centre. */
  lat: Scalars['Float']['input'];
  /** Longitude of the centre. */
  lng: Scalars['Float']['input'];
  /** Up to 20000 metres. */
  radiusMeters: Scalars['Float']['input'];
};

/** An outbound channel a notice can also go out on (the inbox always has it). */
export enum NoticeChannel {
  Email = 'EMAIL',
  Sms = 'SMS',
  Wechat = 'WECHAT'
}

/** What a notice is about. */
export enum NoticeKind {
  CaseAssigned = 'CASE_ASSIGNED',
  CaseAssignedToYou = 'CASE_ASSIGNED_TO_YOU',
  CaseClosed = 'CASE_CLOSED',
  CaseEscalated = 'CASE_ESCALATED',
  CaseReopened = 'CASE_REOPENED',
  CaseReportedInArea = 'CASE_REPORTED_IN_AREA',
  CaseResolved = 'CASE_RESOLVED',
  OrderPostedNearby = 'ORDER_POSTED_NEARBY'
}

/** Narrows a list of org units; all given conditions apply. */
export type OrgUnitFilter = {
  /** Only units of this kind. */
  kind?: InputMaybe<OrgUnitKind>;
  /** Only units with exactly this name. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Only the direct children of this unit. */
  parentId?: InputMaybe<Scalars['ID']['input']>;
  /** Only the top of the ladder. */
  rootsOnly?: Scalars['Boolean']['input'];
  /** Only units in this unit's subtree (the unit itself excluded). */
  within?: InputMaybe<Scalars['ID']['input']>;
};

/** A rung of the administrative ladder, highest first; a TOWN stands on the STREET rung and a VILLAGE on the COMMUNITY rung. */
export enum OrgUnitKind {
  Building = 'BUILDING',
  Community = 'COMMUNITY',
  District = 'DISTRICT',
  Grid = 'GRID',
  Group = 'GROUP',
  Neighborhood = 'NEIGHBORHOOD',
  Piece = 'PIECE',
  Street = 'STREET',
  Town = 'TOWN',
  Village = 'VILLAGE'
}

/** Narrows a list of organizations; all given conditions apply. */
export type OrganizationFilter = {
  /** Only this kind. */
  kind?: InputMaybe<OrganizationKind>;
  /** Only exactly this name. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Only those paired with this org unit. */
  pairedWith?: InputMaybe<Scalars['ID']['input']>;
  /** Only those registered in this unit's subtree. */
  within?: InputMaybe<Scalars['ID']['input']>;
};

/** What sort of organization it is. */
export enum OrganizationKind {
  Department = 'DEPARTMENT',
  OwnersCommittee = 'OWNERS_COMMITTEE',
  PropertyCompany = 'PROPERTY_COMPANY',
  RedPartner = 'RED_PARTNER',
  SocialOrg = 'SOCIAL_ORG'
}

/** Pair an organization (e.g. a red partner) with a community. */
export type PairOrganizationInput = {
  /** The unit it is paired with. */
  orgUnitId: Scalars['ID']['input'];
  /** The organization. */
  organizationId: Scalars['ID']['input'];
};

/** A leaderboard period (calendar periods are in the business time zone). */
export enum PeriodKind {
  AllTime = 'ALL_TIME',
  Custom = 'CUSTOM',
  Month = 'MONTH',
  Week = 'WEEK',
  Year = 'YEAR'
}

/** Narrows a list of people; all given conditions apply. */
export type PersonFilter = {
  /** Only the members of this household. */
  householdId?: InputMaybe<Scalars['ID']['input']>;
  /** Only names starting with this, or whose pinyin or pinyin initials do: 张三 is found by '张', 'zhangsan', 'Zhang San' and 'zs'. Text with Chinese characters matches the name only. */
  nameStartsWith?: InputMaybe<Scalars['String']['input']>;
  /** Only party members (true) or only others (false). */
  partyMember?: InputMaybe<Scalars['Boolean']['input']>;
  /** Only phone numbers starting with this. */
  phoneStartsWith?: InputMaybe<Scalars['String']['input']>;
  /** Only people living or serving in this unit's subtree. */
  within?: InputMaybe<Scalars['ID']['input']>;
};

/** What an uploaded photo is for. */
export enum PhotoPurpose {
  Progress = 'PROGRESS',
  Report = 'REPORT',
  Resolution = 'RESOLUTION'
}

/** Your household's pledge to a plan (replacing its earlier pledge while the plan is open). */
export type PledgeInput = {
  /** What it pledges, in fen, more than 0; by default its share (EQUAL, BY_AREA). */
  amountFen?: InputMaybe<Scalars['Int']['input']>;
  /** Your own household. */
  householdId: Scalars['ID']['input'];
  /** The plan. */
  planId: Scalars['ID']['input'];
};

/** Post a case on the order board. */
export type PostOrderInput = {
  /** The case. */
  caseId: Scalars['ID']['input'];
  /** The version you saw; if the case changed since, you get CONFLICT. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
};

/** Hours for a priority. */
export type PriorityHoursInput = {
  /** The count to the deadline: hours, or working days when `unit` is WORKING_DAYS (0 = the end of the same working day). */
  hours: Scalars['Int']['input'];
  /** The priority. */
  priority: CasePriority;
  /** What `hours` counts; hours when omitted. */
  unit?: SlaUnit;
};

/** Where a deliberation proposal came from. */
export enum ProposalSource {
  Case = 'CASE',
  Resident = 'RESIDENT'
}

/** Where a deliberation proposal stands. */
export enum ProposalStatus {
  Decided = 'DECIDED',
  OnAgenda = 'ON_AGENDA',
  Proposed = 'PROPOSED'
}

/** An item a resident proposes for the unit's meetings. */
export type ProposeDeliberationItemInput = {
  /** Background and options. */
  description?: Scalars['String']['input'];
  /** The unit (where you live). */
  orgUnitId: Scalars['ID']['input'];
  /** What should be decided. */
  title: Scalars['String']['input'];
};

/** Publish a new version of a unit's list. */
export type PublishListInput = {
  /** Its entries, in order (1 to 50). */
  entries: Array<Scalars['String']['input']>;
  /** The version you read (0 for none): a newer one is a CONFLICT. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Which list. */
  kind: PublishedListKind;
  /** The unit. */
  orgUnitId: Scalars['ID']['input'];
  /** Its heading. */
  title: Scalars['String']['input'];
};

/** Which of a unit's lists. */
export enum PublishedListKind {
  Negative = 'NEGATIVE',
  Responsibility = 'RESPONSIBILITY'
}

/** Put a proposal of the deliberation list on a meeting's agenda. */
export type PutProposalOnAgendaInput = {
  /** A meeting held at the proposal's unit or above it. */
  meetingId: Scalars['ID']['input'];
  /** The proposal. */
  proposalId: Scalars['ID']['input'];
};

/** Quiet hours in business time (Beijing time), `HH:MM` each. */
export type QuietHoursInput = {
  /** When they end, e.g. `07:00` (the next morning). */
  end: Scalars['String']['input'];
  /** When they start, e.g. `22:00`. */
  start: Scalars['String']['input'];
};

/** Rate a resolved case. */
export type RateCaseInput = {
  /** The case. */
  caseId: Scalars['ID']['input'];
  /** What you think. */
  comment?: InputMaybe<Scalars['String']['input']>;
  /** The version you saw; if the case changed since, you get CONFLICT. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** 1 (bad) to 5 (excellent); 1-2 reopens the case. */
  score: Scalars['Int']['input'];
};

/** People present at a meeting. */
export type RecordAttendanceInput = {
  /** The meeting. */
  meetingId: Scalars['ID']['input'];
  /** Who is present (at most 200 at a time; each is recorded once). */
  personIds: Array<Scalars['ID']['input']>;
};

/** The decision on an agenda item. */
export type RecordDecisionInput = {
  /** The agenda item. */
  itemId: Scalars['ID']['input'];
  /** The meeting. */
  meetingId: Scalars['ID']['input'];
  /** CONSENSUS: recorded as agreed. HOUSEHOLD_VOTE: the households' votes decide, and only with a quorum. */
  method: DecisionMethod;
  /** What the meeting agreed (CONSENSUS only; a vote's outcome is its count's). */
  outcome?: DecisionOutcome;
  /** What was decided. */
  text: Scalars['String']['input'];
};

/** The households of a neighborhood (5-15) elected a neighbor chief. */
export type RecordElectionInput = {
  /** The elected resident. */
  chiefId: Scalars['ID']['input'];
  /** The day of the vote. */
  heldOn: Scalars['Date']['input'];
  /** Households that voted (a majority). */
  householdsVoting: Scalars['Int']['input'];
  /** The NEIGHBORHOOD. */
  neighborhoodId: Scalars['ID']['input'];
};

/** A meeting's minutes (replacing any recorded before). */
export type RecordMinutesInput = {
  /** The meeting. */
  meetingId: Scalars['ID']['input'];
  /** The minutes, at most 20,000 characters. */
  minutes: Scalars['String']['input'];
};

/** A payment a household made towards a plan, as staff record it (no money moves here). */
export type RecordPaymentInput = {
  /** What it paid, in fen, more than 0. */
  amountFen: Scalars['Int']['input'];
  /** The household that paid. */
  householdId: Scalars['ID']['input'];
  /** A receipt number or remark. */
  note?: Scalars['String']['input'];
  /** The plan. */
  planId: Scalars['ID']['input'];
};

/** What a funded plan's money was spent on, as staff record it: the plan becomes SPENT. */
export type RecordSpendingInput = {
  /** What was spent, in fen, more than 0. */
  amountFen: Scalars['Int']['input'];
  /** On what, e.g. the contractor's invoice. */
  note?: Scalars['String']['input'];
  /** The plan. */
  planId: Scalars['ID']['input'];
};

/** A meeting that repeats every week, e.g. every Friday. */
export type RecurrenceInput = {
  /** The last date it may take place on; none for no end. */
  until?: InputMaybe<Scalars['Date']['input']>;
  /** The day it repeats on; the first meeting must fall on it (business time). */
  weekday: Weekday;
};

/** Exchange your points for a reward. */
export type RedeemRewardInput = {
  /** How many items, 1 to 100. */
  quantity?: Scalars['Int']['input'];
  /** The reward. */
  rewardId: Scalars['ID']['input'];
};

/** Narrows a list of redemptions; all given conditions apply. */
export type RedemptionFilter = {
  /** Only those of catalogs in this unit's subtree (staff). */
  orgUnitId?: InputMaybe<Scalars['ID']['input']>;
  /** Only this person's (yours when nothing else is given). */
  personId?: InputMaybe<Scalars['ID']['input']>;
  /** Only those with this status. */
  status?: InputMaybe<RedemptionStatus>;
};

/** Where a redemption stands. */
export enum RedemptionStatus {
  Cancelled = 'CANCELLED',
  Fulfilled = 'FULFILLED',
  Requested = 'REQUESTED'
}

/** A refresh token, used once. */
export type RefreshTokenInput = {
  /** From login or the last refresh. */
  refreshToken: Scalars['String']['input'];
};

/** Up to 200 people registered together: all or none. */
export type RegisterPeopleInput = {
  /** The people. */
  people: Array<RegisterPersonInput>;
};

/** A person living in a household, or serving an org unit. */
export type RegisterPersonInput = {
  /** The household they live in. */
  householdId?: InputMaybe<Scalars['ID']['input']>;
  /** Full name. */
  name: Scalars['String']['input'];
  /** Where they serve, for someone not registered in a household here. */
  orgUnitId?: InputMaybe<Scalars['ID']['input']>;
  /** Party member. */
  partyMember?: Scalars['Boolean']['input'];
  /** An initial password, to let them log in. */
  password?: InputMaybe<Scalars['String']['input']>;
  /** Mobile number (11 digits); unique, used to log in. */
  phone?: InputMaybe<Scalars['String']['input']>;
};

/** Reject a case as duplicate or out of scope. */
export type RejectCaseInput = {
  /** The case. */
  caseId: Scalars['ID']['input'];
  /** The version you saw; if the case changed since, you get CONFLICT. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Why it is rejected. */
  reason: Scalars['String']['input'];
};

/** A new name for an org unit. */
export type RenameOrgUnitInput = {
  /** Unique among its siblings. */
  name: Scalars['String']['input'];
  /** The unit to rename. */
  orgUnitId: Scalars['ID']['input'];
};

/** Reopen a resolved or closed case (the reporter within 7 days). */
export type ReopenCaseInput = {
  /** The case. */
  caseId: Scalars['ID']['input'];
  /** The version you saw; if the case changed since, you get CONFLICT. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** What is still wrong. */
  reason: Scalars['String']['input'];
};

/** A new case. */
export type ReportCaseInput = {
  /** A more precise place. */
  address?: InputMaybe<Scalars['String']['input']>;
  /** Report without a name; nobody can rate it then. */
  anonymous?: Scalars['Boolean']['input'];
  /** What it is about. */
  category: CaseCategory;
  /** How it came in. */
  channel?: CaseChannel;
  /** The details. */
  description?: Scalars['String']['input'];
  /** Where, in WGS-84 (GPS); staff and the reporter see it, neighbours never. */
  location?: InputMaybe<GeoPointInput>;
  /** Photos of the problem: ids from requestPhotoUpload that you uploaded. */
  mediaIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Where: the lowest unit known. */
  orgUnitId: Scalars['ID']['input'];
  /** How urgent it is. */
  priority?: CasePriority;
  /** Staff only: the resident this is reported on behalf of. */
  reporterId?: InputMaybe<Scalars['ID']['input']>;
  /** What the problem is, in a line. */
  title: Scalars['String']['input'];
  /** Place the case where the first photo with a GPS position was taken. The position is never shown with the photo (its EXIF is removed for everyone). */
  usePhotoLocation?: Scalars['Boolean']['input'];
};

/** Apply the rules in force to every awarding event consumed so far. */
export type ReprocessEventsInput = {
  /** Must be true. */
  confirm: Scalars['Boolean']['input'];
};

/** Ask for a place to upload one photo. */
export type RequestPhotoUploadInput = {
  /** What the photo is for. */
  purpose?: PhotoPurpose;
};

/** Record what was done; the reporter is asked to rate it. */
export type ResolveCaseInput = {
  /** The case. */
  caseId: Scalars['ID']['input'];
  /** The version you saw; if the case changed since, you get CONFLICT. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Photos of the result (after): ids from requestPhotoUpload that you uploaded. */
  mediaIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** What was done. */
  resolution: Scalars['String']['input'];
};

/** Items added to a reward's stock. */
export type RestockRewardInput = {
  /** The reward. */
  id: Scalars['ID']['input'];
  /** How many items arrived (1 or more). */
  quantity: Scalars['Int']['input'];
};

/** End a role assignment now. */
export type RevokeRoleInput = {
  /** The assignment to end. */
  roleAssignmentId: Scalars['ID']['input'];
};

/** A role held over an org unit's whole subtree. */
export enum Role {
  BuildingChief = 'BUILDING_CHIEF',
  CommunitySecretary = 'COMMUNITY_SECRETARY',
  CommunityStaff = 'COMMUNITY_STAFF',
  DepartmentStaff = 'DEPARTMENT_STAFF',
  DistrictAdmin = 'DISTRICT_ADMIN',
  GridChief = 'GRID_CHIEF',
  GridMember = 'GRID_MEMBER',
  GroupChief = 'GROUP_CHIEF',
  NeighborChief = 'NEIGHBOR_CHIEF',
  PieceChief = 'PIECE_CHIEF',
  PlatformAdmin = 'PLATFORM_ADMIN',
  RedPartnerMember = 'RED_PARTNER_MEMBER',
  Resident = 'RESIDENT',
  StreetStaff = 'STREET_STAFF',
  Volunteer = 'VOLUNTEER'
}

/** A meeting to schedule at an org unit. */
export type ScheduleMeetingInput = {
  /** When it should end. */
  endsAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** Households invited (at most 300). */
  households?: Array<InvitedHouseholdInput>;
  /** What kind of meeting. */
  kind: MeetingKind;
  /** Where people gather. */
  location?: Scalars['String']['input'];
  /** Where it is held. */
  orgUnitId: Scalars['ID']['input'];
  /** Organizations invited (at most 30). */
  organizationIds?: Array<Scalars['ID']['input']>;
  /** Weekly repetition; none for a single meeting. */
  recurrence?: InputMaybe<RecurrenceInput>;
  /** When it (first) takes place. */
  startsAt: Scalars['DateTime']['input'];
  /** What it is called, e.g. `Friday discussion day`. */
  title: Scalars['String']['input'];
};

/** Send a case to deliberation. */
export type SendCaseToDeliberationInput = {
  /** The case. */
  caseId: Scalars['ID']['input'];
  /** The version you saw; if the case changed since, you get CONFLICT. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** Why a meeting must decide it. */
  reason: Scalars['String']['input'];
};

/** A household's care level and, optionally, its needs. */
export type SetCareLevelInput = {
  /** RED, YELLOW, GREEN or NONE. */
  careLevel: CareLevel;
  /** The household. */
  householdId: Scalars['ID']['input'];
  /** Replaces the needs when given. */
  needs?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** Your notice preferences, replacing the ones you had. */
export type SetNoticePreferencesInput = {
  /** Outbound channels besides the inbox; each needs its address below. */
  channels?: Array<NoticeChannel>;
  /** Where email notices go. */
  email?: InputMaybe<Scalars['String']['input']>;
  /** The language of outbound notices; unset: the request's. */
  locale?: InputMaybe<Locale>;
  /** Kinds you do not want at all. */
  mutedKinds?: Array<NoticeKind>;
  /** Where SMS notices go. */
  phone?: InputMaybe<Scalars['String']['input']>;
  /** None: outbound notices go at any hour. */
  quietHours?: InputMaybe<QuietHoursInput>;
  /** Your openid for WeChat subscription messages. */
  wechatOpenId?: InputMaybe<Scalars['String']['input']>;
};

/** Your own password (give the current one), or, for an administrator, the password of someone whose roles you could have granted. */
export type SetPasswordInput = {
  /** Your current password, when changing your own. */
  currentPassword?: InputMaybe<Scalars['String']['input']>;
  /** 8 to 128 characters. */
  newPassword: Scalars['String']['input'];
  /** Whose password; default your own. */
  personId?: InputMaybe<Scalars['ID']['input']>;
};

/** A rule for an occasion; setting one for the same occasion and narrowing replaces it. The most specific matching rule applies. */
export type SetPointRuleInput = {
  /** The business DAY (default), WEEK or MONTH a cap counts in. */
  capPeriod?: InputMaybe<CapPeriod>;
  /** Only visits to households of this care level. */
  careLevel?: InputMaybe<Scalars['String']['input']>;
  /** Only this case category. */
  category?: InputMaybe<Scalars['String']['input']>;
  /** What it rewards, in words. */
  description?: Scalars['String']['input'];
  /** case.closed, order.taken, visit.logged, commitment.fulfilled or activity.attended. */
  eventType: Scalars['String']['input'];
  /** Only cases closed at this level. */
  level?: InputMaybe<Scalars['String']['input']>;
  /** At most this many awards of this event type per person and period (1 to 1000); unset: the platform default (visits 12 a day, commitments 4 a month, activity attendances 2 a day). */
  maxPerPeriod?: InputMaybe<Scalars['Int']['input']>;
  /** Extra points when the deadline was met. */
  metDeadlineBonus?: Scalars['Int']['input'];
  /** Points per occasion, 0 to 10000. */
  points: Scalars['Int']['input'];
  /** Extra points per whole hour served (activity.attended), 0 to 10000. */
  pointsPerHour?: Scalars['Int']['input'];
  /** Only this priority. */
  priority?: InputMaybe<Scalars['String']['input']>;
  /** Only handlers in this role. */
  role?: InputMaybe<Scalars['String']['input']>;
  /** Extra points when rated 5. */
  topRatingBonus?: Scalars['Int']['input'];
};

/** A district's deadlines; omitted priorities keep the defaults. */
export type SetSlaPolicyInput = {
  /** Overrides by category. */
  categories?: Array<CategoryHoursInput>;
  /** The district (or a unit in it). */
  districtId: Scalars['ID']['input'];
  /** Hours by priority. */
  priorities?: Array<PriorityHoursInput>;
};

/** An activity to sign yourself up for. */
export type SignUpInput = {
  /** The activity. */
  activityId: Scalars['ID']['input'];
};

/** What an SLA count counts: calendar hours, or working days that end at the business closing time and skip China's statutory holidays (0 = the same working day). */
export enum SlaUnit {
  Hours = 'HOURS',
  WorkingDays = 'WORKING_DAYS'
}

/** The assignee starts work. */
export type StartCaseInput = {
  /** The case. */
  caseId: Scalars['ID']['input'];
  /** The version you saw; if the case changed since, you get CONFLICT. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
};

/** The answer to one question: `choices` (option indexes from 0) for a choice question, `scale` for a scale, `text` for free text; nothing else. */
export type SurveyAnswerInput = {
  /** The options chosen: one for single choice. */
  choices?: InputMaybe<Array<Scalars['Int']['input']>>;
  /** The question (q1, q2, ...). */
  questionId: Scalars['ID']['input'];
  /** The value on the scale. */
  scale?: InputMaybe<Scalars['Int']['input']>;
  /** The free text (at most 2000). */
  text?: InputMaybe<Scalars['String']['input']>;
};

/** Which of a unit's surveys to list. */
export type SurveyFilter = {
  /** Only surveys in these states. */
  statuses?: InputMaybe<Array<SurveyStatus>>;
};

/** A survey to open or close. */
export type SurveyIdInput = {
  /** The survey. */
  surveyId: Scalars['ID']['input'];
};

/** A question of a survey to draft. */
export type SurveyQuestionInput = {
  /** How it is answered. */
  kind: SurveyQuestionKind;
  /** The choices (2 to 20) of a choice question. */
  options?: Array<Scalars['String']['input']>;
  /** Whether it must be answered. */
  required?: Scalars['Boolean']['input'];
  /** A scale's highest value (0-10). */
  scaleMax?: Scalars['Int']['input'];
  /** A scale's lowest value (0-10). */
  scaleMin?: Scalars['Int']['input'];
  /** What is asked (at most 500 characters). */
  text: Scalars['String']['input'];
};

/** How a question is answered. */
export enum SurveyQuestionKind {
  FreeText = 'FREE_TEXT',
  MultipleChoice = 'MULTIPLE_CHOICE',
  Scale = 'SCALE',
  SingleChoice = 'SINGLE_CHOICE'
}

/** Who answers: one answer per household, or per resident. */
export enum SurveyRespondents {
  Household = 'HOUSEHOLD',
  Person = 'PERSON'
}

/** Draft, open for answers, or closed. */
export enum SurveyStatus {
  Closed = 'CLOSED',
  Draft = 'DRAFT',
  Open = 'OPEN'
}

/** Take an order from the board; exactly one taker wins. */
export type TakeOrderInput = {
  /** The case. */
  caseId: Scalars['ID']['input'];
  /** The version you saw; if the case changed since, you get CONFLICT. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
};

/** Correct a household's address or needs: its members, or those who serve it. */
export type UpdateHouseholdInput = {
  /** New address. */
  address?: InputMaybe<Scalars['String']['input']>;
  /** The household. */
  householdId: Scalars['ID']['input'];
  /** Replaces the needs. */
  needs?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** Correct a person's record: oneself, or anyone where you manage; party membership only where you manage. */
export type UpdatePersonInput = {
  /** New full name. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Party membership. */
  partyMember?: InputMaybe<Scalars['Boolean']['input']>;
  /** Whose record. */
  personId: Scalars['ID']['input'];
  /** New mobile number. */
  phone?: InputMaybe<Scalars['String']['input']>;
};

/** Changes to a reward; omitted fields stay as they are. */
export type UpdateRewardInput = {
  /** Offer it or withdraw it. */
  active?: InputMaybe<Scalars['Boolean']['input']>;
  /** A new cost (redemptions made keep theirs). */
  cost?: InputMaybe<Scalars['Int']['input']>;
  /** The reward. */
  id: Scalars['ID']['input'];
  /** A new name. */
  name?: InputMaybe<Scalars['String']['input']>;
};

/** A household's vote. */
export enum VoteChoice {
  Abstain = 'ABSTAIN',
  Against = 'AGAINST',
  For = 'FOR'
}

/** A day of the week (business time zone). */
export enum Weekday {
  Friday = 'FRIDAY',
  Monday = 'MONDAY',
  Saturday = 'SATURDAY',
  Sunday = 'SUNDAY',
  Thursday = 'THURSDAY',
  Tuesday = 'TUESDAY',
  Wednesday = 'WEDNESDAY'
}

export type Join__ContextArgument = {
  context: Scalars['String']['input'];
  name: Scalars['String']['input'];
  selection: Scalars['join__FieldValue']['input'];
  type: Scalars['String']['input'];
};

export enum Join__Graph {
  Cases = 'CASES',
  Notifications = 'NOTIFICATIONS',
  Participation = 'PARTICIPATION',
  People = 'PEOPLE',
  Points = 'POINTS'
}

export enum Link__Purpose {
  /** `EXECUTION` features provide metadata necessary for operation execution. */
  Execution = 'EXECUTION',
  /** `SECURITY` features provide metadata necessary to securely resolve fields. */
  Security = 'SECURITY'
}

export type DashboardLoginMutationVariables = Exact<{
  input: LoginInput;
}>;


export type DashboardLoginMutation = { __typename?: 'Mutation', login: { __typename?: 'LoginPayload', accessToken: string, personId: string } };

export type WhereIServeQueryVariables = Exact<{ [key: string]: never; }>;


export type WhereIServeQuery = { __typename?: 'Query', me?: { __typename?: 'Person', id: string, name: string, roles: Array<{ __typename?: 'RoleAssignment', role: Role, orgUnit?: { __typename?: 'OrgUnit', id: string, name: string, kind: OrgUnitKind } | null }> } | null };

export type FrontendCommunityDashboardQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
}>;


export type FrontendCommunityDashboardQuery = { __typename?: 'Query', orgUnit?: { __typename?: 'OrgUnit', id: string, name: string, openCases?: { __typename?: 'CaseConnection', totalCount: number, edges: Array<{ __typename?: 'CaseEdge', node: { __typename?: 'Case', id: string, number: string, title: string, status: CaseStatus, reporter?: { __typename?: 'Person', id: string, name: string } | null, assignee?: { __typename?: 'Person', id: string, name: string } | null, location?: { __typename?: 'GeoPoint', lat: number, lng: number } | null, photos: Array<{ __typename?: 'Photo', id: string, url: string, thumbnailUrl: string }> } }> } | null, caseStats?: { __typename?: 'CaseStats', collected: number, handled: number, completionRate?: number | null, open: number, byCategory: Array<{ __typename?: 'CaseCount', key: string, collected: number, handled: number }> } | null, leaderboard?: Array<{ __typename?: 'LeaderboardEntry', rank: number, points: number, person: { __typename?: 'Person', id: string, name: string } }> | null } | null, orderBoard: { __typename?: 'CaseConnection', totalCount: number, edges: Array<{ __typename?: 'CaseEdge', node: { __typename?: 'Case', id: string, number: string, title: string } }> }, vocabulary: Array<{ __typename?: 'VocabularyTerm', kind: string, code: string, label: string }> };

export type FrontendOrderBoardLiveSubscriptionVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type FrontendOrderBoardLiveSubscription = { __typename?: 'Subscription', orderBoardChanged: { __typename?: 'CaseChange', eventType: string, caseId: string, case?: { __typename?: 'Case', id: string, number: string, title: string } | null } };

export type FrontendNearbyCasesQueryVariables = Exact<{
  near: NearInput;
}>;


export type FrontendNearbyCasesQuery = { __typename?: 'Query', cases: { __typename?: 'CaseConnection', totalCount: number, edges: Array<{ __typename?: 'CaseEdge', node: { __typename?: 'Case', id: string, number: string, title: string, status: CaseStatus, category: CaseCategory, location?: { __typename?: 'GeoPoint', lat: number, lng: number } | null } }> } };


export const DashboardLoginDocument = {"__meta__":{"hash":"c870b97bb57c51a2746c89a7844b46950408b4561562e863c4fee06a327389cf"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DashboardLogin"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LoginInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"personId"}}]}}]}}]} as unknown as DocumentNode<DashboardLoginMutation, DashboardLoginMutationVariables>;
export const WhereIServeDocument = {"__meta__":{"hash":"d53177a687fc92bfaef123561adfbad88b2215f0c5349167311e304bfc65b021"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WhereIServe"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"roles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"orgUnit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}}]}}]}}]} as unknown as DocumentNode<WhereIServeQuery, WhereIServeQueryVariables>;
export const FrontendCommunityDashboardDocument = {"__meta__":{"hash":"e48ea2a99dbf2cbb87b4a573ba9684d3c89cea3feee5d46a2cec96555d06050c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FrontendCommunityDashboard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orgUnit"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","alias":{"kind":"Name","value":"openCases"},"name":{"kind":"Name","value":"cases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"status"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"REPORTED"},{"kind":"EnumValue","value":"ACCEPTED"},{"kind":"EnumValue","value":"ASSIGNED"},{"kind":"EnumValue","value":"IN_PROGRESS"},{"kind":"EnumValue","value":"ON_ORDER_BOARD"}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reporter"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"location"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lat"}},{"kind":"Field","name":{"kind":"Name","value":"lng"}}]}},{"kind":"Field","name":{"kind":"Name","value":"photos"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"thumbnailUrl"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"caseStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"collected"}},{"kind":"Field","name":{"kind":"Name","value":"handled"}},{"kind":"Field","name":{"kind":"Name","value":"completionRate"}},{"kind":"Field","name":{"kind":"Name","value":"open"}},{"kind":"Field","name":{"kind":"Name","value":"byCategory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"collected"}},{"kind":"Field","name":{"kind":"Name","value":"handled"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"leaderboard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"orderBoard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"orgUnitId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"vocabulary"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kinds"},"value":{"kind":"ListValue","values":[{"kind":"StringValue","value":"CaseStatus","block":false},{"kind":"StringValue","value":"CaseCategory","block":false}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}}]}}]} as unknown as DocumentNode<FrontendCommunityDashboardQuery, FrontendCommunityDashboardQueryVariables>;
export const FrontendOrderBoardLiveDocument = {"__meta__":{"hash":"889f208cf8f13d7301ec43b0ceb8f36885713ebb091e1aa985aba50aeeb83006"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"FrontendOrderBoardLive"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderBoardChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"orgUnitId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventType"}},{"kind":"Field","name":{"kind":"Name","value":"caseId"}},{"kind":"Field","name":{"kind":"Name","value":"case"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}}]} as unknown as DocumentNode<FrontendOrderBoardLiveSubscription, FrontendOrderBoardLiveSubscriptionVariables>;
export const FrontendNearbyCasesDocument = {"__meta__":{"hash":"d0cc2b429df82ae1b86349457c1d2f31019b3c304395028d6cd59e50e63095b7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FrontendNearbyCases"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"near"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"NearInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"near"},"value":{"kind":"Variable","name":{"kind":"Name","value":"near"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"location"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lat"}},{"kind":"Field","name":{"kind":"Name","value":"lng"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<FrontendNearbyCasesQuery, FrontendNearbyCasesQueryVariables>;