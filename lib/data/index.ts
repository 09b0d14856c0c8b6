// Public API of lib/data: re-exports only.
export {};
