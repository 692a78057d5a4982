/** The part of a ZeroMQ socket `bindInRange` needs. */
export interface BindableSocket {
  bind(address: string): Promise<void>;
}

/**
 * Binds `tcp://host:port` on `fixedPort`, or on a random free port in `[low, high)` (Parsl's
 * interchange_port_range / worker_port_range semantics); returns the port.
 * @throws {Error} naming the range when no port in it could be bound
 */
export const bindInRange = async (
  socket: BindableSocket,
  host: string,
  range: readonly [number, number],
  fixedPort?: number,
): Promise<number> => {
  const bindHost = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  if (fixedPort !== undefined) {
    await socket.bind(`tcp://${bindHost}:${fixedPort}`);
    return fixedPort;
  }
  const [low, high] = range;
  const span = Math.max(1, high - low);
  const attempts = Math.min(span, 100);
  let lastError: unknown;
  for (let i = 0; i < attempts; i += 1) {
    const port = low + Math.floor(Math.random() * span);
    try {
      await socket.bind(`tcp://${bindHost}:${port}`);
      return port;
    } catch (error: unknown) {
      lastError = error;
    }
  }
  throw new Error(
    `HTEX: no free port on ${host} in [${low}, ${high}) after ${attempts} tries. Widen the port range.`,
    { cause: lastError },
  );
};
