/** Minimal HTML helpers: every dynamic value goes through `esc`. */

export const esc = (value: unknown): string =>
  String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** Query string from defined values. */
export const query = (params: Record<string, string | number | undefined>): string => {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== '');
  return entries.length === 0
    ? ''
    : `?${entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&')}`;
};

export const runPath = (runId: string, sub = ''): string =>
  `/workflow/${encodeURIComponent(runId)}${sub === '' ? '' : `/${sub}`}`;

const pad = (n: number): string => String(n).padStart(2, '0');

/** `2026-11-21 13:05:09` (UTC), or an em dash for null. */
export const formatTime = (ms: number | null): string => {
  if (ms === null) return '—';
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};

/** `850 ms`, `12.3 s`, `4 min 05 s`, `2 h 03 min`. */
export const formatDuration = (ms: number | null): string => {
  if (ms === null || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${pad(Math.floor(s % 60))} s`;
  return `${Math.floor(s / 3600)} h ${pad(Math.floor((s % 3600) / 60))} min`;
};

export const formatBytes = (bytes: number): string => {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
};

/** Colours of task states (also used in the legends). */
export const STATE_COLOURS: Readonly<Record<string, string>> = {
  pending: '#9e9e9e',
  launched: '#64b5f6',
  running: '#1e88e5',
  running_ended: '#1565c0',
  joining: '#7e57c2',
  fail_retryable: '#fbc02d',
  exec_done: '#43a047',
  memo_done: '#26a69a',
  failed: '#e53935',
  dep_fail: '#fb8c00',
};

const PALETTE = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];

/** A stable colour for the i-th app. */
export const appColour = (index: number): string => PALETTE[index % PALETTE.length] ?? '#333';

/** The colour of a state, grey when unknown. */
export const stateColour = (state: string): string => STATE_COLOURS[state] ?? '#607d8b';

/** Status of a run for the tables. */
export const runStatus = (w: { timeCompleted: number | null; tasksFailedCount: number }): string =>
  w.timeCompleted === null
    ? 'running'
    : w.tasksFailedCount > 0
      ? `completed (${w.tasksFailedCount} failed)`
      : 'completed';
