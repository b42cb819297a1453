import { describe, expect, it } from "vitest";

import { barChartSvg, bars, escapeHtml } from "./chart";

describe("bars", () => {
  it("scales to the largest category and sorts by collected", () => {
    const result = bars(
      [
        { key: "ENVIRONMENT", collected: 2, handled: 1 },
        { key: "SEWAGE_WATER", collected: 4, handled: 4 },
      ],
      100,
    );

    expect(result.map((bar) => bar.label)).toEqual(["SEWAGE_WATER", "ENVIRONMENT"]);
    expect(result[0]).toMatchObject({ collectedWidth: 100, handledWidth: 100, y: 0 });
    expect(result[1]).toMatchObject({ collectedWidth: 50, handledWidth: 25, y: 22 });
  });

  it("draws nothing but an empty chart without cases", () => {
    expect(bars([], 100)).toEqual([]);
    expect(barChartSvg([])).toContain("<svg");
  });
});

describe("escapeHtml", () => {
  it("keeps names from becoming markup", () => {
    expect(escapeHtml('<b>"Li"</b>')).toBe("&#60;b&#62;&#34;Li&#34;&#60;/b&#62;");
  });
});
