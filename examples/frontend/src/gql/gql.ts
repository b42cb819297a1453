/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation DashboardLogin($input: LoginInput!) {\n    login(input: $input) {\n      accessToken\n      personId\n    }\n  }\n": typeof types.DashboardLoginDocument,
    "\n  query WhereIServe {\n    me {\n      id\n      name\n      roles {\n        role\n        orgUnit {\n          id\n          name\n          kind\n        }\n      }\n    }\n  }\n": typeof types.WhereIServeDocument,
    "\n  query FrontendCommunityDashboard($id: ID!, $from: DateTime!, $to: DateTime!) {\n    orgUnit(id: $id) {\n      id\n      name\n      openCases: cases(\n        first: 20\n        filter: { status: [REPORTED, ACCEPTED, ASSIGNED, IN_PROGRESS, ON_ORDER_BOARD] }\n      ) {\n        totalCount\n        edges {\n          node {\n            id\n            number\n            title\n            status\n            reporter {\n              id\n              name\n            }\n            assignee {\n              id\n              name\n            }\n            location {\n              lat\n              lng\n            }\n            photos {\n              id\n              url\n              thumbnailUrl\n            }\n          }\n        }\n      }\n      caseStats(from: $from, to: $to) {\n        collected\n        handled\n        completionRate\n        open\n        byCategory {\n          key\n          collected\n          handled\n        }\n      }\n      leaderboard(first: 10) {\n        rank\n        points\n        person {\n          id\n          name\n        }\n      }\n    }\n    orderBoard(orgUnitId: $id, first: 10) {\n      totalCount\n      edges {\n        node {\n          id\n          number\n          title\n        }\n      }\n    }\n    vocabulary(kinds: [\"CaseStatus\", \"CaseCategory\"]) {\n      kind\n      code\n      label\n    }\n  }\n": typeof types.FrontendCommunityDashboardDocument,
    "\n  subscription FrontendOrderBoardLive($id: ID!) {\n    orderBoardChanged(orgUnitId: $id) {\n      eventType\n      caseId\n      case {\n        id\n        number\n        title\n      }\n    }\n  }\n": typeof types.FrontendOrderBoardLiveDocument,
    "\n  query FrontendNearbyCases($near: NearInput!) {\n    cases(first: 50, filter: { near: $near }) {\n      totalCount\n      edges {\n        node {\n          id\n          number\n          title\n          status\n          category\n          location {\n            lat\n            lng\n          }\n        }\n      }\n    }\n  }\n": typeof types.FrontendNearbyCasesDocument,
};
const documents: Documents = {
    "\n  mutation DashboardLogin($input: LoginInput!) {\n    login(input: $input) {\n      accessToken\n      personId\n    }\n  }\n": types.DashboardLoginDocument,
    "\n  query WhereIServe {\n    me {\n      id\n      name\n      roles {\n        role\n        orgUnit {\n          id\n          name\n          kind\n        }\n      }\n    }\n  }\n": types.WhereIServeDocument,
    "\n  query FrontendCommunityDashboard($id: ID!, $from: DateTime!, $to: DateTime!) {\n    orgUnit(id: $id) {\n      id\n      name\n      openCases: cases(\n        first: 20\n        filter: { status: [REPORTED, ACCEPTED, ASSIGNED, IN_PROGRESS, ON_ORDER_BOARD] }\n      ) {\n        totalCount\n        edges {\n          node {\n            id\n            number\n            title\n            status\n            reporter {\n              id\n              name\n            }\n            assignee {\n              id\n              name\n            }\n            location {\n              lat\n              lng\n            }\n            photos {\n              id\n              url\n              thumbnailUrl\n            }\n          }\n        }\n      }\n      caseStats(from: $from, to: $to) {\n        collected\n        handled\n        completionRate\n        open\n        byCategory {\n          key\n          collected\n          handled\n        }\n      }\n      leaderboard(first: 10) {\n        rank\n        points\n        person {\n          id\n          name\n        }\n      }\n    }\n    orderBoard(orgUnitId: $id, first: 10) {\n      totalCount\n      edges {\n        node {\n          id\n          number\n          title\n        }\n      }\n    }\n    vocabulary(kinds: [\"CaseStatus\", \"CaseCategory\"]) {\n      kind\n      code\n      label\n    }\n  }\n": types.FrontendCommunityDashboardDocument,
    "\n  subscription FrontendOrderBoardLive($id: ID!) {\n    orderBoardChanged(orgUnitId: $id) {\n      eventType\n      caseId\n      case {\n        id\n        number\n        title\n      }\n    }\n  }\n": types.FrontendOrderBoardLiveDocument,
    "\n  query FrontendNearbyCases($near: NearInput!) {\n    cases(first: 50, filter: { near: $near }) {\n      totalCount\n      edges {\n        node {\n          id\n          number\n          title\n          status\n          category\n          location {\n            lat\n            lng\n          }\n        }\n      }\n    }\n  }\n": types.FrontendNearbyCasesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardLogin($input: LoginInput!) {\n    login(input: $input) {\n      accessToken\n      personId\n    }\n  }\n"): (typeof documents)["\n  mutation DashboardLogin($input: LoginInput!) {\n    login(input: $input) {\n      accessToken\n      personId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WhereIServe {\n    me {\n      id\n      name\n      roles {\n        role\n        orgUnit {\n          id\n          name\n          kind\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query WhereIServe {\n    me {\n      id\n      name\n      roles {\n        role\n        orgUnit {\n          id\n          name\n          kind\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FrontendCommunityDashboard($id: ID!, $from: DateTime!, $to: DateTime!) {\n    orgUnit(id: $id) {\n      id\n      name\n      openCases: cases(\n        first: 20\n        filter: { status: [REPORTED, ACCEPTED, ASSIGNED, IN_PROGRESS, ON_ORDER_BOARD] }\n      ) {\n        totalCount\n        edges {\n          node {\n            id\n            number\n            title\n            status\n            reporter {\n              id\n              name\n            }\n            assignee {\n              id\n              name\n            }\n            location {\n              lat\n              lng\n            }\n            photos {\n              id\n              url\n              thumbnailUrl\n            }\n          }\n        }\n      }\n      caseStats(from: $from, to: $to) {\n        collected\n        handled\n        completionRate\n        open\n        byCategory {\n          key\n          collected\n          handled\n        }\n      }\n      leaderboard(first: 10) {\n        rank\n        points\n        person {\n          id\n          name\n        }\n      }\n    }\n    orderBoard(orgUnitId: $id, first: 10) {\n      totalCount\n      edges {\n        node {\n          id\n          number\n          title\n        }\n      }\n    }\n    vocabulary(kinds: [\"CaseStatus\", \"CaseCategory\"]) {\n      kind\n      code\n      label\n    }\n  }\n"): (typeof documents)["\n  query FrontendCommunityDashboard($id: ID!, $from: DateTime!, $to: DateTime!) {\n    orgUnit(id: $id) {\n      id\n      name\n      openCases: cases(\n        first: 20\n        filter: { status: [REPORTED, ACCEPTED, ASSIGNED, IN_PROGRESS, ON_ORDER_BOARD] }\n      ) {\n        totalCount\n        edges {\n          node {\n            id\n            number\n            title\n            status\n            reporter {\n              id\n              name\n            }\n            assignee {\n              id\n              name\n            }\n            location {\n              lat\n              lng\n            }\n            photos {\n              id\n              url\n              thumbnailUrl\n            }\n          }\n        }\n      }\n      caseStats(from: $from, to: $to) {\n        collected\n        handled\n        completionRate\n        open\n        byCategory {\n          key\n          collected\n          handled\n        }\n      }\n      leaderboard(first: 10) {\n        rank\n        points\n        person {\n          id\n          name\n        }\n      }\n    }\n    orderBoard(orgUnitId: $id, first: 10) {\n      totalCount\n      edges {\n        node {\n          id\n          number\n          title\n        }\n      }\n    }\n    vocabulary(kinds: [\"CaseStatus\", \"CaseCategory\"]) {\n      kind\n      code\n      label\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription FrontendOrderBoardLive($id: ID!) {\n    orderBoardChanged(orgUnitId: $id) {\n      eventType\n      caseId\n      case {\n        id\n        number\n        title\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription FrontendOrderBoardLive($id: ID!) {\n    orderBoardChanged(orgUnitId: $id) {\n      eventType\n      caseId\n      case {\n        id\n        number\n        title\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FrontendNearbyCases($near: NearInput!) {\n    cases(first: 50, filter: { near: $near }) {\n      totalCount\n      edges {\n        node {\n          id\n          number\n          title\n          status\n          category\n          location {\n            lat\n            lng\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query FrontendNearbyCases($near: NearInput!) {\n    cases(first: 50, filter: { near: $near }) {\n      totalCount\n      edges {\n        node {\n          id\n          number\n          title\n          status\n          category\n          location {\n            lat\n            lng\n          }\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;