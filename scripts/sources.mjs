#!/usr/bin/env node
// The one list of native sources: every .cc under native/. CMakeLists.txt and binding.gyp both ask this
// script, so adding a file never means editing two build definitions.
// Usage: node scripts/sources.mjs [--cmake]   (default: space-separated for gyp; --cmake: semicolon list)
import { readdirSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
function walk(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.cc') ? [join(dir, e.name)] : []));
}
const files = walk(join(root, 'native')).map((f) => relative(root, f).split('\\').join('/'));
process.stdout.write(files.join(process.argv[2] === '--cmake' ? ';' : ' ') + '\n');
