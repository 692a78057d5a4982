import type { OnReadOpts, SocketConstructorOpts } from 'node:net';

/** Bytes per arena: big enough that most frames of a burst land whole in one. */
const ARENA_BYTES = 4 * 1024 * 1024;
/** A new arena is started when less than this is left (a socket read rarely brings more). */
const MIN_FREE_BYTES = 256 * 1024;

/** Socket `onread` options plus the hook the PipeLink sets to receive the chunks. */
export interface ArenaReader {
  readonly onread: OnReadOpts;
  deliver: (chunk: Buffer) => void;
  /** `options` plus `onread` (which `new Socket()` accepts; Node's typings only list it for connect). */
  socketOptions(options: SocketConstructorOpts): SocketConstructorOpts;
}

/**
 * Reads a socket into large arenas instead of Node's fresh 64 KiB buffer per read: consecutive
 * reads fill one arena, so a PipeLink can hand out frames of a burst as views of it instead of
 * copying each frame that crosses a 64 KiB read boundary (3 copies of every 100 kB argument on
 * the way to a worker otherwise). An arena lives while any frame cut from it does.
 * Pass `onread` to `new Socket()` / `net.connect()` and the reader to the PipeLink.
 */
export const arenaReader = (): ArenaReader => {
  let arena = Buffer.allocUnsafe(ARENA_BYTES);
  let used = 0;
  const reader: ArenaReader = {
    deliver: () => undefined,
    socketOptions: (options) => {
      const withReader: SocketConstructorOpts & { onread: OnReadOpts } = {
        ...options,
        onread: reader.onread,
      };
      return withReader;
    },
    onread: {
      buffer: () => {
        if (arena.length - used < MIN_FREE_BYTES) {
          arena = Buffer.allocUnsafe(ARENA_BYTES);
          used = 0;
        }
        return arena.subarray(used);
      },
      callback: (bytes: number, buffer: Uint8Array) => {
        used += bytes;
        reader.deliver(Buffer.from(buffer.buffer, buffer.byteOffset, bytes));
        return true;
      },
    },
  };
  return reader;
};
