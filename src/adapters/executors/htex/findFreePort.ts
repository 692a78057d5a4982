import { createServer } from 'node:net';

/**
 * A port in `[low, high)` that is free on `host` right now (probed with a throw-away listener), so
 * the executor can hand the pool port to blocks while the interchange is still starting. Another
 * process may take it before the interchange binds; the interchange then fails to start with a
 * clear error.
 * @throws {Error} naming the range when no free port was found
 */
export const findFreePort = async (
  host: string,
  range: readonly [number, number],
): Promise<number> => {
  const [low, high] = range;
  const span = Math.max(1, high - low);
  for (let attempt = 0; attempt < Math.min(span, 50); attempt += 1) {
    const port = low + Math.floor(Math.random() * span);
    if (await isFree(host, port)) return port;
  }
  throw new Error(`HTEX: no free port on ${host} in [${low}, ${high}). Widen workerPortRange.`);
};

const isFree = (host: string, port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: host === '*' ? '0.0.0.0' : host, port, exclusive: true }, () => {
      server.close(() => resolve(true));
    });
  });
