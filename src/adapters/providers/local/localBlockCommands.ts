/**
 * Shell text the LocalProvider runs through its channel to start, poll and cancel blocks. Every
 * block runs under a session-leader "runner" (setsid) that starts the block script under `timeout`
 * (walltime), then records its own pid (= the session id) in `<script>.pid`, and at the end writes
 * the exit code, or "TIMEOUT <code>", to `<script>.ec`. Cancel signals the whole session.
 */

import type { JobStatus } from '../../../domain/job/JobState.js';

/** Quotes `text` for a POSIX shell. */
export const shellQuote = (text: string): string => `'${text.replaceAll("'", `'"'"'`)}'`;

/** The runner: $1 = script, $2 = walltime seconds, $3 = kill grace seconds. No single quotes inside. */
const RUNNER = [
  'S="$1"; W="$2"; G="$3"',
  'start=$(date +%s)',
  'timeout -k "$G" "$W" bash "$S" > "$S.out" 2> "$S.err" < /dev/null &',
  'T=$!',
  'echo $$ > "$S.pid"',
  'wait $T',
  'rc=$?',
  'if [ "$rc" -eq 124 ] || { [ "$rc" -eq 137 ] && [ $(( $(date +%s) - start )) -ge "$W" ]; }; then echo "TIMEOUT $rc" > "$S.ec"; pkill -KILL -s $$; else echo "$rc" > "$S.ec"; fi',
].join('\n');

/** Starts the block in the background and prints `PID:<runner pid>`. */
export const launchCommand = (
  scriptPath: string,
  walltimeSeconds: number,
  graceSeconds: number,
): string => {
  const s = shellQuote(scriptPath);
  return [
    `rm -f ${s}.pid ${s}.ec`,
    `setsid bash -c ${shellQuote(RUNNER)} parsl-block ${s} ${walltimeSeconds} ${graceSeconds} < /dev/null > /dev/null 2>&1 &`,
    'P=$!',
    `for i in $(seq 1 100); do [ -s ${s}.pid ] && break; sleep 0.02; done`,
    `if [ -s ${s}.pid ]; then echo "PID:$(cat ${s}.pid)"; else echo "PID:$P"; fi`,
  ].join('\n');
};

/** What the status command says about a block. */
export type BlockProbe =
  | { readonly kind: 'running' }
  | { readonly kind: 'exited'; readonly exitCode: number; readonly timedOut: boolean }
  | { readonly kind: 'gone' };

/** One line per job: `JOB <pid> RUNNING`, `JOB <pid> EXIT <code>|TIMEOUT <code>` or `JOB <pid> GONE`. */
export const statusCommand = (
  jobs: readonly { readonly pid: string; readonly scriptPath: string }[],
): string =>
  jobs
    .map(({ pid, scriptPath }) => {
      const ec = `${shellQuote(scriptPath)}.ec`;
      return `s=$(ps -o stat= -p ${pid} 2>/dev/null); case "$s" in ""|Z*) if [ -s ${ec} ]; then echo "JOB ${pid} EXIT $(cat ${ec})"; else echo "JOB ${pid} GONE"; fi ;; *) echo "JOB ${pid} RUNNING" ;; esac`;
    })
    .join('\n');

/** Parses the status command's output into a probe per pid. */
export const parseStatusOutput = (stdout: string): Map<string, BlockProbe> => {
  const probes = new Map<string, BlockProbe>();
  for (const line of stdout.split('\n')) {
    const match = /^JOB (\d+) (RUNNING|GONE|EXIT (TIMEOUT )?(\d+))$/.exec(line.trim());
    if (match === null) continue;
    const [, pid = '', what = '', timeout, code] = match;
    probes.set(
      pid,
      what === 'RUNNING'
        ? { kind: 'running' }
        : what === 'GONE'
          ? { kind: 'gone' }
          : { kind: 'exited', exitCode: Number(code), timedOut: timeout !== undefined },
    );
  }
  return probes;
};

/**
 * SIGTERM to every process in each block's session (the runner is a session leader, so this
 * reaches `timeout`'s own process group too), SIGKILL to what is left after `graceSeconds`.
 * Signals are re-sent while anything lives, so a process forked during a pkill scan is caught too.
 * Zombies do not count as alive: PID 1 may reap them late.
 */
export const cancelCommand = (
  jobs: readonly { readonly pid: string }[],
  graceSeconds: number,
): string => {
  const steps = Math.max(1, Math.round(graceSeconds * 10));
  return [
    `SIDS=" ${jobs.map((j) => j.pid).join(' ')} "`,
    'signal() { for s in $SIDS; do pkill "-$1" -s "$s"; done; }',
    'live() { ps -e -o sid=,stat= | awk -v s="$SIDS" \'index(s, " " $1 " ") && $2 !~ /^Z/ { n++ } END { exit n == 0 }\'; }',
    'signal TERM',
    `for i in $(seq 1 ${steps}); do live || break; sleep 0.1; signal TERM; done`,
    'for i in $(seq 1 20); do live || break; signal KILL; sleep 0.05; done',
    'echo CANCELLED',
  ].join('\n');
};

/** Turns what the status command saw into the block's JobStatus (with its output file paths). */
export const probeToStatus = (
  probe: BlockProbe,
  scriptPath: string,
  cancelled: boolean,
  walltime: string,
): JobStatus => {
  const paths = { stdoutPath: `${scriptPath}.out`, stderrPath: `${scriptPath}.err` };
  if (cancelled) return { ...paths, state: 'CANCELLED', message: 'cancelled by the executor' };
  switch (probe.kind) {
    case 'running':
      return { ...paths, state: 'RUNNING' };
    case 'gone':
      return {
        ...paths,
        state: 'FAILED',
        message: 'block process group vanished without an exit code (killed from outside?)',
      };
    case 'exited':
      if (probe.timedOut) {
        return {
          ...paths,
          state: 'TIMEOUT',
          exitCode: probe.exitCode,
          message: `killed at walltime ${walltime}`,
        };
      }
      return probe.exitCode === 0
        ? { ...paths, state: 'COMPLETED', exitCode: 0 }
        : {
            ...paths,
            state: 'FAILED',
            exitCode: probe.exitCode,
            message: `block exited with code ${probe.exitCode}; see ${paths.stderrPath}`,
          };
  }
};
