import { Equals, IsObject, IsOptional, IsString } from 'class-validator';
import type { LocalChannelOptions } from '../../../adapters/channels/LocalChannel.js';

/** Fields every channel config has; each subclass fixes `kind`. Parsl: parsl.channels.base.Channel */
export abstract class ChannelConfigBase {
  /** Which channel: 'local', 'ssh', … */
  public abstract readonly kind: string;

  /** Directory on the channel's host for submit scripts. @default '<runDir>/submit_scripts' (local) */
  @IsOptional()
  @IsString()
  public scriptDir?: string;

  /** Environment variables set for every command. @default {} */
  @IsObject()
  public envs: Record<string, string> = {};
}

/** Commands on this machine. Parsl: parsl.channels.LocalChannel */
export class LocalChannelConfig extends ChannelConfigBase {
  @Equals('local')
  public readonly kind = 'local' as const;

  /** Working directory of commands. @default the process's cwd */
  @IsOptional()
  @IsString()
  public userhome?: string;
}

// Compile-time: the config (with scriptDir resolved) fits the adapter's options.
export const _localChannelConfigFitsOptions: (
  c: LocalChannelConfig & { scriptDir: string },
) => LocalChannelOptions = (c) => c;
