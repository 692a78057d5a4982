import type { AppSummary, BlockRow, WorkflowSummary } from '../../../ports/MonitoringStore.js';
import {
  appColour,
  esc,
  formatDuration,
  formatTime,
  query,
  runPath,
  runStatus,
  stateColour,
} from './html.js';
import { page, runNav } from './layout.js';

/** Everything the summary page shows. */
export interface WorkflowPageData {
  readonly run: WorkflowSummary;
  readonly apps: readonly AppSummary[];
  readonly states: Readonly<Record<string, number>>;
  readonly blocks: readonly BlockRow[];
}

/** Run details, task states, the app summary and the blocks. Parsl: Workflow Summary page. */
export const workflowPage = ({ run, apps, states, blocks }: WorkflowPageData): string => {
  const details: [string, string][] = [
    ['Run id', esc(run.runId)],
    ['Workflow', esc(run.workflowName)],
    ['Version', esc(run.workflowVersion)],
    ['Status', esc(runStatus(run))],
    ['Began', formatTime(run.timeBegan)],
    ['Completed', formatTime(run.timeCompleted)],
    [
      'Duration',
      formatDuration(run.timeCompleted === null ? null : run.timeCompleted - run.timeBegan),
    ],
    ['Host', esc(run.host)],
    ['User', esc(run.user)],
    ['Run directory', esc(run.rundir)],
    [
      'Tasks',
      `${run.tasksTotal} (${run.tasksCompletedCount} done, ${run.tasksFailedCount} failed, ${run.tasksActive} active)`,
    ],
  ];
  const badges = Object.entries(states)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(
      ([state, n]) =>
        `<a href="${esc(runPath(run.runId, `tasks${query({ state })}`))}"><span style="background:${stateColour(state)}" data-state="${esc(state)}">${esc(state)}: ${n}</span></a>`,
    )
    .join('');
  const appRows = apps
    .map(
      (
        a,
        i,
      ) => `<tr data-app="${esc(a.appName)}"><td><i style="display:inline-block;width:10px;height:10px;background:${appColour(i)}"></i>
<a href="${esc(runPath(run.runId, `tasks${query({ app: a.appName })}`))}">${esc(a.appName)}</a></td>
<td class="num">${a.count}</td><td class="num">${a.completed}</td><td class="num">${a.failed}</td>
<td class="num">${formatDuration(a.meanDurationMs)}</td><td class="num">${formatDuration(a.minDurationMs)}</td>
<td class="num">${formatDuration(a.maxDurationMs)}</td></tr>`,
    )
    .join('');
  const blockRows = blocks
    .map(
      (b) =>
        `<tr><td>${formatTime(b.timestamp)}</td><td>${esc(b.executorLabel)}</td><td>${esc(b.blockId)}</td><td>${esc(b.jobId ?? '')}</td><td>${esc(b.status)}</td></tr>`,
    )
    .join('');
  const body = `<dl class="run">${details.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>
<h2>Task states</h2><div class="badges" id="states">${badges || '<span style="background:#999">no tasks</span>'}</div>
<h2>App summary</h2>
<table id="apps"><thead><tr><th>App</th><th>Invocations</th><th>Done</th><th>Failed</th><th>Mean duration</th>
<th>Min</th><th>Max</th></tr></thead><tbody>${appRows}</tbody></table>
<h2>Views</h2><ul>
<li><a href="${esc(runPath(run.runId, 'dag?color=app'))}">Workflow DAG – colours grouped by apps</a></li>
<li><a href="${esc(runPath(run.runId, 'dag?color=state'))}">Workflow DAG – colours grouped by task states</a></li>
<li><a href="${esc(runPath(run.runId, 'gantt'))}">Task Gantt chart</a></li>
<li><a href="${esc(runPath(run.runId, 'resources'))}">Workflow resource usage</a></li>
<li><a href="${esc(runPath(run.runId, 'tasks'))}">All tasks</a></li></ul>
${
  blocks.length === 0
    ? ''
    : `<h2>Blocks</h2><table id="blocks"><thead><tr><th>Time</th><th>Executor</th><th>Block</th><th>Job</th><th>Status</th></tr></thead><tbody>${blockRows}</tbody></table>`
}`;
  return page(`Workflow ${run.workflowName}`, body, runNav(run.runId));
};
