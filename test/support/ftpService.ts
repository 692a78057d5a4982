import net from 'node:net';

/** Connection details of the test FTP server (scripts/services/vsftpd.sh), from env vars. */
export const ftpService = {
  host: process.env['PARSL_TS_FTP_HOST'] ?? '127.0.0.1',
  port: Number(process.env['PARSL_TS_FTP_PORT'] ?? 2121),
  user: process.env['PARSL_TS_FTP_USER'] ?? 'parslftp',
  password: process.env['PARSL_TS_FTP_PASSWORD'] ?? 'parslftp',
  /** Served read-only to anonymous users at `/`; tests write fixtures here directly. */
  pubDir: process.env['PARSL_TS_FTP_PUB_DIR'] ?? '/srv/parsl-ts-ftp/pub',
  /** The write user's root (`/` after login). */
  homeDir: process.env['PARSL_TS_FTP_HOME_DIR'] ?? '/srv/parsl-ts-ftp/home',
} as const;

export const FTP_HOW_TO_ENABLE = 'run scripts/services/vsftpd.sh start (as root)';

/** True when something accepts TCP connections at host:port. */
export const isListening = (host: string, port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = net.connect(port, host);
    socket.setTimeout(1000);
    socket.on('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
