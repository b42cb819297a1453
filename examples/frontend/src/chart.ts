// Case statistics as horizontal bars: collected (light) and handled (dark) per category.
export interface CategoryCount {
  key: string;
  collected: number;
  handled: number;
}

export interface Bar {
  label: string;
  y: number;
  collectedWidth: number;
  handledWidth: number;
}

export function bars(counts: readonly CategoryCount[], width: number, rowHeight = 22): Bar[] {
  const max = Math.max(1, ...counts.map((c) => c.collected));
  return [...counts]
    .sort((a, b) => b.collected - a.collected || a.key.localeCompare(b.key))
    .map((count, index) => ({
      label: count.key,
      y: index * rowHeight,
      collectedWidth: Math.round((count.collected / max) * width),
      handledWidth: Math.round((Math.min(count.handled, count.collected) / max) * width),
    }));
}

const LABEL_WIDTH = 150;

export function barChartSvg(counts: readonly CategoryCount[], width = 420): string {
  const rows = bars(counts, width - LABEL_WIDTH - 40);
  const height = Math.max(22, rows.length * 22);
  const body = rows
    .map(
      (bar) => `
      <text x="0" y="${bar.y + 15}">${escapeHtml(bar.label)}</text>
      <rect x="${LABEL_WIDTH}" y="${bar.y + 4}" width="${bar.collectedWidth}" height="14" fill="#f5b7b1"></rect>
      <rect x="${LABEL_WIDTH}" y="${bar.y + 4}" width="${bar.handledWidth}" height="14" fill="#c0392b"></rect>`,
    )
    .join("");
  return `<svg role="img" aria-label="cases by category" width="${width}" height="${height}">${body}</svg>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
