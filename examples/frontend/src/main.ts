// A community dashboard on the one graph: log in, find the community you serve, show its open
// cases (with reporter and assignee names), the order board, case statistics and the points
// leaderboard — one query, through urql with a normalized cache (graphcache). Statuses and
// categories are shown by their labels from the graph's `vocabulary`, in the page's language.
// A case's photos show as thumbnails that open the full photo; "Nearby" under a placed case lists
// the cases within RADIUS_M of it (`cases(filter: {near})`), nearest first. The order board
// updates itself through a subscription (`orderBoardChanged`, Server-Sent Events).
import { Client, fetchExchange } from "@urql/core";
import { cacheExchange } from "@urql/exchange-graphcache";

import { barChartSvg, escapeHtml } from "./chart";
import type { FrontendCommunityDashboardQuery } from "./gql/graphql";
import {
  CommunityDashboardQuery,
  LoginMutation,
  NearbyCasesQuery,
  OrderBoardLiveSubscription,
  WhereIServeQuery,
} from "./operations";
import { thumbnailsHtml } from "./photos";
import { formatDistance, nearestFirst, type Point } from "./places";
import { type Labeller, labeller } from "./vocabulary";

const params = new URLSearchParams(window.location.search);
const GRAPHQL_URL =
  params.get("graphql") ?? import.meta.env.VITE_GRAPHQL_URL ?? "http://localhost:4000/graphql";
// The language labels and messages come in (sent as Accept-Language): ?lang=en for English.
const LANGUAGE = params.get("lang") ?? "zh-CN";
document.documentElement.lang = LANGUAGE;
// How far "nearby" reaches (?radius=<metres>; the graph allows up to 20 km).
const RADIUS_M = Number(params.get("radius") ?? 500);

let accessToken: string | null = null;

// Types without an id are embedded in their parent, not normalized.
const embedded = () => null;
const client = new Client({
  url: GRAPHQL_URL,
  // Subscriptions over fetch (Server-Sent Events), with the same headers as every request.
  fetchSubscriptions: true,
  exchanges: [
    cacheExchange({
      keys: {
        CaseChange: embedded,
        CaseConnection: embedded,
        CaseEdge: embedded,
        CaseStats: embedded,
        CaseCount: embedded,
        GeoPoint: embedded,
        LeaderboardEntry: embedded,
        RoleAssignment: (entity) => (entity.id as string | undefined) ?? null,
        LoginPayload: embedded,
        PageInfo: embedded,
        VocabularyTerm: embedded,
      },
    }),
    fetchExchange,
  ],
  fetchOptions: () => ({
    headers: {
      "accept-language": LANGUAGE,
      ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
    },
  }),
});

const loginForm = document.querySelector<HTMLFormElement>("#login")!;
const errorLine = document.querySelector<HTMLParagraphElement>("[data-testid=error]")!;
const dashboard = document.querySelector<HTMLElement>("#dashboard")!;

function showError(message: string): void {
  errorLine.textContent = message;
  errorLine.hidden = false;
}

loginForm.addEventListener("submit", (event) => {
  event.preventDefault();
  const form = new FormData(loginForm);
  void logIn(String(form.get("phone")), String(form.get("password")));
});

async function logIn(phone: string, password: string): Promise<void> {
  const login = await client.mutation(LoginMutation, { input: { phone, password } }).toPromise();
  if (login.error || !login.data) {
    showError(login.error?.graphQLErrors[0]?.message ?? login.error?.message ?? "login failed");
    return;
  }
  accessToken = login.data.login.accessToken;
  const me = await client.query(WhereIServeQuery, {}).toPromise();
  const units = me.data?.me?.roles.map((role) => role.orgUnit).filter((unit) => unit != null) ?? [];
  const community = units.find((unit) => unit.kind === "COMMUNITY") ?? units[0];
  if (!community) {
    showError("you hold no role in an org unit: nothing to show");
    return;
  }
  const year = new Date().getUTCFullYear();
  const result = await client
    .query(CommunityDashboardQuery, {
      id: community.id,
      from: `${year}-01-01T00:00:00Z`,
      to: `${year + 1}-01-01T00:00:00Z`,
    })
    .toPromise();
  // A refused or unavailable part (case statistics, the leaderboard) comes back as null with an
  // error at its path while the rest of the unit is there: render what arrived, and give up only
  // when the unit itself is missing.
  if (!result.data?.orgUnit) {
    showError(result.error?.graphQLErrors[0]?.message ?? "the dashboard could not be loaded");
    return;
  }
  loginForm.hidden = true;
  render(me.data?.me?.name ?? "", result.data);
  watchBoard(community.id, result.data);
}

type BoardItem = { id: string; number: string; title: string };

// The order board as it changes: a posted order is added, a taken one removed. When the stream
// ends (a deploy, a token's end) the board stays as it was; a reload shows the current one.
function watchBoard(unitId: string, data: FrontendCommunityDashboardQuery): void {
  const items: BoardItem[] = data.orderBoard.edges.map(({ node }) => node);
  let total = data.orderBoard.totalCount;
  client.subscription(OrderBoardLiveSubscription, { id: unitId }).subscribe((result) => {
    const change = result.data?.orderBoardChanged;
    if (!change) {
      return;
    }
    const at = items.findIndex((item) => item.id === change.caseId);
    if (change.eventType === "order.posted" && change.case && at < 0) {
      items.unshift(change.case);
      total += 1;
    } else if (change.eventType === "order.taken" && at >= 0) {
      items.splice(at, 1);
      total -= 1;
    }
    renderBoard(items, total);
  });
}

