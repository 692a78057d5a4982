import { describe, expect, it } from 'vitest';
import { globusEndpointPath } from '../../../../src/adapters/staging/globus/globusEndpointPath.js';

describe('globusEndpointPath (Parsl GlobusStaging._get_globus_endpoint)', () => {
  it.each([
    ['/home/user/run', undefined, undefined, '/home/user/run'],
    ['/home/user/run', '/', '/home/user', '/run'],
    ['/home/user', '/~/', '/home/user', '/~/'],
    ['/scratch/p1/wd/', '/projects/p1', '/scratch/p1', '/projects/p1/wd'],
  ])(
    'maps workingDir %s with endpointPath %s and localPath %s to %s',
    (workingDir, endpointPath, localPath, expected) => {
      expect(globusEndpointPath(workingDir, endpointPath, localPath)).toBe(expected);
    },
  );

  it('refuses a workingDir outside localPath, naming both', () => {
    expect(() => globusEndpointPath('/tmp/wd', '/', '/home/user')).toThrow(
      /workingDir \/tmp\/wd is not inside localPath \/home\/user/,
    );
  });

  it('refuses a missing workingDir with the fix', () => {
    expect(() => globusEndpointPath(undefined, undefined, undefined)).toThrow(
      /Set workingDir on the executor/,
    );
  });
});
