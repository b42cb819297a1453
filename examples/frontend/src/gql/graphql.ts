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

/** A person joins an organization. */
export type AddOrganizationMemberInput = {
  /** The organization. */
  organizationId: Scalars['ID']['input'];
  /** The new member. */
  personId: Scalars['ID']['input'];
  /** Their title there. */
  title?: InputMaybe<Scalars['String']['input']>;
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

/** Cancel a redemption not yet handed over: refund and restock. */
export type CancelRedemptionInput = {
  /** The redemption. */
  id: Scalars['ID']['input'];
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
  InProgress = 'IN_PROGRESS',
  OnOrderBoard = 'ON_ORDER_BOARD',
  Rejected = 'REJECTED',
  Reported = 'REPORTED',
  Resolved = 'RESOLVED'
}

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

/** Add a comment to a case's timeline. */
export type CommentOnCaseInput = {
  /** The case. */
  caseId: Scalars['ID']['input'];
  /** The version you saw; if the case changed since, you get CONFLICT. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  /** The comment. */
  text: Scalars['String']['input'];
};

/** Where a commitment stands. */
export enum CommitmentStatus {
  Fulfilled = 'FULFILLED',
  Lapsed = 'LAPSED',
  Promised = 'PROMISED'
}

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

/** The rule to delete; events processed afterwards ignore it. */
export type DeletePointRuleInput = {
  /** The rule's id. */
  id: Scalars['ID']['input'];
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
  /** Where: the lowest unit known. */
  orgUnitId: Scalars['ID']['input'];
  /** How urgent it is. */
  priority?: CasePriority;
  /** Staff only: the resident this is reported on behalf of. */
  reporterId?: InputMaybe<Scalars['ID']['input']>;
  /** What the problem is, in a line. */
  title: Scalars['String']['input'];
};

/** Apply the rules in force to every awarding event consumed so far. */
export type ReprocessEventsInput = {
  /** Must be true. */
  confirm: Scalars['Boolean']['input'];
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

/** A household's care level and, optionally, its needs. */
export type SetCareLevelInput = {
  /** RED, YELLOW, GREEN or NONE. */
  careLevel: CareLevel;
  /** The household. */
  householdId: Scalars['ID']['input'];
  /** Replaces the needs when given. */
  needs?: InputMaybe<Array<Scalars['String']['input']>>;
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
  /** case.closed, order.taken, visit.logged or commitment.fulfilled. */
  eventType: Scalars['String']['input'];
  /** Only cases closed at this level. */
  level?: InputMaybe<Scalars['String']['input']>;
  /** At most this many awards of this event type per person and period (1 to 1000); unset: the platform default (visits 12 a day, commitments 4 a month). */
  maxPerPeriod?: InputMaybe<Scalars['Int']['input']>;
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

/** A district's deadlines; omitted priorities keep the defaults. */
export type SetSlaPolicyInput = {
  /** Overrides by category. */
  categories?: Array<CategoryHoursInput>;
  /** The district (or a unit in it). */
  districtId: Scalars['ID']['input'];
  /** Hours by priority. */
  priorities?: Array<PriorityHoursInput>;
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


export type FrontendCommunityDashboardQuery = { __typename?: 'Query', orgUnit?: { __typename?: 'OrgUnit', id: string, name: string, openCases?: { __typename?: 'CaseConnection', totalCount: number, edges: Array<{ __typename?: 'CaseEdge', node: { __typename?: 'Case', id: string, number: string, title: string, status: CaseStatus, reporter?: { __typename?: 'Person', id: string, name: string } | null, assignee?: { __typename?: 'Person', id: string, name: string } | null } }> } | null, caseStats?: { __typename?: 'CaseStats', collected: number, handled: number, completionRate?: number | null, open: number, byCategory: Array<{ __typename?: 'CaseCount', key: string, collected: number, handled: number }> } | null, leaderboard?: Array<{ __typename?: 'LeaderboardEntry', rank: number, points: number, person: { __typename?: 'Person', id: string, name: string } }> | null } | null, orderBoard: { __typename?: 'CaseConnection', totalCount: number, edges: Array<{ __typename?: 'CaseEdge', node: { __typename?: 'Case', id: string, number: string, title: string } }> }, vocabulary: Array<{ __typename?: 'VocabularyTerm', kind: string, code: string, label: string }> };


export const DashboardLoginDocument = {"__meta__":{"hash":"c870b97bb57c51a2746c89a7844b46950408b4561562e863c4fee06a327389cf"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DashboardLogin"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LoginInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"personId"}}]}}]}}]} as unknown as DocumentNode<DashboardLoginMutation, DashboardLoginMutationVariables>;
export const WhereIServeDocument = {"__meta__":{"hash":"d53177a687fc92bfaef123561adfbad88b2215f0c5349167311e304bfc65b021"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WhereIServe"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"roles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"orgUnit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}}]}}]}}]} as unknown as DocumentNode<WhereIServeQuery, WhereIServeQueryVariables>;
export const FrontendCommunityDashboardDocument = {"__meta__":{"hash":"0b42b135d8ac94b88daed537779dc0b3c7f605be14190b0e2c7b6e28e3baa1ba"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FrontendCommunityDashboard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orgUnit"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","alias":{"kind":"Name","value":"openCases"},"name":{"kind":"Name","value":"cases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"status"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"REPORTED"},{"kind":"EnumValue","value":"ACCEPTED"},{"kind":"EnumValue","value":"ASSIGNED"},{"kind":"EnumValue","value":"IN_PROGRESS"},{"kind":"EnumValue","value":"ON_ORDER_BOARD"}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reporter"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"caseStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"collected"}},{"kind":"Field","name":{"kind":"Name","value":"handled"}},{"kind":"Field","name":{"kind":"Name","value":"completionRate"}},{"kind":"Field","name":{"kind":"Name","value":"open"}},{"kind":"Field","name":{"kind":"Name","value":"byCategory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"collected"}},{"kind":"Field","name":{"kind":"Name","value":"handled"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"leaderboard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"orderBoard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"orgUnitId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"vocabulary"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kinds"},"value":{"kind":"ListValue","values":[{"kind":"StringValue","value":"CaseStatus","block":false},{"kind":"StringValue","value":"CaseCategory","block":false}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}}]}}]} as unknown as DocumentNode<FrontendCommunityDashboardQuery, FrontendCommunityDashboardQueryVariables>;