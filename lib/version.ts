import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** Root of the installed package (one level above dist/ or lib/). */
export const packageRoot: string = join(dirname(fileURLToPath(import.meta.url)), '..');

/** lmforge's version, read once from package.json (written into manifests and reports). */
export const version: string = (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
