import { describe } from 'vitest';
import {
  PbsProProvider,
  type PbsProProviderOptions,
} from '../../../src/adapters/providers/PbsProProvider.js';
import { describeEmulatedProvider } from '../../emulators/describeEmulatedProvider.js';

describe(PbsProProvider.name, () => {
  describeEmulatedProvider(
    'pbspro',
    (options, channel, launcher) =>
      new PbsProProvider(options as PbsProProviderOptions, channel, launcher),
    {
      failedState: 'FAILED',
      contract: true,
      badQueue: { options: { queue: 'nosuchqueue' }, message: /qsub: Unknown queue/ },
    },
  );
});
