import type { Client } from 'ssh2';
import { ChannelExecFailed, ChannelTimeout } from '../../../domain/errors/ChannelErrors.js';
import type { CommandResult } from '../../../ports/Channel.js';

/** The exec request itself failed (the connection is gone): safe to retry on a new connection. */
export class CommandNotStarted extends Error {}

/** One command to run over an open connection. */
export interface RemoteCommand {
  /** The command line sent (with envs and cwd applied). */
  readonly full: string;
  /** The caller's command, for messages. */
  readonly command: string;
  readonly timeoutMs: number;
  readonly hostname: string;
  /** user@host:port, for messages. */
  readonly target: string;
  readonly signal?: AbortSignal;
}

const PID_MARK = 'PARSL_TS_PID:';

/**
 * Runs a command on an open ssh2 connection and collects its exit code and streams. On timeout or
 * abort it kills the remote process group: the remote shell is a session leader (sshd calls
 * setsid), and it reports its pid as the first stderr line, which is stripped again.
 * @throws {CommandNotStarted | ChannelTimeout | ChannelExecFailed}
 */
export const runRemoteCommand = (client: Client, cmd: RemoteCommand): Promise<CommandResult> =>
  new Promise<CommandResult>((resolve, reject) => {
    client.exec(`echo ${PID_MARK}$$ >&2; ${cmd.full}`, (error, stream) => {
      if (error !== undefined && error !== null) {
        reject(new CommandNotStarted(String(error)));
        return;
      }
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let head = '';
      let remotePid: number | undefined;
      let exitCode = -1;
      let done = false;
      const finish = (fn: () => void): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        cmd.signal?.removeEventListener('abort', onAbort);
        client.removeListener('close', onDrop);
        fn();
      };
      const kill = (): void => {
        if (remotePid !== undefined) {
          client.exec(`kill -KILL -- -${remotePid}`, (e, killer) => {
            if (!e) killer.resume();
          });
        }
        stream.close();
      };
      const timer = setTimeout(() => {
        kill();
        finish(() => reject(new ChannelTimeout(cmd.hostname, cmd.command, cmd.timeoutMs)));
      }, cmd.timeoutMs);
      const onAbort = (): void => {
        kill();
        finish(() => reject(new ChannelExecFailed(cmd.hostname, `${cmd.command}: aborted`)));
      };
      const onDrop = (): void =>
        finish(() =>
          reject(
            new ChannelExecFailed(
              cmd.hostname,
              `${cmd.command}: the connection to ${cmd.target} dropped`,
            ),
          ),
        );
      cmd.signal?.addEventListener('abort', onAbort, { once: true });
      client.once('close', onDrop);
      stream.on('data', (d: Buffer) => out.push(d));
      stream.stderr.on('data', (d: Buffer) => {
        if (remotePid !== undefined) {
          err.push(d);
          return;
        }
        head += d.toString('utf8');
        const nl = head.indexOf('\n');
        if (nl < 0) return;
        remotePid = Number(head.slice(PID_MARK.length, nl));
        err.push(Buffer.from(head.slice(nl + 1), 'utf8'));
      });
      stream.on('exit', (code: number | null) => {
        if (typeof code === 'number') exitCode = code;
      });
      stream.on('close', () =>
        finish(() =>
          resolve({
            exitCode,
            stdout: Buffer.concat(out).toString('utf8'),
            stderr: Buffer.concat(err).toString('utf8'),
          }),
        ),
      );
    });
  });
