import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isTerminalJobState, type JobStatus } from '../../src/domain/job/JobState.js';
import type { ExecutionProvider } from '../../src/ports/ExecutionProvider.js';

/** A provider under contract and three block commands in its host's shell. */
export interface ExecutionProviderContractSubject {
  readonly provider: ExecutionProvider;
  readonly commands: {
    /** Runs far longer than the test (until cancelled). */
    readonly long: string;
    /** Exits 0 at once. */
    readonly succeed: string;
    /** Exits non-zero at once. */
    readonly fail: string;
  };
  readonly cleanup: () => Promise<void>;
}

/** Polls `status` until the job is terminal (or `timeoutMs` passes) and returns the last status. */
export const waitForTerminal = async (
  provider: ExecutionProvider,
  jobId: string,
  timeoutMs = 15_000,
): Promise<JobStatus> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [status] = await provider.status([jobId]);
    if (status === undefined) throw new Error(`status([${jobId}]) returned nothing`);
    if (isTerminalJobState(status.state) || Date.now() > deadline) return status;
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** Runs the ExecutionProvider port contract against `makeProvider`. */
export const describeExecutionProviderContract = (
  name: string,
  makeProvider: () => Promise<ExecutionProviderContractSubject>,
): void => {
  describe(`${name} (ExecutionProvider contract)`, () => {
    let subject: ExecutionProviderContractSubject;

    beforeEach(async () => {
      subject = await makeProvider();
    });

    afterEach(async () => {
      await subject.provider.close();
      await subject.cleanup();
    });

    it('has sane block parameters', () => {
      const p = subject.provider;
      expect([
        p.kind.length > 0,
        p.minBlocks <= p.maxBlocks,
        p.nodesPerBlock >= 1,
        p.parallelism >= 0 && p.parallelism <= 1,
        p.statusPollingIntervalMs > 0,
      ]).toEqual([true, true, true, true, true]);
    });

    it('submits a block and reports it PENDING or RUNNING', async () => {
      const id = await subject.provider.submit(subject.commands.long, 1, 'contract.long');
      const [status] = await subject.provider.status([id]);
      await subject.provider.cancel([id]);
      expect(['PENDING', 'RUNNING']).toContain(status?.state);
    });

    it('gives distinct job ids to distinct blocks', async () => {
      const a = await subject.provider.submit(subject.commands.long, 1, 'contract.a');
      const b = await subject.provider.submit(subject.commands.long, 1, 'contract.b');
      await subject.provider.cancel([a, b]);
      expect(a).not.toBe(b);
    });

    it('reports COMPLETED for a block that exits 0', async () => {
      const id = await subject.provider.submit(subject.commands.succeed, 1, 'contract.ok');
      expect((await waitForTerminal(subject.provider, id)).state).toBe('COMPLETED');
    });

    it('reports FAILED with the exit code for a block that exits non-zero', async () => {
      const id = await subject.provider.submit(subject.commands.fail, 1, 'contract.fail');
      const status = await waitForTerminal(subject.provider, id);
      expect([status.state, (status.exitCode ?? 0) !== 0]).toEqual(['FAILED', true]);
    });

    it('cancels a running block: true, then CANCELLED', async () => {
      const id = await subject.provider.submit(subject.commands.long, 1, 'contract.cancel');
      const result = await subject.provider.cancel([id]);
      const status = await waitForTerminal(subject.provider, id);
      expect([result, status.state]).toEqual([[true], 'CANCELLED']);
    });

    it('answers status in the order of the ids given', async () => {
      const ok = await subject.provider.submit(subject.commands.succeed, 1, 'contract.order1');
      const long = await subject.provider.submit(subject.commands.long, 1, 'contract.order2');
      await waitForTerminal(subject.provider, ok);
      const states = (await subject.provider.status([long, ok])).map((s) => s.state);
      await subject.provider.cancel([long]);
      expect(states[1]).toBe('COMPLETED');
      expect(['PENDING', 'RUNNING']).toContain(states[0]);
    });
  });
};
