// Lazy errors: C fails; D still completes; E and F fail with DependencyError (S004 L2452-2466).
import { app, DependencyError, load } from '../src/index.js';

const ok = app((name: string, ..._parents: unknown[]) => name);
const fail = app((name: string, ..._parents: unknown[]): string => {
  throw new Error(`${name} failed`);
});

await using kernel = await load({ executors: [{ kind: 'in-process', label: 'local' }] });
const a = ok('A');
const b = ok('B', a);
const c = fail('C', a);
const d = ok('D', b);
const e = ok('E', c);
const f = ok('F', d, e);
await kernel.waitForCurrentTasks();
for (const [name, future] of Object.entries({ a, b, c, d, e, f })) {
  const error = await future.exception();
  const status =
    error === undefined
      ? 'completed'
      : error instanceof DependencyError
        ? `dependency failure (${error.message})`
        : `failed: ${String(error)}`;
  console.log(`${name.toUpperCase()}: ${status}`);
}
