import type { WorkflowSummary } from '../../../ports/MonitoringStore.js';
import { esc, formatDuration, formatTime, runPath, runStatus } from './html.js';
import { page } from './layout.js';

/** Every recorded run, newest first. Parsl: the Workflows page. */
export const workflowsPage = (runs: readonly WorkflowSummary[], location: string): string => {
  const rows = runs
    .map(
      (w) => `<tr data-run="${esc(w.runId)}">
<td><a href="${esc(runPath(w.runId))}">${esc(w.workflowName)}</a></td>
<td>${esc(w.runId)}</td><td>${esc(w.workflowVersion)}</td>
<td>${formatTime(w.timeBegan)}</td><td>${formatTime(w.timeCompleted)}</td>
<td>${formatDuration(w.timeCompleted === null ? null : w.timeCompleted - w.timeBegan)}</td>
<td class="status">${esc(runStatus(w))}</td>
<td class="num">${w.tasksTotal}</td><td class="num">${w.tasksCompletedCount}</td>
<td class="num">${w.tasksFailedCount}</td><td class="num">${w.tasksActive}</td></tr>`,
    )
    .join('');
  const body =
    runs.length === 0
      ? `<p>No runs recorded in ${esc(location)} yet. Enable <code>monitoring</code> in the config and run a workflow.</p>`
      : `<p class="muted">${runs.length} run(s) in ${esc(location)}</p>
<table id="workflows"><thead><tr><th>Workflow</th><th>Run id</th><th>Version</th><th>Began</th><th>Completed</th>
<th>Duration</th><th>Status</th><th>Tasks</th><th>Done</th><th>Failed</th><th>Active</th></tr></thead>
<tbody>${rows}</tbody></table>`;
  return page('Workflows', body);
};
