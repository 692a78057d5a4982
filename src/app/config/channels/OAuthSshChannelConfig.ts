import {
  Equals,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsPositive,
  IsString,
  IsUrl,
} from 'class-validator';
import type { OAuthSshChannelOptions } from '../../../adapters/channels/OAuthSshChannel.js';
import { RemoteChannelConfigBase } from './RemoteChannelConfigBase.js';

/**
 * SSH where the credential is an OAuth access token from `tokenUrl` (client-credentials or
 * refresh-token grant). Parsl: parsl.channels.OAuthSSHChannel
 */
export class OAuthSshChannelConfig extends RemoteChannelConfigBase {
  @Equals('oauth-ssh')
  public readonly kind = 'oauth-ssh' as const;

  /** The OAuth 2.0 token endpoint. */
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  public tokenUrl!: string;

  @IsString()
  @IsNotEmpty()
  public clientId!: string;

  /** @default unset (a public client) */
  @IsOptional()
  @IsString()
  public clientSecret?: string;

  /** @default unset */
  @IsOptional()
  @IsString()
  public scope?: string;

  /** Use the refresh_token grant. @default unset */
  @IsOptional()
  @IsString()
  public refreshToken?: string;

  /** @default 10000 */
  @IsInt()
  @IsPositive()
  public tokenTimeoutMs = 10_000;
}

export const _oauthSshConfigFitsOptions: (c: OAuthSshChannelConfig) => OAuthSshChannelOptions = (
  c,
) => c;
