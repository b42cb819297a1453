import { describe, expect, it } from "vitest";

import { distanceMeters, formatDistance, nearestFirst } from "./places";

// 0.001° of latitude on the graph's sphere (6,378,100 m): 111.3 m.
const GATE = { lat: 45.75, lng: 126.64 };
const north = (metres: number) => ({ lat: GATE.lat + metres / 111_317.1, lng: GATE.lng });

describe("distanceMeters", () => {
  it("measures along the sphere the graph's `near` uses", () => {
    expect(distanceMeters(GATE, GATE)).toBe(0);
    expect(distanceMeters(GATE, north(200))).toBeCloseTo(200, 0);
    // 0.01° of longitude at 45.75° N, as grassroots_kit.geo.distance_m gives it
    expect(distanceMeters(GATE, { lat: GATE.lat, lng: GATE.lng + 0.01 })).toBeCloseTo(776.77, 1);
  });
});

describe("nearestFirst", () => {
  it("sorts the other placed cases by distance and leaves out the chosen one", () => {
    const found = nearestFirst(
      GATE,
      [
        { id: "far", location: north(450) },
        { id: "chosen", location: GATE },
        { id: "unplaced", location: null },
        { id: "near", location: north(120) },
      ],
      "chosen",
    );

    expect(found.map(({ item }) => item.id)).toEqual(["near", "far"]);
    expect(Math.round(found[0]!.meters)).toBe(120);
  });
});

describe("formatDistance", () => {
  it("says metres below a kilometre and kilometres from there", () => {
    expect(formatDistance(119.6)).toBe("120 m");
    expect(formatDistance(1234)).toBe("1.2 km");
  });
});
