import { plainToInstance, Type } from 'class-transformer';
import { ValidateNested, validateSync } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { FtpSeparateTaskStaging } from '../../../../src/adapters/staging/FtpSeparateTaskStaging.js';
import { GlobusStaging } from '../../../../src/adapters/staging/GlobusStaging.js';
import { HttpSeparateTaskStaging } from '../../../../src/adapters/staging/HttpSeparateTaskStaging.js';
import { NoOpFileStaging } from '../../../../src/adapters/staging/NoOpFileStaging.js';
import {
  DEFAULT_STAGING_KINDS,
  defaultStaging,
} from '../../../../src/app/config/staging/defaultStaging.js';
import { StagingConfigBase } from '../../../../src/app/config/staging/StagingConfigBase.js';
import {
  STAGING_CONFIG_TYPES,
  type StagingConfig,
} from '../../../../src/app/config/staging/stagingConfigTypes.js';
import { buildStagingProviders } from '../../../../src/app/config/staging/stagingFactories.js';

class Holder {
  @ValidateNested({ each: true })
  @Type(() => StagingConfigBase, {
    discriminator: { property: 'kind', subTypes: [...STAGING_CONFIG_TYPES] },
    keepDiscriminatorProperty: true,
  })
  public storageAccess: StagingConfig[] = [];
}

const parse = (storageAccess: unknown[]): { holder: Holder; problems: string[] } => {
  const holder = plainToInstance(Holder, { storageAccess });
  const problems = validateSync(holder, { whitelist: true, forbidNonWhitelisted: true }).flatMap(
    (e) =>
      (e.children ?? []).flatMap((c) =>
        (c.children ?? []).map(
          (cc) => `${c.property}.${cc.property}: ${Object.values(cc.constraints ?? {}).join('; ')}`,
        ),
      ),
  );
  return { holder, problems };
};

describe('staging config', () => {
  it('builds every kind, in order, with its defaults', () => {
    const { holder, problems } = parse([
      { kind: 'no-op-file' },
      { kind: 'http', maxConcurrent: 2 },
      { kind: 'http-in-task' },
      { kind: 'ftp' },
      { kind: 'ftp-in-task', user: 'u' },
      { kind: 'rsync', hostname: 'me@127.0.0.1' },
      {
        kind: 'globus',
        endpointUuid: '7d2dc622-2edb-11e8-b8be-0ac6873fc732',
        endpointPath: '/',
        localPath: '/home/u',
      },
    ]);
    expect(problems).toEqual([]);
    const providers = buildStagingProviders(holder.storageAccess);
    expect(providers.map((p) => p.name)).toEqual([
      'NoOpFileStaging',
      'HttpSeparateTaskStaging',
      'HttpInTaskStaging',
      'FtpSeparateTaskStaging',
      'FtpInTaskStaging',
      'RsyncStaging',
      'GlobusStaging',
    ]);
    expect(providers[6]).toBeInstanceOf(GlobusStaging);
  });

  it('reports a missing rsync hostname and a bad Globus URL by field', () => {
    const { problems } = parse([
      { kind: 'rsync' },
      { kind: 'globus', endpointUuid: 'e', transferUrl: 'not a url' },
    ]);
    expect(problems.some((p) => p.startsWith('0.hostname:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('1.transferUrl:'))).toBe(true);
  });

  it('rejects options a kind does not have', () => {
    const { problems } = parse([{ kind: 'no-op-file', caFile: '/x' }]);
    expect(problems).toEqual(['0.caFile: property caFile should not exist']);
  });
});

describe('defaultStaging (Parsl default_staging)', () => {
  it('is no-op file, FTP and HTTP as separate tasks, in that order', () => {
    const providers = defaultStaging();
    expect(providers[0]).toBeInstanceOf(NoOpFileStaging);
    expect(providers[1]).toBeInstanceOf(FtpSeparateTaskStaging);
    expect(providers[2]).toBeInstanceOf(HttpSeparateTaskStaging);
    expect(DEFAULT_STAGING_KINDS).toEqual(['no-op-file', 'ftp', 'http']);
  });

  it('returns fresh instances each time (no state shared between executors)', () => {
    expect(defaultStaging()[1]).not.toBe(defaultStaging()[1]);
  });
});
