/**
 * The one error type for expected failures (bad input, missing files, unsupported options).
 * `code` is stable and machine-readable; the message names the argument, file, line or field
 * and, where possible, what to do next.
 */
export class LmforgeError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LmforgeError';
    this.code = code;
  }
}

/** Throws a TypeError naming the argument when `ok` is false (for public entry points). */
export function checkArg(ok: boolean, name: string, expected: string, got: unknown): asserts ok {
  if (!ok) {
    const kind = got === null ? 'null' : Array.isArray(got) ? 'array' : typeof got;
    throw new TypeError(`${name} must be ${expected}, got ${kind}`);
  }
}
