import { Type } from 'class-transformer';
import { Equals, IsArray, IsNotEmpty, IsOptional, IsString, ValidateNested } from 'class-validator';
import type { SshInteractiveLoginChannelOptions } from '../../../adapters/channels/SshInteractiveLoginChannel.js';
import { RemoteChannelConfigBase } from './RemoteChannelConfigBase.js';

/** A fixed answer to the keyboard-interactive prompts matching `match` (regex, case-insensitive). */
export class PromptResponseConfig {
  @IsString()
  @IsNotEmpty()
  public match!: string;

  @IsString()
  public answer!: string;
}

/**
 * SSH with keyboard-interactive login (one-time passwords, 2FA). In a config file the prompts are
 * answered by `responses` (and `password` for password prompts); code can construct the adapter
 * with a `prompter` callback instead. Parsl: parsl.channels.SSHInteractiveLoginChannel
 */
export class SshInteractiveLoginChannelConfig extends RemoteChannelConfigBase {
  @Equals('ssh-interactive')
  public readonly kind = 'ssh-interactive' as const;

  /** Answers prompts that contain "password". @default unset */
  @IsOptional()
  @IsString()
  public password?: string;

  /** @default [] */
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PromptResponseConfig)
  public responses: PromptResponseConfig[] = [];
}

export const _sshInteractiveConfigFitsOptions: (
  c: SshInteractiveLoginChannelConfig,
) => SshInteractiveLoginChannelOptions = (c) => c;
