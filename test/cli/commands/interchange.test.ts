import { describe, expect, it, vi } from 'vitest';
import { run } from '../../../src/cli/commands/interchange.js';

describe('parsl-ts interchange', () => {
  it('prints its help and exits 0 with --help', async () => {
    const write = vi.spyOn(process.stdout, 'write').mockReturnValue(true);
    expect(await run(['--help'])).toBe(0);
    expect(String(write.mock.calls[0]?.[0])).toMatch(/Usage: parsl-ts interchange/);
  });

  it('exits 2 when the settings file cannot be read', async () => {
    const write = vi.spyOn(process.stderr, 'write').mockReturnValue(true);
    expect(await run(['--config', '/nonexistent/htex.json'])).toBe(2);
    expect(String(write.mock.calls[0]?.[0])).toMatch(/cannot read its JSON settings/);
  });
});
