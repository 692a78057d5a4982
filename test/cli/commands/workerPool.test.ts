import { describe, expect, it, vi } from 'vitest';
import { run } from '../../../src/cli/commands/workerPool.js';

describe('parsl-ts worker-pool', () => {
  it('prints its help and exits 0 with --help', async () => {
    const write = vi.spyOn(process.stdout, 'write').mockReturnValue(true);
    expect(await run(['--help'])).toBe(0);
    expect(String(write.mock.calls[0]?.[0])).toMatch(/Usage: parsl-ts worker-pool --addresses/);
  });

  it('exits 2 naming the missing flag', async () => {
    const write = vi.spyOn(process.stderr, 'write').mockReturnValue(true);
    expect(await run(['--addresses', '127.0.0.1'])).toBe(2);
    expect(String(write.mock.calls[0]?.[0])).toMatch(/--port is required/);
  });
});
