// A site configuration kept in its own module and reused by several scripts (S004 L4030-4108).
import type { ParslConfigInput } from '../../src/index.js';

export const config: ParslConfigInput = {
  executors: [{ kind: 'thread-pool', label: 'threads', maxThreads: 2 }],
  retries: 1,
};
