import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { describe, expect, it } from 'vitest';
import {
  LAUNCHER_CONFIG_TYPES,
  type LauncherConfig,
} from '../../../../src/app/config/launchers/LauncherConfigs.js';
import { buildLauncher } from '../../../../src/app/config/launchers/launcherFactories.js';

const configOf = (kind: string): LauncherConfig => {
  const type = LAUNCHER_CONFIG_TYPES.find((t) => t.name === kind)?.value;
  if (type === undefined) throw new Error(`no config type ${kind}`);
  const plain = kind === 'wrapped' ? { kind, prepend: 'time' } : { kind };
  return plainToInstance(type as new () => LauncherConfig, plain);
};

describe(buildLauncher.name, () => {
  it.each(LAUNCHER_CONFIG_TYPES.map((t) => t.name))("builds a valid '%s' launcher", (kind) => {
    const config = configOf(kind);
    expect([validateSync(config), buildLauncher(config).kind]).toEqual([[], kind]);
  });
});
