import { describe, expect, it } from 'vitest';
import {
  cancelCommand,
  launchCommand,
  parseStatusOutput,
  probeToStatus,
  shellQuote,
  statusCommand,
} from '../../../../src/adapters/providers/local/localBlockCommands.js';

describe('localBlockCommands', () => {
  describe(shellQuote.name, () => {
    it('single-quotes text and escapes embedded single quotes', () => {
      expect(shellQuote("it's a $HOME")).toBe(`'it'"'"'s a $HOME'`);
    });
  });

  describe(parseStatusOutput.name, () => {
    it('reads running, exited, timed-out and gone blocks and ignores other lines', () => {
      const probes = parseStatusOutput(
        [
          'JOB 10 RUNNING',
          'JOB 11 EXIT 0',
          'JOB 12 EXIT 3',
          'JOB 13 EXIT TIMEOUT 124',
          'JOB 14 GONE',
          'noise',
        ].join('\n'),
      );
      expect(Object.fromEntries(probes)).toEqual({
        '10': { kind: 'running' },
        '11': { kind: 'exited', exitCode: 0, timedOut: false },
        '12': { kind: 'exited', exitCode: 3, timedOut: false },
        '13': { kind: 'exited', exitCode: 124, timedOut: true },
        '14': { kind: 'gone' },
      });
    });
  });

  describe(statusCommand.name, () => {
    it('asks about each block by pid and quoted exit-code file', () => {
      const text = statusCommand([{ pid: '42', scriptPath: "/s/a b'.sh" }]);
      expect([text.includes('ps -o stat= -p 42'), text.includes(`'/s/a b'"'"'.sh'.ec`)]).toEqual([
        true,
        true,
      ]);
    });
  });

  describe(launchCommand.name, () => {
    it('starts the runner with setsid, the walltime and the grace, and prints the pid', () => {
      const text = launchCommand('/s/b.sh', 900, 2);
      expect([
        text.includes("setsid bash -c '"),
        text.includes("parsl-block '/s/b.sh' 900 2 < /dev/null > /dev/null 2>&1 &"),
        text.includes('echo "PID:'),
      ]).toEqual([true, true, true]);
    });
  });

  describe(cancelCommand.name, () => {
    it('signals every session, TERM first and KILL last, with the grace in 0.1 s steps', () => {
      const text = cancelCommand([{ pid: '7' }, { pid: '8' }], 2);
      const term = text.indexOf('signal TERM');
      const kill = text.indexOf('signal KILL');
      expect([
        text.includes('SIDS=" 7 8 "'),
        text.includes('seq 1 20'),
        term >= 0 && term < kill,
      ]).toEqual([true, true, true]);
    });
  });

  describe(probeToStatus.name, () => {
    const paths = { stdoutPath: '/s/b.sh.out', stderrPath: '/s/b.sh.err' };
    it.each([
      [{ kind: 'running' } as const, false, { ...paths, state: 'RUNNING' }],
      [
        { kind: 'exited', exitCode: 0, timedOut: false } as const,
        false,
        { ...paths, state: 'COMPLETED', exitCode: 0 },
      ],
      [
        { kind: 'exited', exitCode: 3, timedOut: false } as const,
        false,
        {
          ...paths,
          state: 'FAILED',
          exitCode: 3,
          message: 'block exited with code 3; see /s/b.sh.err',
        },
      ],
      [
        { kind: 'exited', exitCode: 124, timedOut: true } as const,
        false,
        { ...paths, state: 'TIMEOUT', exitCode: 124, message: 'killed at walltime 00:00:01' },
      ],
      [{ kind: 'gone' } as const, false, expect.objectContaining({ state: 'FAILED' })],
      [
        { kind: 'gone' } as const,
        true,
        { ...paths, state: 'CANCELLED', message: 'cancelled by the executor' },
      ],
    ])('maps %o (cancelled=%s)', (probe, cancelled, expected) => {
      expect(probeToStatus(probe, '/s/b.sh', cancelled, '00:00:01')).toEqual(expected);
    });
  });
});
