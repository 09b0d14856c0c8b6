// Public API of lib/annotation: re-exports only.
export {};
