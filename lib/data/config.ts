/**
 * A JSON-safe copy of a step's config for manifests: RegExps become their source, functions their
 * name, Sets/Maps arrays; key order is kept so the same config always serialises the same way.
 */
export function configToJson(value: unknown, depth = 0): unknown {
  if (depth > 20) return '[deep]';
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'undefined') return null;
  if (typeof value === 'function') return `[function ${value.name || 'anonymous'}]`;
  if (value instanceof RegExp) return value.toString();
  if (value instanceof Set) return [...value].map((v) => configToJson(v, depth + 1));
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), configToJson(v, depth + 1)]));
  if (ArrayBuffer.isView(value)) return `[${value.constructor.name} ${(value as unknown as { length: number }).length}]`;
  if (Array.isArray(value)) return value.map((v) => configToJson(v, depth + 1));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (v !== undefined) out[k] = configToJson(v, depth + 1);
    return out;
  }
  return String(value);
}
