import { describe, expect, it } from "vitest";

import { labeller } from "./vocabulary";

describe("labeller", () => {
  const label = labeller([
    { kind: "CaseStatus", code: "IN_PROGRESS", label: "办理中" },
    { kind: "CaseCategory", code: "OTHER", label: "其他" },
  ]);

  it("shows the label of a code of its kind", () => {
    expect(label("CaseStatus", "IN_PROGRESS")).toBe("办理中");
  });

  it("falls back to the code when the vocabulary has no word for it", () => {
    expect(label("CaseStatus", "ON_HOLD")).toBe("ON_HOLD");
    expect(label("CaseStatus", "OTHER")).toBe("OTHER");
  });
});
