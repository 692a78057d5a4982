import type { Page, TaskRow } from '../../../ports/MonitoringStore.js';
import { appColour, esc, query, runPath, STATE_COLOURS, stateColour } from './html.js';
import { page, pager, runNav } from './layout.js';

const DX = 70;
const DY = 22;
const R = 7;

/** Column (depth) of each task of the window: 0 when no dependency is in the window. */
export const dagDepths = (tasks: readonly TaskRow[]): Map<number, number> => {
  const depth = new Map<number, number>();
  for (const t of [...tasks].sort((a, b) => a.taskId - b.taskId)) {
    let d = 0;
    for (const dep of t.dependsOn) {
      const parent = depth.get(dep);
      if (parent !== undefined) d = Math.max(d, parent + 1);
    }
    depth.set(t.taskId, d);
  }
  return depth;
};

/**
 * The task DAG of a window of tasks, laid out by dependency depth, coloured by app or by state;
 * hovering a node shows app, task id and state; clicking opens the task.
 * Parsl: "Workflow DAG - colors grouped by apps / by task states".
 */
export const dagPage = (
  runId: string,
  window: Page<TaskRow>,
  apps: readonly string[],
  colour: 'app' | 'state',
  limit: number,
): string => {
  const tasks = window.rows;
  const depths = dagDepths(tasks);
  const rowsPerDepth = new Map<number, number>();
  const pos = new Map<number, { x: number; y: number }>();
  for (const t of tasks) {
    const d = depths.get(t.taskId) ?? 0;
    const row = rowsPerDepth.get(d) ?? 0;
    rowsPerDepth.set(d, row + 1);
    pos.set(t.taskId, { x: 30 + d * DX, y: 20 + row * DY });
  }
  const width = 60 + Math.max(0, ...depths.values()) * DX;
  const height = 40 + Math.max(1, ...rowsPerDepth.values()) * DY;
  const appIndex = new Map(apps.map((a, i) => [a, i]));
  const fill = (t: TaskRow) =>
    colour === 'app' ? appColour(appIndex.get(t.appName) ?? 0) : stateColour(t.taskStatus);
  const edges: string[] = [];
  for (const t of tasks) {
    const to = pos.get(t.taskId);
    for (const dep of t.dependsOn) {
      const from = pos.get(dep);
      if (from !== undefined && to !== undefined) {
        edges.push(`<line x1="${from.x}" y1="${from.y}" x2="${to.x}" y2="${to.y}"/>`);
      }
    }
  }
  const nodes = tasks
    .map((t) => {
      const p = pos.get(t.taskId) ?? { x: 0, y: 0 };
      return `<a href="${esc(runPath(runId, `task/${t.taskId}`))}"><circle class="node" data-task="${t.taskId}" data-app="${esc(t.appName)}" data-state="${esc(t.taskStatus)}" cx="${p.x}" cy="${p.y}" r="${R}" fill="${fill(t)}"><title>${esc(t.appName)} · task ${t.taskId} · ${esc(t.taskStatus)}</title></circle></a>`;
    })
    .join('');
  const legend =
    colour === 'app'
      ? apps
          .map((a, i) => `<span><i style="background:${appColour(i)}"></i>${esc(a)}</span>`)
          .join('')
      : Object.entries(STATE_COLOURS)
          .map(([s, c]) => `<span><i style="background:${c}"></i>${esc(s)}</span>`)
          .join('');
  const other = colour === 'app' ? 'state' : 'app';
  const href = (offset: number) => runPath(runId, `dag${query({ color: colour, offset, limit })}`);
  const body = `<p><a href="${esc(runPath(runId, `dag${query({ color: other, offset: window.offset, limit })}`))}">Colour by ${other} instead</a></p>
<div class="legend" id="legend">${legend}</div>${pager(href, window.offset, limit, window.total, 'tasks')}
<div class="chart"><svg id="dag" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<g stroke="#b0bec5" stroke-width="1">${edges.join('')}</g><g stroke="#fff" stroke-width="1">${nodes}</g></svg></div>`;
  return page(`DAG by ${colour} (${tasks.length} tasks shown)`, body, runNav(runId));
};
