import { describe } from 'vitest';
import {
  CobaltProvider,
  type CobaltProviderOptions,
} from '../../../src/adapters/providers/CobaltProvider.js';
import { describeEmulatedProvider } from '../../emulators/describeEmulatedProvider.js';

describe(CobaltProvider.name, () => {
  describeEmulatedProvider(
    'cobalt',
    (options, channel, launcher) =>
      new CobaltProvider(options as CobaltProviderOptions, channel, launcher),
    {
      failedState: 'COMPLETED',
      badQueue: {
        options: { queue: 'nosuchqueue' },
        message: /Queue 'nosuchqueue' does not exist/,
      },
    },
  );
});
