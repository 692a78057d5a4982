import type { DataFlowKernel, LoadOptions, ParslConfigInput } from '../../src/index.js';
import { load } from '../../src/index.js';
import { tempDir } from './tempRunDir.js';

/** A non-global kernel in a temp run dir, with an in-process executor unless the config says otherwise. */
export const loadTestKernel = (
  config: ParslConfigInput = {},
  options: LoadOptions = {},
): Promise<DataFlowKernel> =>
  load(
    { runDir: tempDir(), executors: [{ kind: 'in-process', label: 'local' }], ...config },
    { global: false, signals: false, ...options },
  );
