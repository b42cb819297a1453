// Distances for the "nearby cases" card. The graph finds the cases inside the circle (`near`) in
// its own order (newest first); the page sorts them by distance and says how far each one is.
export interface Point {
  lat: number;
  lng: number;
}

// The sphere MongoDB uses for `$centerSphere`, so a case the graph finds within 500 m is shown
// at 500 m or less.
const EARTH_RADIUS_M = 6_378_100;

/** Great-circle distance in metres (haversine). */
export function distanceMeters(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The other placed cases, nearest first, each with its distance from `centre`. */
export function nearestFirst<T extends { id: string; location?: Point | null }>(
  centre: Point,
  cases: readonly T[],
  excludeId?: string,
): { item: T; meters: number }[] {
  return cases
    .filter((item) => item.id !== excludeId && item.location != null)
    .map((item) => ({ item, meters: distanceMeters(centre, item.location!) }))
    .sort((a, b) => a.meters - b.meters);
}

/** "120 m" below a kilometre, "1.2 km" from there. */
export function formatDistance(meters: number): string {
  return meters < 1000 ? `${Math.round(meters)} m` : `${(meters / 1000).toFixed(1)} km`;
}
