// The page's operations. `npm run codegen` types them from gateway/supergraph.graphql and writes
// src/gql/persisted-documents.json, which `node gateway/persist.mjs` registers for production.
import { graphql } from "./gql";

export const LoginMutation = graphql(`
  mutation DashboardLogin($input: LoginInput!) {
    login(input: $input) {
      accessToken
      personId
    }
  }
`);

export const WhereIServeQuery = graphql(`
  query WhereIServe {
    me {
      id
      name
      roles {
        role
        orgUnit {
          id
          name
          kind
        }
      }
    }
  }
`);

export const CommunityDashboardQuery = graphql(`
  query FrontendCommunityDashboard($id: ID!, $from: DateTime!, $to: DateTime!) {
    orgUnit(id: $id) {
      id
      name
      openCases: cases(
        first: 20
        filter: { status: [REPORTED, ACCEPTED, ASSIGNED, IN_PROGRESS, ON_ORDER_BOARD] }
      ) {
        totalCount
        edges {
          node {
            id
            number
            title
            status
            reporter {
              id
              name
            }
            assignee {
              id
              name
            }
            location {
              lat
              lng
            }
            photos {
              id
              url
              thumbnailUrl
            }
          }
        }
      }
      caseStats(from: $from, to: $to) {
        collected
        handled
        completionRate
        open
        byCategory {
          key
          collected
          handled
        }
      }
      leaderboard(first: 10) {
        rank
        points
        person {
          id
          name
        }
      }
    }
    orderBoard(orgUnitId: $id, first: 10) {
      totalCount
      edges {
        node {
          id
          number
          title
        }
      }
    }
    vocabulary(kinds: ["CaseStatus", "CaseCategory"]) {
      kind
      code
      label
    }
  }
`);

// The board updates itself: orders posted to and taken from it, as they happen (Server-Sent
// Events through the gateway; docs/graph.md, "Live updates").
export const OrderBoardLiveSubscription = graphql(`
  subscription FrontendOrderBoardLive($id: ID!) {
    orderBoardChanged(orgUnitId: $id) {
      eventType
      caseId
      case {
        id
        number
        title
      }
    }
  }
`);

// The cases the viewer may see within a circle (a chosen case's point and a radius).
export const NearbyCasesQuery = graphql(`
  query FrontendNearbyCases($near: NearInput!) {
    cases(first: 50, filter: { near: $near }) {
      totalCount
      edges {
        node {
          id
          number
          title
          status
          category
          location {
            lat
            lng
          }
        }
      }
    }
  }
`);