function boardHtml(items: readonly BoardItem[]): string {
  return (
    items.map((item) => `<li>${escapeHtml(item.number)} ${escapeHtml(item.title)}</li>`).join("") ||
    "<li>No order waiting.</li>"
  );
}

function renderBoard(items: readonly BoardItem[], total: number): void {
  document.querySelector("[data-testid=order-board]")!.innerHTML = boardHtml(items);
  document.querySelector("[data-testid=order-board-count]")!.textContent = String(total);
}

// The placed cases on the dashboard (id → number and point) and the labels, for "Nearby".
const placed = new Map<string, { number: string; location: Point }>();
let labels: Labeller = (_kind, code) => code;

dashboard.addEventListener("click", (event) => {
  const button = (event.target as Element).closest<HTMLButtonElement>("button[data-nearby]");
  if (button) {
    void showNearby(button.dataset.nearby!);
  }
});

async function showNearby(caseId: string): Promise<void> {
  const chosen = placed.get(caseId);
  const panel = dashboard.querySelector<HTMLElement>("[data-testid=nearby-panel]");
  if (!chosen || !panel) {
    return;
  }
  const centre = chosen.location;
  const result = await client
    .query(NearbyCasesQuery, { near: { ...centre, radiusMeters: RADIUS_M } })
    .toPromise();
  const heading = `<h2>Within ${formatDistance(RADIUS_M)} of ${escapeHtml(chosen.number)}</h2>`;
  if (!result.data) {
    panel.innerHTML = `${heading}${unavailable("The nearby cases")}`;
  } else {
    const rows = nearestFirst(centre, result.data.cases.edges.map(({ node }) => node), caseId)
      .map(
        ({ item, meters }) => `<li data-testid="nearby-case">
          <span>${escapeHtml(item.number)}</span> <span>${escapeHtml(item.title)}</span>
          · <span data-code="${item.status}">${escapeHtml(labels("CaseStatus", item.status))}</span>
          · <span data-code="${item.category}">${escapeHtml(labels("CaseCategory", item.category))}</span>
          · <span>${formatDistance(meters)}</span></li>`,
      )
      .join("");
    panel.innerHTML = `${heading}<ol data-testid="nearby" data-case="${escapeHtml(caseId)}">${rows || "<li>No other case nearby.</li>"}</ol>`;
  }
  panel.hidden = false;
}

const unavailable = (what: string) => `<p class="unavailable">${what} cannot be shown now.</p>`;

function render(viewer: string, data: FrontendCommunityDashboardQuery): void {
  const unit = data.orgUnit!;
  labels = labeller(data.vocabulary);
  const label = labels;
  placed.clear();
  const stats = unit.caseStats;
  const rate =
    stats == null || stats.completionRate == null ? "–" : `${(stats.completionRate * 100).toFixed(1)}%`;
  const cases = (unit.openCases?.edges ?? [])
    .map(({ node }) => {
      if (node.location) {
        placed.set(node.id, { number: node.number, location: node.location });
      }
      const nearby = node.location
        ? `<button type="button" data-nearby="${escapeHtml(node.id)}">Nearby</button>`
        : "";
      return `<tr data-testid="case">
        <td>${escapeHtml(node.number)}</td><td>${escapeHtml(node.title)}</td>
        <td data-code="${node.status}">${escapeHtml(label("CaseStatus", node.status))}</td><td>${escapeHtml(node.reporter?.name ?? "anonymous")}</td>
        <td>${escapeHtml(node.assignee?.name ?? "—")}</td>
        <td class="photos">${thumbnailsHtml(node.photos, GRAPHQL_URL, node.title)}${nearby}</td></tr>`;
    })
    .join("");
  const board = boardHtml(data.orderBoard.edges.map(({ node }) => node));
  const leaders = (unit.leaderboard ?? [])
    .map((entry) => `<li>#${entry.rank} ${escapeHtml(entry.person.name)} · ${entry.points} points</li>`)
    .join("");
  dashboard.innerHTML = `
    <h1>${escapeHtml(unit.name)}</h1>
    <p>Signed in as ${escapeHtml(viewer)}</p>
    <div class="grid">
      <div class="card">
        <h2>Open cases (${unit.openCases?.totalCount ?? "–"})</h2>
        ${
          unit.openCases
            ? `<table><thead><tr><th>number</th><th>title</th><th>status</th><th>reporter</th><th>assignee</th><th>photos · place</th></tr></thead>
        <tbody>${cases || '<tr><td colspan="6">No open case.</td></tr>'}</tbody></table>`
            : unavailable("The cases")
        }
        <h2>Order board (<span data-testid="order-board-count">${data.orderBoard.totalCount}</span>)</h2>
        <ul data-testid="order-board">${board}</ul>
        <section data-testid="nearby-panel" hidden></section>
      </div>
      <div class="card">
        <h2>This year</h2>
        ${
          stats
            ? `<div class="figures" data-testid="stats">
          <div>${stats.collected}<small>collected</small></div>
          <div>${stats.handled}<small>handled</small></div>
          <div>${rate}<small>completion</small></div>
          <div>${stats.open}<small>open</small></div>
        </div>
        ${barChartSvg(stats.byCategory.map((count) => ({ ...count, key: label("CaseCategory", count.key) })))}`
            : unavailable("The case statistics")
        }
        <h2>Points leaderboard</h2>
        ${
          unit.leaderboard
            ? `<ol data-testid="leaderboard">${leaders || "<li>No points earned yet.</li>"}</ol>`
            : unavailable("The leaderboard")
        }
      </div>
    </div>`;
  dashboard.hidden = false;
}
