import { describe, expect, it } from 'vitest';
import { SimpleLauncher } from '../../../src/adapters/launchers/SimpleLauncher.js';
import { BadLauncher } from '../../../src/domain/errors/ProviderErrors.js';

describe(SimpleLauncher.name, () => {
  describe('.wrap', () => {
    it('returns the command unchanged', () => {
      expect(new SimpleLauncher().wrap('worker --x "a b"', 4, 1)).toBe('worker --x "a b"');
    });

    it('ignores extra nodes (one copy per block, as in Parsl)', () => {
      expect(new SimpleLauncher().wrap('worker', 1, 3)).toBe('worker');
    });

    it('throws BadLauncher when the shape is not positive', () => {
      expect(() => new SimpleLauncher().wrap('worker', 0, 1)).toThrow(BadLauncher);
    });
  });
});
