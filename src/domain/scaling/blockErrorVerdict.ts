import type { JobStatus } from '../job/JobState.js';

/**
 * When block failures make an executor unusable. 'simple': every block failed, and there are at
 * least max(1, initBlocks) of them; 'windowed': the last `windowSize` blocks (by numeric id) all
 * failed; 'none': never. Parsl: Config.block_error_handler (simple_error_handler,
 * windowed_error_handler, noop_error_handler)
 */
export type BlockErrorPolicy = 'simple' | 'windowed' | 'none';

/** The verdict: carry on, or fail the executor with a message listing every block's error. */
export type BlockErrorVerdict =
  | { readonly bad: false }
  | { readonly bad: true; readonly message: string };

const isFailure = (status: JobStatus): boolean =>
  status.state === 'FAILED' || status.state === 'MISSING';

/** "Error k:" sections with each block's message, exit code and output files, as Parsl prints them. */
const describeFailures = (statuses: readonly JobStatus[]): string => {
  const sections = statuses.map((s, i) =>
    [
      `Error ${i + 1}:`,
      ...(s.message === undefined ? [] : [`\t${s.message}`]),
      ...(s.exitCode === undefined ? [] : [`\tEXIT CODE: ${s.exitCode}`]),
      ...(s.stdoutPath === undefined ? [] : [`\tSTDOUT: ${s.stdoutPath}`]),
      ...(s.stderrPath === undefined ? [] : [`\tSTDERR: ${s.stderrPath}`]),
    ].join('\n'),
  );
  return sections.length === 0 ? 'No error messages received' : sections.join('\n');
};

/**
 * Decides whether an executor's blocks have failed badly enough to fail the executor.
 * `statuses` maps block id ("0", "1", …) to its last status.
 */
export const blockErrorVerdict = (
  policy: BlockErrorPolicy,
  statuses: ReadonlyMap<string, JobStatus>,
  initBlocks: number,
  windowSize = 3,
): BlockErrorVerdict => {
  if (policy === 'none') return { bad: false };
  const all = [...statuses.entries()].sort(([a], [b]) => Number(a) - Number(b)).map(([, s]) => s);
  if (policy === 'simple') {
    const threshold = Math.max(1, initBlocks);
    return all.length >= threshold && all.every(isFailure)
      ? { bad: true, message: describeFailures(all) }
      : { bad: false };
  }
  const window = all.slice(-windowSize);
  return window.length === windowSize && window.every(isFailure)
    ? { bad: true, message: describeFailures(all) }
    : { bad: false };
};
