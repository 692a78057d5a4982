// Adding an executor kind: implement the Executor port and bind it (TOKENS.Executor) in a
// container module passed to load(); apps then name it like any other executor.
import { ContainerModule } from 'inversify';
import {
  app,
  type Executor,
  type ExecutorContext,
  type ExecutorTask,
  load,
  TOKENS,
} from '../src/index.js';

/** Runs function apps inline and counts them: the smallest real executor. */
class CountingExecutor implements Executor {
  public readonly managed = true;
  public readonly scalingEnabled = false;
  public count = 0;
  public constructor(public readonly label: string) {}
  public async start(_context: ExecutorContext): Promise<void> {}
  public async submit(task: ExecutorTask): Promise<unknown> {
    if (task.payload.kind !== 'function') throw new Error(`${this.label} runs function apps only`);
    this.count += 1;
    return task.payload.fn(...task.payload.args);
  }
  public outstanding(): number {
    return 0;
  }
  public async shutdown(): Promise<void> {}
}

const counting = new CountingExecutor('counting');
const square = app((x: number) => x * x, { executors: ['counting'] });

await using _kernel = await load(
  { executors: [{ kind: 'in-process', label: 'local' }] },
  {
    overrides: [
      new ContainerModule(({ bind }) => {
        bind(TOKENS.Executor).toConstantValue(counting);
      }),
    ],
  },
);
const squares = await Promise.all([1, 2, 3].map((x) => square(x)));
console.log(`squares ${squares.join(', ')} computed by ${counting.label}: ${counting.count} tasks`);
