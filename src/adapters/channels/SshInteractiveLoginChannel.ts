import type { ConnectConfig } from 'ssh2';
import { SshChannel, type SshChannelOptions } from './SshChannel.js';

/** One keyboard-interactive prompt from the server. */
export interface LoginPrompt {
  readonly prompt: string;
  /** False for secrets (the answer should not be shown). */
  readonly echo: boolean;
}

/** Fixed answer for prompts whose text matches `match` (a regular expression source, case-insensitive). */
export interface PromptResponse {
  readonly match: string;
  readonly answer: string;
}

/** Options of {@link SshInteractiveLoginChannel}. Parsl: parsl.channels.SSHInteractiveLoginChannel */
export interface SshInteractiveLoginChannelOptions extends SshChannelOptions {
  /** Fixed answers, tried in order before `prompter`. @default [] */
  readonly responses?: readonly PromptResponse[];
  /**
   * Asks the user (or a one-time-password source) for a prompt the responses do not cover.
   * @default undefined: `password` answers password prompts, other prompts get no answer
   */
  readonly prompter?: (prompt: LoginPrompt, target: string) => Promise<string>;
}

/**
 * An SshChannel that logs in with keyboard-interactive authentication, for sites with one-time
 * passwords or 2FA where keys are not set up. Prompts are answered by the configured responses,
 * then by the prompter callback.
 * Parsl: parsl.channels.SSHInteractiveLoginChannel
 */
export class SshInteractiveLoginChannel extends SshChannel {
  /** Prompts the server sent, in order (for diagnostics). */
  public readonly promptsSeen: string[] = [];

  public constructor(protected override readonly options: SshInteractiveLoginChannelOptions) {
    super(options);
  }

  protected override async authConfig(): Promise<Partial<ConnectConfig>> {
    return { tryKeyboard: true, authHandler: ['keyboard-interactive'] };
  }

  protected override async answerPrompts(
    prompts: readonly { prompt: string; echo?: boolean }[],
  ): Promise<string[]> {
    const answers: string[] = [];
    for (const { prompt, echo } of prompts) {
      this.promptsSeen.push(prompt);
      answers.push(await this.answer({ prompt, echo: echo ?? false }));
    }
    return answers;
  }

  private async answer(prompt: LoginPrompt): Promise<string> {
    for (const response of this.options.responses ?? []) {
      if (new RegExp(response.match, 'i').test(prompt.prompt)) return response.answer;
    }
    if (this.options.prompter !== undefined)
      return await this.options.prompter(prompt, this.target);
    if (this.options.password !== undefined && /password/i.test(prompt.prompt))
      return this.options.password;
    return '';
  }
}
