import { describe, expect, it } from 'vitest';
import { WrappedLauncher } from '../../../src/adapters/launchers/WrappedLauncher.js';
import { BadLauncher } from '../../../src/domain/errors/ProviderErrors.js';

describe(WrappedLauncher.name, () => {
  describe('.wrap', () => {
    it('prepends the configured command with one space', () => {
      const launcher = new WrappedLauncher({ prepend: 'shifter --image=docker:parsl/worker:1' });
      expect(launcher.wrap('process_worker_pool.py -w 4', 4, 2)).toBe(
        'shifter --image=docker:parsl/worker:1 process_worker_pool.py -w 4',
      );
    });

    it('throws BadLauncher when the shape is not positive', () => {
      expect(() => new WrappedLauncher({ prepend: 'time' }).wrap('w', 1, -1)).toThrow(BadLauncher);
    });
  });
});
