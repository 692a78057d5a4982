import { describe, expect, it } from 'vitest';
import { ExecutorError } from '../../../src/domain/errors/ExecutorErrors.js';
import { type Executor, type ExecutorTask, load } from '../../../src/index.js';
import { tempDir } from '../../support/tempRunDir.js';

/** An executor whose start() settles after `delayMs`, recording the order of start and shutdown. */
class ScriptedExecutor implements Executor {
  public readonly managed = true;
  public readonly scalingEnabled = false;
  public readonly calls: string[] = [];

  public constructor(
    public readonly label: string,
    private readonly delayMs: number,
    private readonly failure?: Error,
  ) {}

  public async start(): Promise<void> {
    this.calls.push('start');
    await new Promise((done) => setTimeout(done, this.delayMs));
    this.calls.push(this.failure === undefined ? 'started' : 'start-failed');
    if (this.failure !== undefined) throw this.failure;
  }

  public async submit(task: ExecutorTask): Promise<unknown> {
    throw new Error(`${this.label} does not run tasks (${task.appName})`);
  }

  public outstanding(): number {
    return 0;
  }

  public async shutdown(): Promise<void> {
    this.calls.push('shutdown');
  }
}

const loadWith = (executors: readonly Executor[]) =>
  load({ runDir: tempDir(), executors: [...executors] }, { global: false, signals: false });

describe('DataFlowKernel.start', () => {
  describe('when one executor fails to start while another is still starting', () => {
    it('waits for the slow start to settle before load() shuts it down, then rejects with the failure', async () => {
      const broken = new ScriptedExecutor('broken', 0, new ExecutorError('broken', 'no pool'));
      const slow = new ScriptedExecutor('slow', 100);
      const failure = await loadWith([broken, slow]).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ExecutorError);
      expect((failure as Error).message).toBe('executor broken: no pool');
      expect(slow.calls).toEqual(['start', 'started', 'shutdown']);
      expect(broken.calls).toEqual(['start', 'start-failed', 'shutdown']);
    });
  });

  describe('when several executors fail to start', () => {
    it('rejects with the first one, naming the others in its message', async () => {
      const first = new ScriptedExecutor('a', 50, new ExecutorError('a', 'no pool'));
      const second = new ScriptedExecutor('b', 0, new Error('port in use'));
      const failure = await loadWith([first, second]).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ExecutorError);
      expect((failure as Error).message).toBe(
        'executor a: no pool (also failed to start: executor b: Error: port in use)',
      );
    });
  });
});
