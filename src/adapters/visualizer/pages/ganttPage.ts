import type { Page, TryRow } from '../../../ports/MonitoringStore.js';
import { esc, formatDuration, formatTime, query, runPath } from './html.js';
import { page, pager, runNav } from './layout.js';

const ROW = 16;
const LEFT = 110;
const WIDTH = 900;

/**
 * One bar per try: light from launch to running, dark while running, to its return; red when the
 * try failed. Unfinished tries run to the right edge.
 */
export const ganttPage = (runId: string, window: Page<TryRow>, limit: number): string => {
  const tries = window.rows;
  const starts = tries
    .map((t) => t.timeLaunched ?? t.timeRunning)
    .filter((v): v is number => v !== null);
  const ends = tries
    .flatMap((t) => [t.timeReturned, t.timeRunning, t.timeLaunched])
    .filter((v): v is number => v !== null);
  const lo = starts.length === 0 ? 0 : Math.min(...starts);
  const hi = ends.length === 0 ? lo + 1 : Math.max(lo + 1, ...ends);
  const x = (ms: number) => LEFT + ((ms - lo) / (hi - lo)) * WIDTH;
  const bars = tries
    .map((t, i) => {
      const y = 20 + i * ROW;
      const launched = t.timeLaunched ?? t.timeRunning ?? lo;
      const running = t.timeRunning ?? launched;
      const returned = t.timeReturned ?? hi;
      const failed = t.failMessage !== null;
      const dark = failed ? '#e53935' : '#1e88e5';
      const title = `task ${t.taskId} try ${t.tryId} on ${t.executor}: launched ${formatTime(t.timeLaunched)}, ${
        t.timeReturned === null ? 'not returned' : `took ${formatDuration(returned - launched)}`
      }${failed ? ` — ${t.failMessage ?? ''}` : ''}`;
      return `<g class="bar" data-task="${t.taskId}" data-try="${t.tryId}"><title>${esc(title)}</title>
<text x="4" y="${y + 11}" font-size="11"><a href="${esc(runPath(runId, `task/${t.taskId}`))}">task ${t.taskId}.${t.tryId}</a></text>
<rect x="${x(launched).toFixed(1)}" y="${y + 2}" width="${Math.max(1, x(running) - x(launched)).toFixed(1)}" height="${ROW - 4}" fill="#bbdefb"/>
<rect x="${x(running).toFixed(1)}" y="${y + 2}" width="${Math.max(1, x(returned) - x(running)).toFixed(1)}" height="${ROW - 4}" fill="${dark}"/></g>`;
    })
    .join('');
  const height = 40 + tries.length * ROW;
  const href = (offset: number) => runPath(runId, `gantt${query({ offset, limit })}`);
  const body = `<div class="legend"><span><i style="background:#bbdefb"></i>launched, waiting</span>
<span><i style="background:#1e88e5"></i>running</span><span><i style="background:#e53935"></i>failed try</span></div>
${pager(href, window.offset, limit, window.total, 'tries')}
<p class="muted">From ${formatTime(lo)} to ${formatTime(hi)} (${formatDuration(hi - lo)})</p>
<div class="chart"><svg id="gantt" xmlns="http://www.w3.org/2000/svg" width="${LEFT + WIDTH + 20}" height="${height}">
<line x1="${LEFT}" y1="10" x2="${LEFT}" y2="${height - 10}" stroke="#999"/>${bars}</svg></div>`;
  return page(`Task Gantt chart (${tries.length} tries shown)`, body, runNav(runId));
};
