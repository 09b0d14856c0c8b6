// Public API of lib/privacy: re-exports only.
export {};
