import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory for runinfo and files of one test. */
export const tempDir = (prefix = 'parsl-ts-'): string => mkdtempSync(join(tmpdir(), prefix));
