import type { Page, StatusRow, TaskRow } from '../../../ports/MonitoringStore.js';
import { esc, formatDuration, formatTime, query, runPath, stateColour } from './html.js';
import { page, pager, runNav } from './layout.js';

/** A filtered, paginated table of tasks. */
export const tasksPage = (
  runId: string,
  window: Page<TaskRow>,
  limit: number,
  filter: { readonly app?: string; readonly state?: string },
): string => {
  const rows = window.rows
    .map(
      (
        t,
      ) => `<tr data-task="${t.taskId}"><td class="num"><a href="${esc(runPath(runId, `task/${t.taskId}`))}">${t.taskId}</a></td>
<td>${esc(t.appName)}</td><td>${esc(t.executor)}</td><td><span style="color:${stateColour(t.taskStatus)}">●</span> ${esc(t.taskStatus)}</td>
<td>${formatTime(t.timeInvoked)}</td><td>${formatTime(t.timeReturned)}</td>
<td class="num">${formatDuration(t.timeReturned === null ? null : t.timeReturned - t.timeInvoked)}</td>
<td class="num">${t.failCount}</td><td>${esc(t.dependsOn.join(', '))}</td></tr>`,
    )
    .join('');
  const href = (offset: number) =>
    runPath(runId, `tasks${query({ app: filter.app, state: filter.state, offset, limit })}`);
  const what = [
    filter.app === undefined ? '' : `app ${filter.app}`,
    filter.state === undefined ? '' : `state ${filter.state}`,
  ]
    .filter((s) => s !== '')
    .join(', ');
  const body = `${what === '' ? '' : `<p>Filtered by ${esc(what)} · <a href="${esc(runPath(runId, 'tasks'))}">show all</a></p>`}
${pager(href, window.offset, limit, window.total, 'tasks')}
<table id="tasks"><thead><tr><th>Task</th><th>App</th><th>Executor</th><th>State</th><th>Invoked</th><th>Returned</th>
<th>Duration</th><th>Failures</th><th>Depends on</th></tr></thead><tbody>${rows}</tbody></table>`;
  return page('Tasks', body, runNav(runId));
};

/** One task's row and its state history. */
export const taskPage = (
  runId: string,
  task: TaskRow | undefined,
  taskId: number,
  history: readonly StatusRow[],
): string => {
  const events = history
    .map(
      (s) =>
        `<tr><td>${formatTime(s.timestamp)}</td><td class="num">${s.tryId}</td><td><span style="color:${stateColour(s.state)}">●</span> ${esc(s.state)}</td></tr>`,
    )
    .join('');
  const head =
    task === undefined
      ? '<p>No such task in this run.</p>'
      : `<p>App <b>${esc(task.appName)}</b> on <b>${esc(task.executor)}</b>, state <b>${esc(task.taskStatus)}</b>, ${task.failCount} failure(s); depends on ${
          task.dependsOn.length === 0
            ? 'nothing'
            : task.dependsOn
                .map((d) => `<a href="${esc(runPath(runId, `task/${d}`))}">${d}</a>`)
                .join(', ')
        }.</p>`;
  return page(
    `Task ${taskId}`,
    `${head}<h2>State history</h2><table id="history"><thead><tr><th>Time</th><th>Try</th><th>State</th></tr></thead><tbody>${events}</tbody></table>`,
    runNav(runId),
  );
};
