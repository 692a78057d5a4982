import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsPositive,
  IsString,
  Max,
  Min,
} from 'class-validator';
import { ChannelConfigBase } from './LocalChannelConfig.js';

/** Fields of every SSH-based channel config. Parsl: parsl.channels.SSHChannel */
export abstract class RemoteChannelConfigBase extends ChannelConfigBase {
  /** The host to reach, e.g. a cluster's login node. */
  @IsString()
  @IsNotEmpty()
  public hostname!: string;

  /** @default 22 */
  @IsInt()
  @Min(1)
  @Max(65535)
  public port = 22;

  /** @default the local user name */
  @IsOptional()
  @IsString()
  public username?: string;

  /** known_hosts file the host key is checked against. @default ~/.ssh/known_hosts */
  @IsOptional()
  @IsString()
  public knownHostsFile?: string;

  /** 'accept-new' trusts (and records) a host not yet in known_hosts; a changed key is always refused. @default 'strict' */
  @IsIn(['strict', 'accept-new'])
  public hostKeyPolicy: 'strict' | 'accept-new' = 'strict';

  /** Handshake + authentication timeout, ms. @default 10000 */
  @IsInt()
  @IsPositive()
  public connectTimeoutMs = 10_000;

  /** Timeout of a command when the provider gives none, ms. @default 60000 */
  @IsInt()
  @IsPositive()
  public defaultTimeoutMs = 60_000;
}
