import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../../../src/adapters/executors/htex/protocol.js';
import {
  localVersionInfo,
  versionMismatch,
} from '../../../../src/adapters/executors/htex/versionInfo.js';

describe('versionInfo', () => {
  it('reports the package, Node and protocol versions of this process', () => {
    expect(localVersionInfo()).toEqual({
      parslTsVersion: expect.stringMatching(/^\d+\.\d+\.\d+/),
      nodeVersion: process.version,
      protocolVersion: PROTOCOL_VERSION,
    });
  });

  it('accepts identical versions', () => {
    expect(versionMismatch(localVersionInfo(), localVersionInfo())).toBeUndefined();
  });

  it('names every difference', () => {
    const remote = {
      parslTsVersion: '9.9.9',
      nodeVersion: 'v18.0.0',
      protocolVersion: PROTOCOL_VERSION + 1,
    };
    const reason = versionMismatch(localVersionInfo(), remote);
    expect(reason).toMatch(/protocol .* parsl-ts 9\.9\.9 != .* node v18\.0\.0 != /);
  });
});
