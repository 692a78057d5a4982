// The process that cachegrind counts (bench/support/recordingInstructions.ts):
//   node dist/bench/support/instructionChild.js KIND BURSTS
// One kernel with an in-process executor runs BURSTS bursts of 10,000 no-op tasks, 50 ms apart.
// KIND: none (no observer), noop (a recorder that does nothing), log (the monitoring hub's
// TaskEventLog as the recorder, never drained: recording alone; its reserve holds every burst, so
// it allocates nothing while tasks run), drained (the same log read back into events after each
// burst, as a flush takes it, so the flush's first step is counted too).
// Nothing is timed here: the parent subtracts a short run's instruction count from a long one's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TaskEventLog } from '../../src/app/monitoring/TaskEventLog.js';
import { app, load } from '../../src/index.js';

export type RecordingKind = 'none' | 'noop' | 'log' | 'drained';
/** The log's reserve: every change of the longest run the parent asks for fits. */
const RESERVED = 20 * 30_000;
const TASKS = 10_000;

const kind = process.argv[2] as RecordingKind;
const bursts = Number(process.argv[3]);
if (
  !['none', 'noop', 'log', 'drained'].includes(kind) ||
  !Number.isInteger(bursts) ||
  bursts < 1 ||
  bursts > 19
) {
  console.error('usage: instructionChild.js none|noop|log|drained BURSTS (1-19)');
  process.exit(2);
}

const runDir = mkdtempSync(join(tmpdir(), 'parsl-instructions-'));
const kernel = await load(
  { runDir, executors: [{ kind: 'in-process', label: 'local' }], progress: false },
  { global: false, signals: false },
);
let afterBurst = (): void => undefined;
if (kind === 'noop')
  kernel.addEventRecorder({ taskState: () => undefined, event: () => undefined });
if (kind === 'log' || kind === 'drained') {
  const log = new TaskEventLog({ reservedEvents: RESERVED });
  kernel.addEventRecorder(log);
  if (kind === 'drained') afterBurst = () => log.drain(() => undefined);
}
const noop = app(() => 0, { kernel });
await noop();
// One future per burst is kept until the next, as a program that holds its results would.
let kept: unknown;
for (let burst = 0; burst < bursts; burst += 1) {
  await new Promise((resolve) => setTimeout(resolve, 50));
  kept = noop();
  for (let i = 1; i < TASKS; i += 1) void noop();
  await kernel.waitForCurrentTasks();
  afterBurst();
}
await kernel.cleanup();
rmSync(runDir, { recursive: true, force: true });
console.log(JSON.stringify({ kind, bursts, kept: kept !== undefined }));
