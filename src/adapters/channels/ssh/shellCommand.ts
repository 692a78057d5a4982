/** Quotes `text` as one POSIX shell word. */
export const shellQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Builds the remote command line: exports `envs`, changes to `cwd`, then runs `command` in the
 * login user's shell. Parsl: SSHChannel.prepend_envs
 * @throws {RangeError} for an environment variable name the shell cannot take
 */
export const buildRemoteCommand = (
  command: string,
  envs: Readonly<Record<string, string>>,
  cwd?: string,
): string => {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(envs)) {
    if (!ENV_NAME.test(name)) {
      throw new RangeError(
        `environment variable name ${JSON.stringify(name)} is not a valid shell name`,
      );
    }
    parts.push(`export ${name}=${shellQuote(value)}`);
  }
  if (cwd !== undefined) parts.push(`cd ${shellQuote(cwd)}`);
  parts.push(command);
  return parts.join(' && ');
};
