// A case's photos as thumbnails that open the full photo. `url` and `thumbnailUrl` are signed
// gateway paths (`/media/cases/file/<token>`, absolute when the gateway's MEDIA_PUBLIC_BASE_URL
// is set) that work for a few minutes without a token: an <img> can load them from any origin.
import { escapeHtml } from "./chart";

export interface PhotoLinks {
  id: string;
  url: string;
  thumbnailUrl: string;
}

/** A photo path resolved against the gateway the page talks to (absolute URLs stay as they are). */
export function mediaUrl(path: string, graphqlUrl: string): string {
  return new URL(path, graphqlUrl).href;
}

export function thumbnailsHtml(photos: readonly PhotoLinks[], graphqlUrl: string, caption: string): string {
  return photos
    .map(
      (photo, index) =>
        `<a data-testid="photo" href="${escapeHtml(mediaUrl(photo.url, graphqlUrl))}" target="_blank" rel="noopener">` +
        `<img src="${escapeHtml(mediaUrl(photo.thumbnailUrl, graphqlUrl))}" alt="${escapeHtml(`${caption}, photo ${index + 1}`)}" height="48" /></a>`,
    )
    .join("");
}
