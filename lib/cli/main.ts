#!/usr/bin/env node
/** The `lmforge` command. Parsing only: each command calls the public API. */
import { smoke } from './smoke.js';
import { dataCommand } from './data.js';
import { LmforgeError } from '../errors.js';

const commands: Record<string, { help: string; run: (args: string[]) => number | Promise<number> }> = {
  smoke: { help: 'check the install: native binary, libtorch, BLAS, devices, threads, matmul speed', run: () => (smoke(), 0) },
  data: { help: 'data split | leakage | diff (see: lmforge data --help)', run: (args) => dataCommand(args) },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log('usage: lmforge <command> [options]\n\ncommands:');
    for (const [n, c] of Object.entries(commands)) console.log(`  ${n.padEnd(10)} ${c.help}`);
    return 0;
  }
  const cmd = commands[name];
  if (!cmd) {
    console.error(`lmforge: unknown command '${name}' (try: lmforge --help)`);
    return 2;
  }
  return cmd.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof LmforgeError ? `lmforge: ${err.message}` : err);
    process.exit(1);
  },
);
