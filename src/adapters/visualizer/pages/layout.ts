import { esc } from './html.js';

const CSS = `
body{font-family:system-ui,-apple-system,"DejaVu Sans",sans-serif;margin:0;color:#222;background:#fafafa}
header{background:#263238;color:#fff;padding:10px 20px;display:flex;gap:20px;align-items:baseline}
header a{color:#fff;text-decoration:none;font-weight:600}
header nav a{font-weight:400;color:#b3e5fc;margin-right:14px}
main{padding:16px 20px}
h1{font-size:1.4em;margin:0 0 12px}
h2{font-size:1.1em;margin:22px 0 8px}
a{color:#1565c0}
table{border-collapse:collapse;background:#fff;font-size:0.92em}
th,td{border:1px solid #ddd;padding:4px 9px;text-align:left;white-space:nowrap}
th{background:#eceff1}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.badges span{display:inline-block;padding:2px 9px;border-radius:10px;color:#fff;margin:0 6px 6px 0;font-size:0.9em}
.legend span{display:inline-block;margin-right:14px;font-size:0.88em}
.legend i{display:inline-block;width:11px;height:11px;border-radius:2px;margin-right:4px;vertical-align:-1px}
.pager{margin:10px 0}
.pager a,.pager span{margin-right:12px}
.chart{background:#fff;border:1px solid #ddd;overflow:auto;max-width:100%}
.muted{color:#777}
dl.run{display:grid;grid-template-columns:max-content auto;gap:3px 16px;background:#fff;border:1px solid #ddd;padding:10px 14px;max-width:900px}
dl.run dt{font-weight:600}
dl.run dd{margin:0}
`;

/** One page: header with navigation, a title and the body HTML (already escaped). */
export const page = (title: string, body: string, nav: readonly [string, string][] = []): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)} · parsl-ts</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style>${CSS}</style></head>
<body><header><a href="/">parsl-ts monitoring</a><nav>${nav
    .map(([href, label]) => `<a href="${esc(href)}">${esc(label)}</a>`)
    .join('')}</nav></header><main><h1>${esc(title)}</h1>${body}</main></body></html>`;

/** Navigation links of a run's pages. */
export const runNav = (runId: string): [string, string][] => {
  const base = `/workflow/${encodeURIComponent(runId)}`;
  return [
    [base, 'Summary'],
    [`${base}/dag?color=app`, 'DAG by app'],
    [`${base}/dag?color=state`, 'DAG by state'],
    [`${base}/gantt`, 'Gantt'],
    [`${base}/resources`, 'Resources'],
    [`${base}/tasks`, 'Tasks'],
  ];
};

/** Prev/next links for a window of `total` rows. */
export const pager = (
  href: (offset: number) => string,
  offset: number,
  limit: number,
  total: number,
  noun: string,
): string => {
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(total, offset + limit);
  const prev =
    offset > 0 ? `<a href="${esc(href(Math.max(0, offset - limit)))}">‹ previous</a>` : '';
  const next = last < total ? `<a href="${esc(href(offset + limit))}">next ›</a>` : '';
  return `<div class="pager">${prev}<span>${esc(noun)} ${first}–${last} of ${total}</span>${next}</div>`;
};
