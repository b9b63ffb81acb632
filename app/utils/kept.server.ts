// Figures that read every row of a body's history (a committee's median days, an agency's
// answers on time), kept in the process between requests (decision 071). Each is kept under a
// key (the body) with a version that a cheap, indexed statement reads on every request (how many
// rows there are, the newest): a change to the rows the figures are made of changes the version
// and the next request computes them again. A kept value is also dropped when older than
// `maxAgeMs`, so that a change the version cannot see shows within that time. Per database
// handle (each test database, the primary and the replica keep their own), a map emptied when
// it reaches its bound, as in decision 066.
type Entry<V> = { version: string; at: number; value: Promise<V> };

export function keptFigures<V>(maxAgeMs: number, bound = 1_000) {
  const byDb = new WeakMap<object, Map<string, Entry<V>>>();
  return function kept(db: object, key: string, version: string, compute: () => Promise<V>, now = Date.now()): Promise<V> {
    let entries = byDb.get(db);
    if (!entries) byDb.set(db, (entries = new Map()));
    const entry = entries.get(key);
    if (entry && entry.version === version && now - entry.at < maxAgeMs && now >= entry.at) return entry.value;
    if (entries.size >= bound) entries.clear();
    // The promise is kept, so that requests arriving while it runs share one computation; a
    // failure is not kept.
    const value = compute();
    const fresh = { version, at: now, value };
    entries.set(key, fresh);
    value.catch(() => {
      if (entries.get(key) === fresh) entries.delete(key);
    });
    return value;
  };
}
