/** Drops what JSON round trips cannot tell apart: undefined/null optional fields and empty objects. */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const c = canonical(v);
      if (c === undefined || c === null) continue;
      if (c && typeof c === 'object' && !Array.isArray(c) && Object.keys(c).length === 0 && k !== 'targets' && k !== 'actuals') continue;
      out[k] = c;
    }
    return out;
  }
  return value;
}
