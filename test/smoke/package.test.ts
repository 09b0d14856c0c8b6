// The built package loads (by its name, through package self-reference and "exports") the way users load it: ESM import and CommonJS require (require(esm), Node >= 20.19).
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../lib/version.js';

const built = existsSync(join(packageRoot, 'dist', 'index.js'));

t.test('import and require of the package entry', { skip: built ? false : 'dist/ not built (run npm run build:ts)' }, async (t) => {
  const esm = spawnSync(process.execPath, ['--input-type=module', '-e', `import * as lm from 'lmforge'; console.log(typeof lm.tensor, typeof lm.trainBpe, typeof lm.runPipeline, typeof lm.GPT)`], { encoding: 'utf8', cwd: packageRoot });
  t.equal(esm.stdout.trim(), 'function function function function', esm.stderr);
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major > 20 || (major === 20 && minor >= 19)) {
    const cjs = spawnSync(process.execPath, ['-e', `const lm = require('lmforge'); console.log(typeof lm.tensor, lm.version)`], { encoding: 'utf8', cwd: packageRoot });
    t.match(cjs.stdout, /^function \d+\.\d+\.\d+/, cjs.stderr);
  }
});
