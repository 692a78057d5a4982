// Runs the library's apps with the site config: prints 0 + 1 = 1 … 4 + 1 = 5 (S004 L4101-4152).
import { load } from '../../src/index.js';
import { config } from './config.js';
import { incrementApp } from './library.js';

await using _kernel = await load(config);
const results = Array.from({ length: 5 }, (_, i) => incrementApp(i));
for (const [i, result] of results.entries()) console.log(`${i} + 1 = ${await result}`);
