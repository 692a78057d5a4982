import { Equals, IsOptional, IsString } from 'class-validator';
import type { SshChannelOptions } from '../../../adapters/channels/SshChannel.js';
import { RemoteChannelConfigBase } from './RemoteChannelConfigBase.js';

/**
 * Scheduler commands on a remote host over SSH: key, password or ssh-agent authentication.
 * Parsl: parsl.channels.SSHChannel
 */
export class SshChannelConfig extends RemoteChannelConfigBase {
  @Equals('ssh')
  public readonly kind = 'ssh' as const;

  /** Password authentication. @default unset */
  @IsOptional()
  @IsString()
  public password?: string;

  /** Private key file. @default ~/.ssh/id_ed25519 / id_ecdsa / id_rsa when nothing else is set */
  @IsOptional()
  @IsString()
  public keyFilename?: string;

  /** Passphrase of keyFilename. @default unset */
  @IsOptional()
  @IsString()
  public passphrase?: string;

  /** ssh-agent socket. @default $SSH_AUTH_SOCK */
  @IsOptional()
  @IsString()
  public agent?: string;
}

export const _sshChannelConfigFitsOptions: (c: SshChannelConfig) => SshChannelOptions = (c) => c;
