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

/** The result of acceptCase. */
export type AcceptCasePayload = {
  __typename?: 'AcceptCasePayload';
  /** The case as it is now. */
  case: Case;
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

/** The result of addOrganizationMember. */
export type AddOrganizationMemberPayload = {
  __typename?: 'AddOrganizationMemberPayload';
  /** The organization. */
  organization: Organization;
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

/** The result of adjustPoints. */
export type AdjustPointsPayload = {
  __typename?: 'AdjustPointsPayload';
  /** The ledger entry recording it. */
  entry: LedgerEntry;
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

/** The result of assignCase. */
export type AssignCasePayload = {
  __typename?: 'AssignCasePayload';
  /** The case as it is now. */
  case: Case;
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

/** The result of assignRole. */
export type AssignRolePayload = {
  __typename?: 'AssignRolePayload';
  /** The assignment. */
  roleAssignment: RoleAssignment;
};

/** Cancel a redemption not yet handed over: refund and restock. */
export type CancelRedemptionInput = {
  /** The redemption. */
  id: Scalars['ID']['input'];
};

/** The result of cancelRedemption. */
export type CancelRedemptionPayload = {
  __typename?: 'CancelRedemptionPayload';
  /** The redemption, now CANCELLED. */
  redemption: Redemption;
};

/** How much care a household needs; sets its visit frequency. */
export enum CareLevel {
  Green = 'GREEN',
  None = 'NONE',
  Red = 'RED',
  Yellow = 'YELLOW'
}

/** A resident's problem or need. */
export type Case = {
  __typename?: 'Case';
  /** Where, when more precise than the unit. */
  address?: Maybe<Scalars['String']['output']>;
  /** The department or red partner it was dispatched to or taken by. */
  assignedOrganization?: Maybe<Organization>;
  /** Who works it now. */
  assignee?: Maybe<Person>;
  /** How many deadlines it has missed. */
  breachCount: Scalars['Int']['output'];
  /** What it is about. */
  category: CaseCategory;
  /** How it came in. */
  channel: CaseChannel;
  /** When it was closed. */
  closedAt?: Maybe<Scalars['DateTime']['output']>;
  /** When the case was reported. */
  createdAt: Scalars['DateTime']['output'];
  /** The details. */
  description: Scalars['String']['output'];
  /** When an answer is due. */
  dueAt: Scalars['DateTime']['output'];
  /** First response by staff. */
  firstResponseAt?: Maybe<Scalars['DateTime']['output']>;
  /** Everyone who worked it. */
  handlers: Array<CaseHandler>;
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** The rung now responsible. */
  level: CaseLevel;
  /** Readable number, unique per district and year. */
  number: Scalars['String']['output'];
  /** Who took it from the order board. */
  orderTaker?: Maybe<Person>;
  /** Where the case was raised. */
  orgUnit: OrgUnit;
  /** Open and past its deadline. */
  overdue: Scalars['Boolean']['output'];
  /** How urgent it is. */
  priority: CasePriority;
  /** The reporter's rating. */
  rating?: Maybe<CaseRating>;
  /** Why it was rejected. */
  rejectionReason?: Maybe<Scalars['String']['output']>;
  /** Who raised it; null if anonymous. */
  reporter?: Maybe<Person>;
  /** What was done. */
  resolution?: Maybe<Scalars['String']['output']>;
  /** When it was resolved. */
  resolvedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Where the case stands in its workflow. */
  status: CaseStatus;
  /** Its history, oldest first. */
  timeline: Array<TimelineEntry>;
  /** What the problem is, in a line. */
  title: Scalars['String']['output'];
  /** When it last changed. */
  updatedAt: Scalars['DateTime']['output'];
  /** Grows with every change; pass to detect races. */
  version: Scalars['Int']['output'];
};

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

/** A page of a list. */
export type CaseConnection = {
  __typename?: 'CaseConnection';
  /** The items of this page. */
  edges: Array<CaseEdge>;
  /** Where this page sits. */
  pageInfo: PageInfo;
  /** How many items the whole list holds. */
  totalCount: Scalars['Int']['output'];
};

/** Cases collected and handled in one group. */
export type CaseCount = {
  __typename?: 'CaseCount';
  /** Cases reported. */
  collected: Scalars['Int']['output'];
  /** Of those, resolved or closed. */
  handled: Scalars['Int']['output'];
  /** The category, or the month as YYYY-MM. */
  key: Scalars['String']['output'];
};

/** An item of a list and its cursor. */
export type CaseEdge = {
  __typename?: 'CaseEdge';
  /** Opaque position of this item. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Case;
};

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
};

/** Someone who worked the case, in the role they did it in. */
export type CaseHandler = {
  __typename?: 'CaseHandler';
  /** Who. */
  person: Person;
  /** The role, e.g. GRID_MEMBER or RED_PARTNER_MEMBER. */
  role: Scalars['String']['output'];
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

/** The reporter's answer to a resolution. */
export type CaseRating = {
  __typename?: 'CaseRating';
  /** When they rated. */
  at: Scalars['DateTime']['output'];
  /** What the reporter said. */
  comment?: Maybe<Scalars['String']['output']>;
  /** 1 (bad) to 5 (excellent). */
  score: Scalars['Int']['output'];
};

/** Order of a list of cases. */
export enum CaseSort {
  Created = 'CREATED',
  Due = 'DUE',
  Updated = 'UPDATED'
}

/** How an area answered its residents in a period (by report date). */
export type CaseStats = {
  __typename?: 'CaseStats';
  /** Mean of residents' ratings. */
  averageRating?: Maybe<Scalars['Float']['output']>;
  /** Per category. */
  byCategory: Array<CaseCount>;
  /** Per month of reporting. */
  byMonth: Array<CaseCount>;
  /** Cases reported in the period. */
  collected: Scalars['Int']['output'];
  /** handled / collected. */
  completionRate?: Maybe<Scalars['Float']['output']>;
  /** Report to first response. */
  firstResponse: DurationStats;
  /** Period start. */
  from: Scalars['DateTime']['output'];
  /** Of those, resolved or closed. */
  handled: Scalars['Int']['output'];
  /** Still waiting for an answer. */
  open: Scalars['Int']['output'];
  /** The subtree counted. */
  orgUnitId: Scalars['ID']['output'];
  /** Open and past their deadline now. */
  overdueNow: Scalars['Int']['output'];
  /** How many residents rated. */
  ratings: Scalars['Int']['output'];
  /** Rejected as duplicate or out of scope. */
  rejected: Scalars['Int']['output'];
  /** Report to resolution. */
  resolution: DurationStats;
  /** Deadlines missed (each escalated). */
  slaBreaches: Scalars['Int']['output'];
  /** Period end (excluded). */
  to: Scalars['DateTime']['output'];
};

/** Where a case stands. */
export enum CaseStatus {
  Accepted = 'ACCEPTED',
  Assigned = 'ASSIGNED',
  Closed = 'CLOSED',
  InProgress = 'IN_PROGRESS',
  OnOrderBoard = 'ON_ORDER_BOARD',
  Rejected = 'REJECTED',
  Reported = 'REPORTED',
  Resolved = 'RESOLVED'
}

/** A case as the neighbourhood may see it: no reporter, details or address. */
export type CaseSummary = {
  __typename?: 'CaseSummary';
  /** What it is about. */
  category: CaseCategory;
  /** When it was reported. */
  createdAt: Scalars['DateTime']['output'];
  /** Readable number. */
  number: Scalars['String']['output'];
  /** When it was resolved. */
  resolvedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Where it stands. */
  status: CaseStatus;
  /** What the problem is, in a line. */
  title: Scalars['String']['output'];
};

/** A page of a list. */
export type CaseSummaryConnection = {
  __typename?: 'CaseSummaryConnection';
  /** The items of this page. */
  edges: Array<CaseSummaryEdge>;
  /** Where this page sits. */
  pageInfo: PageInfo;
  /** How many items the whole list holds. */
  totalCount: Scalars['Int']['output'];
};

/** An item of a list and its cursor. */
export type CaseSummaryEdge = {
  __typename?: 'CaseSummaryEdge';
  /** Opaque position of this item. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: CaseSummary;
};

/** Hours for a category, for one priority of it or for all. */
export type CategoryHours = {
  __typename?: 'CategoryHours';
  /** The category. */
  category: CaseCategory;
  /** Hours from report (or escalation) to deadline. */
  hours: Scalars['Int']['output'];
  /** Null: every priority. */
  priority?: Maybe<CasePriority>;
};

/** Hours for a category (and optionally one priority of it). */
export type CategoryHoursInput = {
  /** The category. */
  category: CaseCategory;
  /** Hours to the deadline. */
  hours: Scalars['Int']['input'];
  /** Only for this priority; every priority when omitted. */
  priority?: InputMaybe<CasePriority>;
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

/** The result of closeCase. */
export type CloseCasePayload = {
  __typename?: 'CloseCasePayload';
  /** The case as it is now. */
  case: Case;
};

/** Add a comment to a case's timeline. */
export type CommentOnCaseInput = {
  /** The case. */
  caseId: Scalars['ID']['input'];
  /** The version you saw; if the case changed since, you get CONFLICT. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** The comment. */
  text: Scalars['String']['input'];
};

/** The result of commentOnCase. */
export type CommentOnCasePayload = {
  __typename?: 'CommentOnCasePayload';
  /** The case as it is now. */
  case: Case;
};

/** A party member's public promise. */
export type Commitment = {
  __typename?: 'Commitment';
  /** When it is due. */
  dueBy: Scalars['DateTime']['output'];
  /** What shows it was fulfilled. */
  evidence?: Maybe<Scalars['String']['output']>;
  /** When it was fulfilled. */
  fulfilledAt?: Maybe<Scalars['DateTime']['output']>;
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** Fulfilled by its due date. */
  onTime: Scalars['Boolean']['output'];
  /** Who made it. */
  person?: Maybe<Person>;
  /** PROMISED, FULFILLED or LAPSED. */
  status: CommitmentStatus;
  /** What was promised. */
  text: Scalars['String']['output'];
};

/** The commitments of an org unit's subtree and how they fare. */
export type CommitmentBoard = {
  __typename?: 'CommitmentBoard';
  /** The commitments, soonest due first. */
  commitments: CommitmentConnection;
  /** Of those, fulfilled. */
  fulfilled: Scalars['Int']['output'];
  /** Of those, past due and not fulfilled. */
  lapsed: Scalars['Int']['output'];
  /** Commitments made. */
  made: Scalars['Int']['output'];
  /** Still open and not yet due. */
  promised: Scalars['Int']['output'];
  /** fulfilled / (fulfilled + lapsed), 0 when none is decided yet. */
  rate: Scalars['Float']['output'];
};


/** The commitments of an org unit's subtree and how they fare. */
export type CommitmentBoardCommitmentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of a list. */
export type CommitmentConnection = {
  __typename?: 'CommitmentConnection';
  /** The items of this page. */
  edges: Array<CommitmentEdge>;
  /** Where this page sits. */
  pageInfo: PageInfo;
  /** How many items the whole list holds. */
  totalCount: Scalars['Int']['output'];
};

/** An item of a list and its cursor. */
export type CommitmentEdge = {
  __typename?: 'CommitmentEdge';
  /** Opaque position of this item. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Commitment;
};

/** Where a commitment stands. */
export enum CommitmentStatus {
  Fulfilled = 'FULFILLED',
  Lapsed = 'LAPSED',
  Promised = 'PROMISED'
}

/** A household at an address inside an org unit. */
export type CreateHouseholdInput = {
  /** Street address, unit and room. */
  address: Scalars['String']['input'];
  /** What it needs help with. */
  needs?: Array<Scalars['String']['input']>;
  /** Where it is, usually a neighborhood or building. */
  orgUnitId: Scalars['ID']['input'];
};

/** The result of createHousehold. */
export type CreateHouseholdPayload = {
  __typename?: 'CreateHouseholdPayload';
  /** The household just created. */
  household: Household;
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

/** The result of createOrgUnit. */
export type CreateOrgUnitPayload = {
  __typename?: 'CreateOrgUnitPayload';
  /** The unit just created. */
  orgUnit: OrgUnit;
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

/** The result of createOrganization. */
export type CreateOrganizationPayload = {
  __typename?: 'CreateOrganizationPayload';
  /** The organization registered. */
  organization: Organization;
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

/** The result of createReward. */
export type CreateRewardPayload = {
  __typename?: 'CreateRewardPayload';
  /** The reward just created. */
  reward: Reward;
};

/** The rule to delete; events processed afterwards ignore it. */
export type DeletePointRuleInput = {
  /** The rule's id. */
  id: Scalars['ID']['input'];
};

/** The result of deletePointRule. */
export type DeletePointRulePayload = {
  __typename?: 'DeletePointRulePayload';
  /** The rule as it was before deletion. */
  pointRule: PointRule;
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

/** The result of dispatchCase. */
export type DispatchCasePayload = {
  __typename?: 'DispatchCasePayload';
  /** The case as it is now. */
  case: Case;
};

/** Durations from report to a milestone, in seconds. */
export type DurationStats = {
  __typename?: 'DurationStats';
  /** Half took at most this long. */
  medianSeconds?: Maybe<Scalars['Float']['output']>;
  /** 90% took at most this long. */
  p90Seconds?: Maybe<Scalars['Float']['output']>;
};

/** How a neighbor chief was elected. */
export type Election = {
  __typename?: 'Election';
  /** The day of the vote. */
  heldOn: Scalars['Date']['output'];
  /** Households of the neighborhood. */
  householdsTotal: Scalars['Int']['output'];
  /** Households that voted. */
  householdsVoting: Scalars['Int']['output'];
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

/** The result of escalateCase. */
export type EscalateCasePayload = {
  __typename?: 'EscalateCasePayload';
  /** The case as it is now. */
  case: Case;
};

/** Why a case climbed the ladder. */
export enum EscalationReason {
  BeyondAuthority = 'BEYOND_AUTHORITY',
  Manual = 'MANUAL',
  SlaBreach = 'SLA_BREACH'
}

/** Mark a commitment fulfilled, with evidence. */
export type FulfillCommitmentInput = {
  /** The commitment. */
  commitmentId: Scalars['ID']['input'];
  /** What shows it was kept. */
  evidence: Scalars['String']['input'];
};

/** The result of fulfillCommitment. */
export type FulfillCommitmentPayload = {
  __typename?: 'FulfillCommitmentPayload';
  /** The fulfilled commitment. */
  commitment: Commitment;
};

/** Staff handed the items of a redemption over. */
export type FulfillRedemptionInput = {
  /** The redemption. */
  id: Scalars['ID']['input'];
};

/** The result of fulfillRedemption. */
export type FulfillRedemptionPayload = {
  __typename?: 'FulfillRedemptionPayload';
  /** The redemption, now FULFILLED. */
  redemption: Redemption;
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

/** A household at an address in the ladder. */
export type Household = {
  __typename?: 'Household';
  /** Address; masked unless you live here or hold a role over the place. */
  address: Scalars['String']['output'];
  /** RED, YELLOW, GREEN or NONE. */
  careLevel: CareLevel;
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** When it was last visited. */
  lastVisitAt?: Maybe<Scalars['DateTime']['output']>;
  /** The people living here, by name. */
  members: Array<Person>;
  /** What the household needs help with. */
  needs: Array<Scalars['String']['output']>;
  /** When the next visit is due by its care level; null for NONE. */
  nextVisitDue?: Maybe<Scalars['DateTime']['output']>;
  /** The org unit (usually a neighborhood or building) it is in. */
  orgUnit?: Maybe<OrgUnit>;
  /** Days the next visit is overdue; null when it is not. */
  overdueDays?: Maybe<Scalars['Int']['output']>;
};

/** A page of a list. */
export type HouseholdConnection = {
  __typename?: 'HouseholdConnection';
  /** The items of this page. */
  edges: Array<HouseholdEdge>;
  /** Where this page sits. */
  pageInfo: PageInfo;
  /** How many items the whole list holds. */
  totalCount: Scalars['Int']['output'];
};

/** An item of a list and its cursor. */
export type HouseholdEdge = {
  __typename?: 'HouseholdEdge';
  /** Opaque position of this item. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Household;
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

/** The result of importCases. */
export type ImportCasesPayload = {
  __typename?: 'ImportCasesPayload';
  /** Cases imported now. */
  imported: Scalars['Int']['output'];
  /** Cases whose ref was imported before. */
  skipped: Scalars['Int']['output'];
};

/** A person's place on a leaderboard. */
export type LeaderboardEntry = {
  __typename?: 'LeaderboardEntry';
  /** The person who earned the points. */
  person: Person;
  /** The person who earned the points. */
  personId: Scalars['ID']['output'];
  /** Points earned in the period. */
  points: Scalars['Int']['output'];
  /** 1 for the top earner; ties share a rank. */
  rank: Scalars['Int']['output'];
};

/** One change of a balance. Entries are never changed or removed. */
export type LedgerEntry = {
  __typename?: 'LedgerEntry';
  /** Who made a manual change. */
  actor?: Maybe<Person>;
  /** When it was booked. */
  at: Scalars['DateTime']['output'];
  /** The balance right after this entry. */
  balanceAfter: Scalars['Int']['output'];
  /** The case it rewarded. */
  caseId?: Maybe<Scalars['ID']['output']>;
  /** Points added (positive) or taken (negative). */
  delta: Scalars['Int']['output'];
  /** When the service it rewards was done. */
  earnedAt: Scalars['DateTime']['output'];
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** Why the balance changed. */
  kind: EntryKind;
  /** Whose balance changed. */
  person: Person;
  /** What happened, in words. */
  reason: Scalars['String']['output'];
  /** The redemption. */
  redemptionId?: Maybe<Scalars['ID']['output']>;
  /** The rule that awarded it. */
  ruleId?: Maybe<Scalars['ID']['output']>;
  /** The event (CloudEvent id) that caused it. */
  sourceEventId?: Maybe<Scalars['String']['output']>;
  /** That event's type. */
  sourceEventType?: Maybe<Scalars['String']['output']>;
};

/** A page of a list. */
export type LedgerEntryConnection = {
  __typename?: 'LedgerEntryConnection';
  /** The items of this page. */
  edges: Array<LedgerEntryEdge>;
  /** Where this page sits. */
  pageInfo: PageInfo;
  /** How many items the whole list holds. */
  totalCount: Scalars['Int']['output'];
};

/** An item of a list and its cursor. */
export type LedgerEntryEdge = {
  __typename?: 'LedgerEntryEdge';
  /** Opaque position of this item. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: LedgerEntry;
};

/** A visit the caller paid to a household. */
export type LogVisitInput = {
  /** When; default now. */
  at?: InputMaybe<Scalars['DateTime']['input']>;
  /** The household visited. */
  householdId: Scalars['ID']['input'];
  /** What was found or done. */
  notes?: Scalars['String']['input'];
};

/** The result of logVisit. */
export type LogVisitPayload = {
  __typename?: 'LogVisitPayload';
  /** The visit logged. */
  visit: Visit;
};

/** A phone number and its password. */
export type LoginInput = {
  /** The password. */
  password: Scalars['String']['input'];
  /** The mobile number registered. */
  phone: Scalars['String']['input'];
};

/** The result of login. */
export type LoginPayload = TokenPayload & {
  __typename?: 'LoginPayload';
  /** RS256 JWT; send as `Bearer <token>`. */
  accessToken: Scalars['String']['output'];
  /** When it expires. */
  accessTokenExpiresAt: Scalars['DateTime']['output'];
  /** Whose tokens these are. */
  personId: Scalars['ID']['output'];
  /** Opaque; works once, for refreshToken, or for logout. */
  refreshToken: Scalars['String']['output'];
  /** When it expires. */
  refreshTokenExpiresAt: Scalars['DateTime']['output'];
};

/** End a login: its refresh tokens stop working. */
export type LogoutInput = {
  /** Any refresh token of that login. */
  refreshToken: Scalars['String']['input'];
};

/** The result of logout. */
export type LogoutPayload = {
  __typename?: 'LogoutPayload';
  /** Always true; logging out twice is fine. */
  loggedOut: Scalars['Boolean']['output'];
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

/** The result of makeCommitment. */
export type MakeCommitmentPayload = {
  __typename?: 'MakeCommitmentPayload';
  /** The commitment published. */
  commitment: Commitment;
};

/** Move an org unit, with its whole subtree, under another parent. */
export type MoveOrgUnitInput = {
  /** Its new parent: ranks above it and is not inside its subtree. */
  newParentId: Scalars['ID']['input'];
  /** The unit to move. */
  orgUnitId: Scalars['ID']['input'];
};

/** The result of moveOrgUnit. */
export type MoveOrgUnitPayload = {
  __typename?: 'MoveOrgUnitPayload';
  /** The unit at its new place. */
  orgUnit: OrgUnit;
};

/** Move a person to another household. */
export type MovePersonInput = {
  /** Their new household. */
  householdId: Scalars['ID']['input'];
  /** Who moves. */
  personId: Scalars['ID']['input'];
};

/** The result of movePerson. */
export type MovePersonPayload = {
  __typename?: 'MovePersonPayload';
  /** The person in their new household. */
  person: Person;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Take up a reported case, or report for duty on a dispatched one. */
  acceptCase: AcceptCasePayload;
  /** Add a member to an organization. */
  addOrganizationMember: AddOrganizationMemberPayload;
  /** Correct a balance within your scope, with a reason (community staff). */
  adjustPoints: AdjustPointsPayload;
  /** Assign a case. */
  assignCase: AssignCasePayload;
  /** Assign a role for a term. */
  assignRole: AssignRolePayload;
  /** Cancel a redemption not yet handed over: refund the points, restore stock. */
  cancelRedemption: CancelRedemptionPayload;
  /** Close a resolved case. */
  closeCase: CloseCasePayload;
  /** Comment on a case. */
  commentOnCase: CommentOnCasePayload;
  /** Create a household. */
  createHousehold: CreateHouseholdPayload;
  /** Create an org unit below a parent (a district: platform admin only). */
  createOrgUnit: CreateOrgUnitPayload;
  /** Register an organization. */
  createOrganization: CreateOrganizationPayload;
  /** Add a reward to a community's catalog. */
  createReward: CreateRewardPayload;
  /** Delete a point rule (district admins). */
  deletePointRule: DeletePointRulePayload;
  /** Dispatch a case to a department or red partner. */
  dispatchCase: DispatchCasePayload;
  /** Escalate a case. */
  escalateCase: EscalateCasePayload;
  /** Mark a commitment fulfilled with evidence. */
  fulfillCommitment: FulfillCommitmentPayload;
  /** Record that the items were handed over. */
  fulfillRedemption: FulfillRedemptionPayload;
  /** Import historical cases (district administrators). */
  importCases: ImportCasesPayload;
  /** Log a visit to a household. */
  logVisit: LogVisitPayload;
  /** Log in with phone and password. */
  login: LoginPayload;
  /** Revoke a login's refresh tokens. */
  logout: LogoutPayload;
  /** Publish a party member's commitment. */
  makeCommitment: MakeCommitmentPayload;
  /** Move an org unit with its subtree under another parent. */
  moveOrgUnit: MoveOrgUnitPayload;
  /** Move a person to another household. */
  movePerson: MovePersonPayload;
  /** Pair an organization with an org unit. */
  pairOrganization: PairOrganizationPayload;
  /** Post a case on the order board. */
  postOrder: PostOrderPayload;
  /** Rate a resolved case. */
  rateCase: RateCasePayload;
  /** Record a neighborhood's election of its neighbor chief. */
  recordElection: RecordElectionPayload;
  /** Exchange your points for a reward: stock and points change together. */
  redeemReward: RedeemRewardPayload;
  /** Trade a refresh token for a new pair. */
  refreshToken: RefreshTokenPayload;
  /** Register many people at once (all or none). */
  registerPeople: RegisterPeoplePayload;
  /** Register a person. */
  registerPerson: RegisterPersonPayload;
  /** Reject a case. */
  rejectCase: RejectCasePayload;
  /** Rename an org unit. */
  renameOrgUnit: RenameOrgUnitPayload;
  /** Reopen a case. */
  reopenCase: ReopenCasePayload;
  /** Report a case. */
  reportCase: ReportCasePayload;
  /** Apply today's rules to awarding events consumed earlier (district admins). */
  reprocessEvents: ReprocessEventsPayload;
  /** Resolve a case. */
  resolveCase: ResolveCasePayload;
  /** Add items to a reward's stock. */
  restockReward: RestockRewardPayload;
  /** Revoke a role assignment. */
  revokeRole: RevokeRolePayload;
  /** Set a household's care level and needs. */
  setCareLevel: SetCareLevelPayload;
  /** Set a password. */
  setPassword: SetPasswordPayload;
  /** Set a point rule (district admins). */
  setPointRule: SetPointRulePayload;
  /** Set a district's deadlines. */
  setSlaPolicy: SetSlaPolicyPayload;
  /** Start work on a case. */
  startCase: StartCasePayload;
  /** Take an order from the board. */
  takeOrder: TakeOrderPayload;
  /** Correct a household's address or needs. */
  updateHousehold: UpdateHouseholdPayload;
  /** Correct a person's name, phone or party membership. */
  updatePerson: UpdatePersonPayload;
  /** Rename, re-price, offer or withdraw a reward. */
  updateReward: UpdateRewardPayload;
};


export type MutationAcceptCaseArgs = {
  input: AcceptCaseInput;
};


export type MutationAddOrganizationMemberArgs = {
  input: AddOrganizationMemberInput;
};


export type MutationAdjustPointsArgs = {
  input: AdjustPointsInput;
};


export type MutationAssignCaseArgs = {
  input: AssignCaseInput;
};


export type MutationAssignRoleArgs = {
  input: AssignRoleInput;
};


export type MutationCancelRedemptionArgs = {
  input: CancelRedemptionInput;
};


export type MutationCloseCaseArgs = {
  input: CloseCaseInput;
};


export type MutationCommentOnCaseArgs = {
  input: CommentOnCaseInput;
};


export type MutationCreateHouseholdArgs = {
  input: CreateHouseholdInput;
};


export type MutationCreateOrgUnitArgs = {
  input: CreateOrgUnitInput;
};


export type MutationCreateOrganizationArgs = {
  input: CreateOrganizationInput;
};


export type MutationCreateRewardArgs = {
  input: CreateRewardInput;
};


export type MutationDeletePointRuleArgs = {
  input: DeletePointRuleInput;
};


export type MutationDispatchCaseArgs = {
  input: DispatchCaseInput;
};


export type MutationEscalateCaseArgs = {
  input: EscalateCaseInput;
};


export type MutationFulfillCommitmentArgs = {
  input: FulfillCommitmentInput;
};


export type MutationFulfillRedemptionArgs = {
  input: FulfillRedemptionInput;
};


export type MutationImportCasesArgs = {
  input: ImportCasesInput;
};


export type MutationLogVisitArgs = {
  input: LogVisitInput;
};


export type MutationLoginArgs = {
  input: LoginInput;
};


export type MutationLogoutArgs = {
  input: LogoutInput;
};


export type MutationMakeCommitmentArgs = {
  input: MakeCommitmentInput;
};


export type MutationMoveOrgUnitArgs = {
  input: MoveOrgUnitInput;
};


export type MutationMovePersonArgs = {
  input: MovePersonInput;
};


export type MutationPairOrganizationArgs = {
  input: PairOrganizationInput;
};


export type MutationPostOrderArgs = {
  input: PostOrderInput;
};


export type MutationRateCaseArgs = {
  input: RateCaseInput;
};


export type MutationRecordElectionArgs = {
  input: RecordElectionInput;
};


export type MutationRedeemRewardArgs = {
  input: RedeemRewardInput;
};


export type MutationRefreshTokenArgs = {
  input: RefreshTokenInput;
};


export type MutationRegisterPeopleArgs = {
  input: RegisterPeopleInput;
};


export type MutationRegisterPersonArgs = {
  input: RegisterPersonInput;
};


export type MutationRejectCaseArgs = {
  input: RejectCaseInput;
};


export type MutationRenameOrgUnitArgs = {
  input: RenameOrgUnitInput;
};


export type MutationReopenCaseArgs = {
  input: ReopenCaseInput;
};


export type MutationReportCaseArgs = {
  input: ReportCaseInput;
};


export type MutationReprocessEventsArgs = {
  input: ReprocessEventsInput;
};


export type MutationResolveCaseArgs = {
  input: ResolveCaseInput;
};


export type MutationRestockRewardArgs = {
  input: RestockRewardInput;
};


export type MutationRevokeRoleArgs = {
  input: RevokeRoleInput;
};


export type MutationSetCareLevelArgs = {
  input: SetCareLevelInput;
};


export type MutationSetPasswordArgs = {
  input: SetPasswordInput;
};


export type MutationSetPointRuleArgs = {
  input: SetPointRuleInput;
};


export type MutationSetSlaPolicyArgs = {
  input: SetSlaPolicyInput;
};


export type MutationStartCaseArgs = {
  input: StartCaseInput;
};


export type MutationTakeOrderArgs = {
  input: TakeOrderInput;
};


export type MutationUpdateHouseholdArgs = {
  input: UpdateHouseholdInput;
};


export type MutationUpdatePersonArgs = {
  input: UpdatePersonInput;
};


export type MutationUpdateRewardArgs = {
  input: UpdateRewardInput;
};

/** A unit of the administrative ladder. */
export type OrgUnit = {
  __typename?: 'OrgUnit';
  /** The ancestors, root first. */
  ancestors: Array<OrgUnit>;
  /** Case statistics of this unit's subtree (staff of the area). */
  caseStats: CaseStats;
  /** Cases raised in this unit's subtree that the caller may see, newest first. */
  cases: CaseConnection;
  /** The units directly below this one, by name. */
  children: OrgUnitConnection;
  /** Commitments made in this unit's subtree and how they fare. */
  commitmentBoard: CommitmentBoard;
  /** When the unit was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** Which rung of the ladder this unit is. */
  kind: OrgUnitKind;
  /** Top earners of points in this unit's subtree in a period. */
  leaderboard: Array<LeaderboardEntry>;
  /** Display name, unique among its siblings. */
  name: Scalars['String']['output'];
  /** The year's top neighbor chiefs in this subtree by points earned, with the cases each handled, for commendation. */
  outstandingChiefs: Array<OutstandingChief>;
  /** The unit one rung up, or null for a district. */
  parent?: Maybe<OrgUnit>;
  /** Ids of the ancestors, root first (the unit itself excluded). */
  path: Array<Scalars['ID']['output']>;
  /** The rewards offered in this unit's subtree, by name. */
  rewards: RewardConnection;
  /** Who serves this unit: chiefs and staff holding a role here or above, nearest first up the ladder (the rung's highest role first). */
  servedBy: Array<RoleAssignment>;
  /** Grows with every change (rename, move). */
  version: Scalars['Int']['output'];
};


/** A unit of the administrative ladder. */
export type OrgUnitCaseStatsArgs = {
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
};


/** A unit of the administrative ladder. */
export type OrgUnitCasesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<CaseFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: CaseSort;
};


/** A unit of the administrative ladder. */
export type OrgUnitChildrenArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** A unit of the administrative ladder. */
export type OrgUnitLeaderboardArgs = {
  first?: Scalars['Int']['input'];
  from?: InputMaybe<Scalars['DateTime']['input']>;
  period?: InputMaybe<PeriodKind>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


/** A unit of the administrative ladder. */
export type OrgUnitOutstandingChiefsArgs = {
  first?: Scalars['Int']['input'];
  year?: InputMaybe<Scalars['Int']['input']>;
};


/** A unit of the administrative ladder. */
export type OrgUnitRewardsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeInactive?: Scalars['Boolean']['input'];
};


/** A unit of the administrative ladder. */
export type OrgUnitServedByArgs = {
  roles?: InputMaybe<Array<Role>>;
};

/** A page of a list. */
export type OrgUnitConnection = {
  __typename?: 'OrgUnitConnection';
  /** The items of this page. */
  edges: Array<OrgUnitEdge>;
  /** Where this page sits. */
  pageInfo: PageInfo;
  /** How many items the whole list holds. */
  totalCount: Scalars['Int']['output'];
};

/** An item of a list and its cursor. */
export type OrgUnitEdge = {
  __typename?: 'OrgUnitEdge';
  /** Opaque position of this item. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: OrgUnit;
};

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

/** A rung of the administrative ladder, highest first. */
export enum OrgUnitKind {
  Building = 'BUILDING',
  Community = 'COMMUNITY',
  District = 'DISTRICT',
  Grid = 'GRID',
  Group = 'GROUP',
  Neighborhood = 'NEIGHBORHOOD',
  Piece = 'PIECE',
  Street = 'STREET'
}

/** An organization; resolved by the people service. */
export type Organization = {
  __typename?: 'Organization';
  /** Cases dispatched to or taken by this organization. */
  assignedCases: CaseConnection;
  /** When it was registered. */
  createdAt: Scalars['DateTime']['output'];
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** What sort of organization. */
  kind: OrganizationKind;
  /** Its members. */
  members: Array<OrganizationMember>;
  /** Name, unique within its org unit. */
  name: Scalars['String']['output'];
  /** The org unit it is registered in. */
  orgUnit?: Maybe<OrgUnit>;
  /** The communities (or other units) it is paired with. */
  pairedOrgUnits: Array<OrgUnit>;
  /** Roles held on its behalf (department staff, partner members). */
  staff: Array<RoleAssignment>;
};


/** An organization; resolved by the people service. */
export type OrganizationAssignedCasesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of a list. */
export type OrganizationConnection = {
  __typename?: 'OrganizationConnection';
  /** The items of this page. */
  edges: Array<OrganizationEdge>;
  /** Where this page sits. */
  pageInfo: PageInfo;
  /** How many items the whole list holds. */
  totalCount: Scalars['Int']['output'];
};

/** An item of a list and its cursor. */
export type OrganizationEdge = {
  __typename?: 'OrganizationEdge';
  /** Opaque position of this item. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Organization;
};

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

/** A person's membership of an organization. */
export type OrganizationMember = {
  __typename?: 'OrganizationMember';
  /** The member. */
  person?: Maybe<Person>;
  /** Member since. */
  since: Scalars['DateTime']['output'];
  /** Their title there, if given. */
  title?: Maybe<Scalars['String']['output']>;
};

/** A neighbor chief commended for a year of service. */
export type OutstandingChief = {
  __typename?: 'OutstandingChief';
  /** Cases they handled that stayed closed. */
  handledCases: Scalars['Int']['output'];
  /** The chief. */
  person: Person;
  /** Points earned in the year. */
  points: Scalars['Int']['output'];
  /** 1 for the top earner; ties share a rank. */
  rank: Scalars['Int']['output'];
};

/** Where a page sits in its list. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last edge; pass as `after`. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** More items follow this page. */
  hasNextPage: Scalars['Boolean']['output'];
  /** Items precede this page. */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** Cursor of the first edge. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** Pair an organization (e.g. a red partner) with a community. */
export type PairOrganizationInput = {
  /** The unit it is paired with. */
  orgUnitId: Scalars['ID']['input'];
  /** The organization. */
  organizationId: Scalars['ID']['input'];
};

/** The result of pairOrganization. */
export type PairOrganizationPayload = {
  __typename?: 'PairOrganizationPayload';
  /** The organization. */
  organization: Organization;
};

/** A leaderboard period (calendar periods are in UTC). */
export enum PeriodKind {
  AllTime = 'ALL_TIME',
  Custom = 'CUSTOM',
  Month = 'MONTH',
  Week = 'WEEK',
  Year = 'YEAR'
}

/** A person; resolved by the people service. */
export type Person = {
  __typename?: 'Person';
  /** Cases assigned to this person that the caller may see. */
  assignedCases: CaseConnection;
  /** When they were registered. */
  createdAt: Scalars['DateTime']['output'];
  /** The household they live in, if registered in one. */
  household?: Maybe<Household>;
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** Full name. */
  name: Scalars['String']['output'];
  /** The org unit they live in or serve. */
  orgUnit?: Maybe<OrgUnit>;
  /** Whether they are a party member. */
  partyMember: Scalars['Boolean']['output'];
  /** Mobile number; masked (138****5678) unless you are this person, of their household, or hold a role over where they live. */
  phone?: Maybe<Scalars['String']['output']>;
  /** Whether `phone` is shown in full to you. */
  phoneVisible: Scalars['Boolean']['output'];
  /** The person's points account; null when they have none yet or you may not see it (a person sees their own, staff those in their scope). */
  points?: Maybe<PointsAccount>;
  /** Cases this person reported that the caller may see. */
  reportedCases: CaseConnection;
  /** The roles they hold now. */
  roles: Array<RoleAssignment>;
};


/** A person; resolved by the people service. */
export type PersonAssignedCasesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** A person; resolved by the people service. */
export type PersonReportedCasesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of a list. */
export type PersonConnection = {
  __typename?: 'PersonConnection';
  /** The items of this page. */
  edges: Array<PersonEdge>;
  /** Where this page sits. */
  pageInfo: PageInfo;
  /** How many items the whole list holds. */
  totalCount: Scalars['Int']['output'];
};

/** An item of a list and its cursor. */
export type PersonEdge = {
  __typename?: 'PersonEdge';
  /** Opaque position of this item. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Person;
};

/** Narrows a list of people; all given conditions apply. */
export type PersonFilter = {
  /** Only the members of this household. */
  householdId?: InputMaybe<Scalars['ID']['input']>;
  /** Only names starting with this. */
  nameStartsWith?: InputMaybe<Scalars['String']['input']>;
  /** Only party members (true) or only others (false). */
  partyMember?: InputMaybe<Scalars['Boolean']['input']>;
  /** Only phone numbers starting with this. */
  phoneStartsWith?: InputMaybe<Scalars['String']['input']>;
  /** Only people living or serving in this unit's subtree. */
  within?: InputMaybe<Scalars['ID']['input']>;
};

/** How many points an occasion earns, and for whom. */
export type PointRule = {
  __typename?: 'PointRule';
  /** Only visits to this care level. */
  careLevel?: Maybe<Scalars['String']['output']>;
  /** Only cases of this category. */
  category?: Maybe<Scalars['String']['output']>;
  /** What the rule rewards, in words. */
  description: Scalars['String']['output'];
  /** case.closed, order.taken (paid when its case closes), visit.logged or commitment.fulfilled. */
  eventType: Scalars['String']['output'];
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** Only cases closed at this level. */
  level?: Maybe<Scalars['String']['output']>;
  /** Extra points when the case met its deadline (or the commitment was on time). */
  metDeadlineBonus: Scalars['Int']['output'];
  /** Points per occasion. */
  points: Scalars['Int']['output'];
  /** Only cases of this priority. */
  priority?: Maybe<Scalars['String']['output']>;
  /** Only handlers in this role. */
  role?: Maybe<Scalars['String']['output']>;
  /** Extra points when rated 5. */
  topRatingBonus: Scalars['Int']['output'];
  /** When the rule last changed. */
  updatedAt: Scalars['DateTime']['output'];
  /** Who changed it last. */
  updatedBy?: Maybe<Person>;
};

/** A person's points: what they hold and what they have earned. */
export type PointsAccount = {
  __typename?: 'PointsAccount';
  /** Points available to redeem; never negative. */
  balance: Scalars['Int']['output'];
  /** Rank by points earned among the people of the person's community (1 is the top; ties share a rank); null when the community is unknown or nothing was earned in the period. */
  communityRank?: Maybe<Scalars['Int']['output']>;
  /** Points earned so far (awards, reversals and adjustments; not spending). */
  earnedTotal: Scalars['Int']['output'];
  /** The entries, newest first. */
  entries: LedgerEntryConnection;
  /** Whose account this is. */
  person: Person;
  /** Grows with every entry. */
  version: Scalars['Int']['output'];
};


/** A person's points: what they hold and what they have earned. */
export type PointsAccountCommunityRankArgs = {
  periodKind?: PeriodKind;
};


/** A person's points: what they hold and what they have earned. */
export type PointsAccountEntriesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** Post a case on the order board. */
export type PostOrderInput = {
  /** The case. */
  caseId: Scalars['ID']['input'];
  /** The version you saw; if the case changed since, you get CONFLICT. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
};

/** The result of postOrder. */
export type PostOrderPayload = {
  __typename?: 'PostOrderPayload';
  /** The case as it is now. */
  case: Case;
};

/** Hours to answer a case of a priority. */
export type PriorityHours = {
  __typename?: 'PriorityHours';
  /** Hours from report (or escalation) to deadline. */
  hours: Scalars['Int']['output'];
  /** The priority. */
  priority: CasePriority;
};

/** Hours for a priority. */
export type PriorityHoursInput = {
  /** Hours to the deadline. */
  hours: Scalars['Int']['input'];
  /** The priority. */
  priority: CasePriority;
};

export type Query = {
  __typename?: 'Query';
  /** One case by id, or null when there is none you may see. */
  case?: Maybe<Case>;
  /** One case by its number, e.g. WC-2026-000123. */
  caseByNumber?: Maybe<Case>;
  /** Case statistics of an org unit's subtree in a period. */
  caseStats: CaseStats;
  /** The cases you may see, narrowed by a filter. */
  cases: CaseConnection;
  /** One household by id (address masked unless you may see it). */
  household?: Maybe<Household>;
  /** Households within the caller's scope, by address; with `visitOverdue` those whose visit is overdue, most overdue first. */
  households: HouseholdConnection;
  /** Top earners of points in an org unit's subtree in a period. */
  leaderboard: Array<LeaderboardEntry>;
  /** A person's ledger entries, newest first. */
  ledger: LedgerEntryConnection;
  /** The person the access token belongs to. */
  me?: Maybe<Person>;
  /** Orders waiting to be taken in an org unit's subtree. */
  orderBoard: CaseConnection;
  /** One org unit by id, or null when there is none. */
  orgUnit?: Maybe<OrgUnit>;
  /** Org units by name, narrowed by a filter. */
  orgUnits: OrgUnitConnection;
  /** One organization by id. */
  organization?: Maybe<Organization>;
  /** Organizations by name, narrowed by a filter. */
  organizations: OrganizationConnection;
  /** The year's top neighbor chiefs of a subtree by points. */
  outstandingChiefs: Array<OutstandingChief>;
  /** People by name within the caller's scope (or your own household). */
  people: PersonConnection;
  /** One person by id (personal data masked unless you may see it). */
  person?: Maybe<Person>;
  /** The point rules in force. */
  pointRules: Array<PointRule>;
  /** A person's points account (null when they have none yet). You see your own; staff see those of people in their scope. */
  pointsAccount?: Maybe<PointsAccount>;
  /** Anonymised summaries of the cases in a community (or a unit below it), for those who live or serve there; newest first. */
  publicCases: CaseSummaryConnection;
  /** Redemptions, newest first: your own, or staff's scope. */
  redemptions: RedemptionConnection;
  /** The rewards offered in an org unit's subtree, by name. */
  rewards: RewardConnection;
  /** The rung a case reported in this org unit would go to now (null: unknown). */
  routingLevel?: Maybe<CaseLevel>;
  /** The deadlines that apply in an org unit's district. */
  slaPolicy: SlaPolicy;
};


export type QueryCaseArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCaseByNumberArgs = {
  number: Scalars['String']['input'];
};


export type QueryCaseStatsArgs = {
  from: Scalars['DateTime']['input'];
  orgUnitId: Scalars['ID']['input'];
  to: Scalars['DateTime']['input'];
};


export type QueryCasesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<CaseFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: CaseSort;
};


export type QueryHouseholdArgs = {
  id: Scalars['ID']['input'];
};


export type QueryHouseholdsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<HouseholdFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryLeaderboardArgs = {
  first?: Scalars['Int']['input'];
  from?: InputMaybe<Scalars['DateTime']['input']>;
  orgUnitId: Scalars['ID']['input'];
  period?: InputMaybe<PeriodKind>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


export type QueryLedgerArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  personId: Scalars['ID']['input'];
};


export type QueryOrderBoardArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orgUnitId: Scalars['ID']['input'];
};


export type QueryOrgUnitArgs = {
  id: Scalars['ID']['input'];
};


export type QueryOrgUnitsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<OrgUnitFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryOrganizationArgs = {
  id: Scalars['ID']['input'];
};


export type QueryOrganizationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<OrganizationFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryOutstandingChiefsArgs = {
  first?: Scalars['Int']['input'];
  orgUnitId: Scalars['ID']['input'];
  year?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryPeopleArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<PersonFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryPersonArgs = {
  id: Scalars['ID']['input'];
};


export type QueryPointsAccountArgs = {
  personId: Scalars['ID']['input'];
};


export type QueryPublicCasesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orgUnitId: Scalars['ID']['input'];
};


export type QueryRedemptionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<RedemptionFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryRewardsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeInactive?: Scalars['Boolean']['input'];
  orgUnitId: Scalars['ID']['input'];
};


export type QueryRoutingLevelArgs = {
  orgUnitId: Scalars['ID']['input'];
};


export type QuerySlaPolicyArgs = {
  orgUnitId: Scalars['ID']['input'];
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

/** The result of rateCase. */
export type RateCasePayload = {
  __typename?: 'RateCasePayload';
  /** The case as it is now. */
  case: Case;
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

/** The result of recordElection. */
export type RecordElectionPayload = {
  __typename?: 'RecordElectionPayload';
  /** The chief's NEIGHBOR_CHIEF role, with the election. */
  roleAssignment: RoleAssignment;
};

/** Exchange your points for a reward. */
export type RedeemRewardInput = {
  /** How many items, 1 to 100. */
  quantity?: Scalars['Int']['input'];
  /** The reward. */
  rewardId: Scalars['ID']['input'];
};

/** The result of redeemReward. */
export type RedeemRewardPayload = {
  __typename?: 'RedeemRewardPayload';
  /** The redemption, REQUESTED until staff hand the items over. */
  redemption: Redemption;
};

/** A person's exchange of points for a reward. */
export type Redemption = {
  __typename?: 'Redemption';
  /** When it was requested. */
  at: Scalars['DateTime']['output'];
  /** Points debited in all. */
  cost: Scalars['Int']['output'];
  /** Who fulfilled or cancelled it. */
  handledBy?: Maybe<Person>;
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** The community that hands it over. */
  orgUnit: OrgUnit;
  /** Who redeemed. */
  person: Person;
  /** How many items. */
  quantity: Scalars['Int']['output'];
  /** The reward redeemed. */
  reward?: Maybe<Reward>;
  /** The reward's name when it was redeemed. */
  rewardName: Scalars['String']['output'];
  /** Where it stands. */
  status: RedemptionStatus;
  /** When its status last changed. */
  updatedAt: Scalars['DateTime']['output'];
};

/** A page of a list. */
export type RedemptionConnection = {
  __typename?: 'RedemptionConnection';
  /** The items of this page. */
  edges: Array<RedemptionEdge>;
  /** Where this page sits. */
  pageInfo: PageInfo;
  /** How many items the whole list holds. */
  totalCount: Scalars['Int']['output'];
};

/** An item of a list and its cursor. */
export type RedemptionEdge = {
  __typename?: 'RedemptionEdge';
  /** Opaque position of this item. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Redemption;
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

/** The result of refreshToken: a new pair. */
export type RefreshTokenPayload = TokenPayload & {
  __typename?: 'RefreshTokenPayload';
  /** RS256 JWT; send as `Bearer <token>`. */
  accessToken: Scalars['String']['output'];
  /** When it expires. */
  accessTokenExpiresAt: Scalars['DateTime']['output'];
  /** Whose tokens these are. */
  personId: Scalars['ID']['output'];
  /** Opaque; works once, for refreshToken, or for logout. */
  refreshToken: Scalars['String']['output'];
  /** When it expires. */
  refreshTokenExpiresAt: Scalars['DateTime']['output'];
};

/** Up to 200 people registered together: all or none. */
export type RegisterPeopleInput = {
  /** The people. */
  people: Array<RegisterPersonInput>;
};

/** The result of registerPeople. */
export type RegisterPeoplePayload = {
  __typename?: 'RegisterPeoplePayload';
  /** The people registered, in input order. */
  people: Array<Person>;
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

/** The result of registerPerson. */
export type RegisterPersonPayload = {
  __typename?: 'RegisterPersonPayload';
  /** The person just registered. */
  person: Person;
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

/** The result of rejectCase. */
export type RejectCasePayload = {
  __typename?: 'RejectCasePayload';
  /** The case as it is now. */
  case: Case;
};

/** A new name for an org unit. */
export type RenameOrgUnitInput = {
  /** Unique among its siblings. */
  name: Scalars['String']['input'];
  /** The unit to rename. */
  orgUnitId: Scalars['ID']['input'];
};

/** The result of renameOrgUnit. */
export type RenameOrgUnitPayload = {
  __typename?: 'RenameOrgUnitPayload';
  /** The unit as renamed. */
  orgUnit: OrgUnit;
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

/** The result of reopenCase. */
export type ReopenCasePayload = {
  __typename?: 'ReopenCasePayload';
  /** The case as it is now. */
  case: Case;
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
  /** Where: the lowest unit known. */
  orgUnitId: Scalars['ID']['input'];
  /** How urgent it is. */
  priority?: CasePriority;
  /** Staff only: the resident this is reported on behalf of. */
  reporterId?: InputMaybe<Scalars['ID']['input']>;
  /** What the problem is, in a line. */
  title: Scalars['String']['input'];
};

/** The result of reportCase. */
export type ReportCasePayload = {
  __typename?: 'ReportCasePayload';
  /** The case just reported. */
  case: Case;
  /** Open cases like this one nearby in the last 7 days: follow one instead? */
  possibleDuplicates: Array<Case>;
};

/** Apply the rules in force to every awarding event consumed so far. */
export type ReprocessEventsInput = {
  /** Must be true. */
  confirm: Scalars['Boolean']['input'];
};

/** The result of reprocessEvents. */
export type ReprocessEventsPayload = {
  __typename?: 'ReprocessEventsPayload';
  /** Ledger entries they newly produced. */
  entries: Scalars['Int']['output'];
  /** Events looked at. */
  events: Scalars['Int']['output'];
};

/** Record what was done; the reporter is asked to rate it. */
export type ResolveCaseInput = {
  /** The case. */
  caseId: Scalars['ID']['input'];
  /** The version you saw; if the case changed since, you get CONFLICT. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** What was done. */
  resolution: Scalars['String']['input'];
};

/** The result of resolveCase. */
export type ResolveCasePayload = {
  __typename?: 'ResolveCasePayload';
  /** The case as it is now. */
  case: Case;
};

/** Items added to a reward's stock. */
export type RestockRewardInput = {
  /** The reward. */
  id: Scalars['ID']['input'];
  /** How many items arrived (1 or more). */
  quantity: Scalars['Int']['input'];
};

/** The result of restockReward. */
export type RestockRewardPayload = {
  __typename?: 'RestockRewardPayload';
  /** The reward with its new stock. */
  reward: Reward;
};

/** End a role assignment now. */
export type RevokeRoleInput = {
  /** The assignment to end. */
  roleAssignmentId: Scalars['ID']['input'];
};

/** The result of revokeRole. */
export type RevokeRolePayload = {
  __typename?: 'RevokeRolePayload';
  /** The revoked assignment. */
  roleAssignment: RoleAssignment;
};

/** Something a community offers for points. */
export type Reward = {
  __typename?: 'Reward';
  /** Offered now. */
  active: Scalars['Boolean']['output'];
  /** Points per item. */
  cost: Scalars['Int']['output'];
  /** When it entered the catalog. */
  createdAt: Scalars['DateTime']['output'];
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** What it is, e.g. `5 kg rice`. */
  name: Scalars['String']['output'];
  /** The community whose catalog this is. */
  orgUnit: OrgUnit;
  /** Items left; never negative. */
  stock: Scalars['Int']['output'];
};

/** A page of a list. */
export type RewardConnection = {
  __typename?: 'RewardConnection';
  /** The items of this page. */
  edges: Array<RewardEdge>;
  /** Where this page sits. */
  pageInfo: PageInfo;
  /** How many items the whole list holds. */
  totalCount: Scalars['Int']['output'];
};

/** An item of a list and its cursor. */
export type RewardEdge = {
  __typename?: 'RewardEdge';
  /** Opaque position of this item. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Reward;
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

/** A role held by a person over an org unit's subtree, for a term. */
export type RoleAssignment = {
  __typename?: 'RoleAssignment';
  /** For an elected neighbor chief. */
  election?: Maybe<Election>;
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** Where the role is held (null for a platform-wide role). */
  orgUnit?: Maybe<OrgUnit>;
  /** The organization the role is held for, if any. */
  organization?: Maybe<Organization>;
  /** Who holds the role. */
  person?: Maybe<Person>;
  /** When it was revoked, if it was. */
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The role. */
  role: Role;
  /** Start of the term. */
  since: Scalars['DateTime']['output'];
  /** End of the term, if fixed. */
  until?: Maybe<Scalars['DateTime']['output']>;
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

/** The result of setCareLevel. */
export type SetCareLevelPayload = {
  __typename?: 'SetCareLevelPayload';
  /** The household with its next visit due. */
  household: Household;
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

/** The result of setPassword; their refresh tokens are revoked. */
export type SetPasswordPayload = {
  __typename?: 'SetPasswordPayload';
  /** Whose password was set. */
  person: Person;
};

/** A rule for an occasion; setting one for the same occasion and narrowing replaces it. The most specific matching rule applies. */
export type SetPointRuleInput = {
  /** Only visits to households of this care level. */
  careLevel?: InputMaybe<Scalars['String']['input']>;
  /** Only this case category. */
  category?: InputMaybe<Scalars['String']['input']>;
  /** What it rewards, in words. */
  description?: Scalars['String']['input'];
  /** case.closed, order.taken, visit.logged or commitment.fulfilled. */
  eventType: Scalars['String']['input'];
  /** Only cases closed at this level. */
  level?: InputMaybe<Scalars['String']['input']>;
  /** Extra points when the deadline was met. */
  metDeadlineBonus?: Scalars['Int']['input'];
  /** Points per occasion, 0 to 10000. */
  points: Scalars['Int']['input'];
  /** Only this priority. */
  priority?: InputMaybe<Scalars['String']['input']>;
  /** Only handlers in this role. */
  role?: InputMaybe<Scalars['String']['input']>;
  /** Extra points when rated 5. */
  topRatingBonus?: Scalars['Int']['input'];
};

/** The result of setPointRule. */
export type SetPointRulePayload = {
  __typename?: 'SetPointRulePayload';
  /** The rule as now in force. */
  pointRule: PointRule;
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

/** The result of setSlaPolicy. */
export type SetSlaPolicyPayload = {
  __typename?: 'SetSlaPolicyPayload';
  /** The policy now in force. */
  slaPolicy: SlaPolicy;
};

/** The deadlines of a district. */
export type SlaPolicy = {
  __typename?: 'SlaPolicy';
  /** Overrides by category. */
  categories: Array<CategoryHours>;
  /** The district it applies to. */
  districtId: Scalars['ID']['output'];
  /** Hours by priority. */
  priorities: Array<PriorityHours>;
};

/** The assignee starts work. */
export type StartCaseInput = {
  /** The case. */
  caseId: Scalars['ID']['input'];
  /** The version you saw; if the case changed since, you get CONFLICT. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
};

/** The result of startCase. */
export type StartCasePayload = {
  __typename?: 'StartCasePayload';
  /** The case as it is now. */
  case: Case;
};

/** Take an order from the board; exactly one taker wins. */
export type TakeOrderInput = {
  /** The case. */
  caseId: Scalars['ID']['input'];
  /** The version you saw; if the case changed since, you get CONFLICT. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
};

/** The result of takeOrder. */
export type TakeOrderPayload = {
  __typename?: 'TakeOrderPayload';
  /** The case as it is now. */
  case: Case;
};

/** One step in a case's history. */
export type TimelineEntry = {
  __typename?: 'TimelineEntry';
  /** What was done, e.g. ASSIGNED, ESCALATED:MANUAL. */
  action: Scalars['String']['output'];
  /** Who did it; null for the system. */
  actor?: Maybe<Person>;
  /** When it happened. */
  at: Scalars['DateTime']['output'];
  /** Status before. */
  fromStatus?: Maybe<CaseStatus>;
  /** Reason, resolution or comment. */
  note?: Maybe<Scalars['String']['output']>;
  /** Status after. */
  toStatus: CaseStatus;
};

/** An access token and the refresh token that renews it. */
export type TokenPayload = {
  /** RS256 JWT; send as `Bearer <token>`. */
  accessToken: Scalars['String']['output'];
  /** When it expires. */
  accessTokenExpiresAt: Scalars['DateTime']['output'];
  /** Whose tokens these are. */
  personId: Scalars['ID']['output'];
  /** Opaque; works once, for refreshToken, or for logout. */
  refreshToken: Scalars['String']['output'];
  /** When it expires. */
  refreshTokenExpiresAt: Scalars['DateTime']['output'];
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

/** The result of updateHousehold. */
export type UpdateHouseholdPayload = {
  __typename?: 'UpdateHouseholdPayload';
  /** The household as updated. */
  household: Household;
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

/** The result of updatePerson. */
export type UpdatePersonPayload = {
  __typename?: 'UpdatePersonPayload';
  /** The person as updated. */
  person: Person;
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

/** The result of updateReward. */
export type UpdateRewardPayload = {
  __typename?: 'UpdateRewardPayload';
  /** The reward as changed. */
  reward: Reward;
};

/** A visit to a household. */
export type Visit = {
  __typename?: 'Visit';
  /** When the visit took place. */
  at: Scalars['DateTime']['output'];
  /** The household's level at the time. */
  careLevel: CareLevel;
  /** The household visited, after the visit. */
  household: Household;
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** What was found or done. */
  notes: Scalars['String']['output'];
  /** Who visited. */
  visitor?: Maybe<Person>;
};

export type Join__ContextArgument = {
  context: Scalars['String']['input'];
  name: Scalars['String']['input'];
  selection: Scalars['join__FieldValue']['input'];
  type: Scalars['String']['input'];
};

export enum Join__Graph {
  Cases = 'CASES',
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


export type FrontendCommunityDashboardQuery = { __typename?: 'Query', orgUnit?: { __typename?: 'OrgUnit', id: string, name: string, openCases: { __typename?: 'CaseConnection', totalCount: number, edges: Array<{ __typename?: 'CaseEdge', node: { __typename?: 'Case', id: string, number: string, title: string, status: CaseStatus, reporter?: { __typename?: 'Person', id: string, name: string } | null, assignee?: { __typename?: 'Person', id: string, name: string } | null } }> }, caseStats: { __typename?: 'CaseStats', collected: number, handled: number, completionRate?: number | null, open: number, byCategory: Array<{ __typename?: 'CaseCount', key: string, collected: number, handled: number }> }, leaderboard: Array<{ __typename?: 'LeaderboardEntry', rank: number, points: number, person: { __typename?: 'Person', id: string, name: string } }> } | null, orderBoard: { __typename?: 'CaseConnection', totalCount: number, edges: Array<{ __typename?: 'CaseEdge', node: { __typename?: 'Case', id: string, number: string, title: string } }> } };


export const DashboardLoginDocument = {"__meta__":{"hash":"c870b97bb57c51a2746c89a7844b46950408b4561562e863c4fee06a327389cf"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DashboardLogin"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LoginInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"personId"}}]}}]}}]} as unknown as DocumentNode<DashboardLoginMutation, DashboardLoginMutationVariables>;
export const WhereIServeDocument = {"__meta__":{"hash":"d53177a687fc92bfaef123561adfbad88b2215f0c5349167311e304bfc65b021"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WhereIServe"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"roles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"orgUnit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}}]}}]}}]} as unknown as DocumentNode<WhereIServeQuery, WhereIServeQueryVariables>;
export const FrontendCommunityDashboardDocument = {"__meta__":{"hash":"24a64af67825ab3030dce50f369f386feacb109d35d5783da9a85244bf3fefd5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FrontendCommunityDashboard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orgUnit"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","alias":{"kind":"Name","value":"openCases"},"name":{"kind":"Name","value":"cases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"status"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"REPORTED"},{"kind":"EnumValue","value":"ACCEPTED"},{"kind":"EnumValue","value":"ASSIGNED"},{"kind":"EnumValue","value":"IN_PROGRESS"},{"kind":"EnumValue","value":"ON_ORDER_BOARD"}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reporter"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"caseStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"collected"}},{"kind":"Field","name":{"kind":"Name","value":"handled"}},{"kind":"Field","name":{"kind":"Name","value":"completionRate"}},{"kind":"Field","name":{"kind":"Name","value":"open"}},{"kind":"Field","name":{"kind":"Name","value":"byCategory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"collected"}},{"kind":"Field","name":{"kind":"Name","value":"handled"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"leaderboard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"orderBoard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"orgUnitId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}}]}}]} as unknown as DocumentNode<FrontendCommunityDashboardQuery, FrontendCommunityDashboardQueryVariables>;