import { describe } from 'vitest';
import {
  TorqueProvider,
  type TorqueProviderOptions,
} from '../../../src/adapters/providers/TorqueProvider.js';
import { describeEmulatedProvider } from '../../emulators/describeEmulatedProvider.js';

describe(TorqueProvider.name, () => {
  describeEmulatedProvider(
    'torque',
    (options, channel, launcher) =>
      new TorqueProvider(options as TorqueProviderOptions, channel, launcher),
    {
      failedState: 'COMPLETED',
      badQueue: {
        options: { queue: 'nosuchqueue' },
        message: /Unknown queue MSG=cannot locate queue/,
      },
    },
  );
});
