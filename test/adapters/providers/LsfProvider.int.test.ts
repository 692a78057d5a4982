import { describe } from 'vitest';
import {
  LsfProvider,
  type LsfProviderOptions,
} from '../../../src/adapters/providers/LsfProvider.js';
import { describeEmulatedProvider } from '../../emulators/describeEmulatedProvider.js';

describe(LsfProvider.name, () => {
  describeEmulatedProvider(
    'lsf',
    (options, channel, launcher) =>
      new LsfProvider(options as LsfProviderOptions, channel, launcher),
    {
      failedState: 'FAILED',
      badQueue: {
        options: { queue: 'nosuchqueue' },
        message: /nosuchqueue: No such queue\. Job not submitted\./,
      },
    },
  );
});
