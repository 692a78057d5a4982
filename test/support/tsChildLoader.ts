import { sourceLoaderUrl } from '../../src/adapters/system/typeScriptSourceLoader.js';

/**
 * Node arguments (put them before the script) that let a child process run `.ts` files: the
 * product's TypeScript source loader (tests only, no build).
 */
export const tsChildLoaderArgs = (): string[] => [
  '--import',
  sourceLoaderUrl('test child process'),
];
