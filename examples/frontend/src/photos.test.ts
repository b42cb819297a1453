import { describe, expect, it } from "vitest";

import { mediaUrl, thumbnailsHtml } from "./photos";

const GRAPHQL = "http://gateway.test:4000/graphql";

describe("mediaUrl", () => {
  it("puts a gateway path on the gateway's origin and keeps an absolute URL", () => {
    expect(mediaUrl("/media/cases/file/abc.def", GRAPHQL)).toBe("http://gateway.test:4000/media/cases/file/abc.def");
    expect(mediaUrl("https://media.example/media/cases/file/abc.def", GRAPHQL)).toBe(
      "https://media.example/media/cases/file/abc.def",
    );
  });
});

describe("thumbnailsHtml", () => {
  it("shows each thumbnail as a link to the full photo", () => {
    const html = thumbnailsHtml(
      [{ id: "m1", url: "/media/cases/file/full.sig", thumbnailUrl: "/media/cases/file/thumb.sig" }],
      GRAPHQL,
      'Burst "pipe"',
    );

    expect(html).toContain('href="http://gateway.test:4000/media/cases/file/full.sig"');
    expect(html).toContain('src="http://gateway.test:4000/media/cases/file/thumb.sig"');
    expect(html).toContain('alt="Burst &#34;pipe&#34;, photo 1"');
  });

  it("shows nothing for a case without photos", () => {
    expect(thumbnailsHtml([], GRAPHQL, "Quiet")).toBe("");
  });
});
