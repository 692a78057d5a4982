import { describe } from 'vitest';
import {
  CondorProvider,
  type CondorProviderOptions,
} from '../../../src/adapters/providers/CondorProvider.js';
import { describeEmulatedProvider } from '../../emulators/describeEmulatedProvider.js';

describe(CondorProvider.name, () => {
  describeEmulatedProvider(
    'condor',
    (options, channel, launcher) =>
      new CondorProvider(options as CondorProviderOptions, channel, launcher),
    { failedState: 'FAILED', contract: true },
  );
});
