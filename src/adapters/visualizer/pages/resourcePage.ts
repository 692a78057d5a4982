import type { ResourceBucket } from '../../../ports/MonitoringStore.js';
import { esc, formatBytes, formatTime } from './html.js';
import { page, runNav } from './layout.js';

const W = 860;
const H = 220;
const PAD = 50;

const lineChart = (
  id: string,
  buckets: readonly ResourceBucket[],
  value: (b: ResourceBucket) => number,
  label: (v: number) => string,
  colour: string,
): string => {
  const lo = buckets[0]?.start ?? 0;
  const hi = Math.max(lo + 1, buckets.at(-1)?.start ?? lo + 1);
  const max = Math.max(1e-9, ...buckets.map(value));
  const x = (t: number) => PAD + ((t - lo) / (hi - lo)) * (W - PAD - 10);
  const y = (v: number) => H - 25 - (v / max) * (H - 45);
  const points = buckets.map((b) => `${x(b.start).toFixed(1)},${y(value(b)).toFixed(1)}`).join(' ');
  const dots = buckets
    .map(
      (b) =>
        `<circle cx="${x(b.start).toFixed(1)}" cy="${y(value(b)).toFixed(1)}" r="2.5" fill="${colour}"><title>${esc(
          `${formatTime(b.start)}: ${label(value(b))} over ${b.tasks} task(s)`,
        )}</title></circle>`,
    )
    .join('');
  return `<div class="chart"><svg id="${id}" xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
<line x1="${PAD}" y1="${H - 25}" x2="${W - 10}" y2="${H - 25}" stroke="#999"/><line x1="${PAD}" y1="15" x2="${PAD}" y2="${H - 25}" stroke="#999"/>
<text x="4" y="22" font-size="11">${esc(label(max))}</text><text x="4" y="${H - 28}" font-size="11">0</text>
<text x="${PAD}" y="${H - 8}" font-size="11">${esc(formatTime(lo))}</text>
<text x="${W - 130}" y="${H - 8}" font-size="11">${esc(formatTime(hi))}</text>
<polyline fill="none" stroke="${colour}" stroke-width="2" points="${points}"/>${dots}</svg></div>`;
};

/**
 * Resource use summed over the tasks running at each time: CPU, resident memory and the number of
 * sampled tasks. Parsl: "Workflow resource usage".
 */
export const resourcePage = (runId: string, buckets: readonly ResourceBucket[]): string => {
  const body =
    buckets.length === 0
      ? '<p id="no-resources">No resource samples in this run (resource monitoring is off, or tasks ended before the first sample).</p>'
      : `<p class="muted">${buckets.reduce((n, b) => n + b.samples, 0)} samples in ${buckets.length} time buckets</p>
<h2>CPU (percent of one core, summed over tasks)</h2>${lineChart(
          'cpu',
          buckets,
          (b) => b.cpuPercent,
          (v) => `${v.toFixed(0)} %`,
          '#1e88e5',
        )}
<h2>Resident memory (summed over tasks)</h2>${lineChart('memory', buckets, (b) => b.memoryResident, formatBytes, '#43a047')}
<h2>Tasks sampled</h2>${lineChart(
          'tasks',
          buckets,
          (b) => b.tasks,
          (v) => v.toFixed(0),
          '#8e24aa',
        )}`;
  return page('Workflow resource usage', body, runNav(runId));
};
