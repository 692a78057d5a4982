import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROTOCOL_VERSION } from './protocol.js';

/** The versions the two ends of an HTEX link compare. */
export interface VersionInfo {
  readonly parslTsVersion: string;
  readonly nodeVersion: string;
  readonly protocolVersion: number;
}

let cached: VersionInfo | undefined;

/** This process's versions: the parsl-ts package version, Node's version and the protocol version. */
export const localVersionInfo = (): VersionInfo => {
  cached ??= {
    parslTsVersion: findPackageVersion(),
    nodeVersion: process.version,
    protocolVersion: PROTOCOL_VERSION,
  };
  return cached;
};

/**
 * Why `remote` cannot work with `local`, or undefined when they match. Like Parsl's check (Python
 * to the micro level, exact parsl version), the package and protocol versions must be equal and
 * Node must have the same major.minor.patch.
 */
export const versionMismatch = (local: VersionInfo, remote: VersionInfo): string | undefined => {
  const problems: string[] = [];
  if (remote.protocolVersion !== local.protocolVersion) {
    problems.push(`protocol ${remote.protocolVersion} != ${local.protocolVersion}`);
  }
  if (remote.parslTsVersion !== local.parslTsVersion) {
    problems.push(`parsl-ts ${remote.parslTsVersion} != ${local.parslTsVersion}`);
  }
  if (remote.nodeVersion !== local.nodeVersion) {
    problems.push(`node ${remote.nodeVersion} != ${local.nodeVersion}`);
  }
  return problems.length === 0
    ? undefined
    : `worker pool has ${problems.join(', ')} (interchange side)`;
};

const findPackageVersion = (): string => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i += 1) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'parsl-ts' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not here; look one level up
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return 'unknown';
};
