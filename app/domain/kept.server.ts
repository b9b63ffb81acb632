// Values a process reads from the database and keeps for a few seconds, because every page view
// would otherwise read them again and they change rarely or need not be exact to the second: the
// site settings (decision 032), the list page's filter choices, the home page's count of ideas at
// each step (decision 074); a committee's record figures and an agency's answer figures, per
// body (decision 071).
//
// Each process keeps its own copy per database handle (one handle per process; each test database
// has its own) and reads again once the copy is older than its time. Requests arriving together
// while it reads share that one read. A read inside a transaction always goes to the database: a
// use case that locks rows sees the values as they are. A value names the use cases that change
// what it is read from (`changedBy`); the use-case kernel tells this module when one of them has
// committed, and the process that ran it forgets its copy, so it sees its own change at once; the
// other processes see it within the value's time.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";

type Db = Kysely<Database>;

/** One copy of a value, read again once it is older than `ttlMs` (by `clock`). */
export class KeptValue<T> {
  private value: { v: T } | null = null;
  private readAt = 0;
  private pending: Promise<T> | null = null;

  constructor(
    private readonly ttlMs: number,
    private readonly clock: () => number = () => Date.now(),
  ) {}

  async get(read: () => Promise<T>): Promise<T> {
    if (this.value && this.clock() - this.readAt < this.ttlMs) return this.value.v;
    this.pending ??= (async () => {
      const startedAt = this.clock();
      try {
        const v = await read();
        this.value = { v };
        this.readAt = startedAt;
        return v;
      } finally {
        this.pending = null;
      }
    })();
    return this.pending;
  }

  forget(): void {
    this.value = null;
    this.readAt = 0;
  }
}

export interface Kept<T> {
  /** The value: fresh inside a transaction, otherwise at most `ttlMs` old. */
  get(db: Db): Promise<T>;
  /** Drops this process's copy for this database, so that its next read sees a change it made. */
  forget(db: Db): void;
}

/** Every kept value, with the names (or name prefixes ending in ".") of the use cases that change it. */
const changedByUseCase: { names: readonly string[]; value: { forget(db: Db): void } }[] = [];

/**
 * A value read by `read` and kept per database handle for `ttlMs`. `changedBy` lists the use
 * cases that change it: a full name ("settings.change") or every use case under a prefix
 * ("bodies.").
 */
export function kept<T>(ttlMs: number, read: (db: Db) => Promise<T>, changedBy: readonly string[] = []): Kept<T> {
  // One value is one key's value.
  const one = keptPerKey<T>(ttlMs, (db) => read(db), changedBy, 1);
  return { get: (db) => one.get(db, 0), forget: (db) => one.forget(db) };
}

export interface KeptPerKey<T, K extends number | string = number> {
  /**
   * The value for `key` (a committee's, an agency's id; a search's query and filters): fresh
   * inside a transaction; otherwise at most `ttlMs` old, and read again at once when `version`
   * differs from the kept copy's.
   */
  get(db: Db, key: K, version?: string): Promise<T>;
  /** Drops this process's copies for this database (every key). */
  forget(db: Db): void;
}

/**
 * A value per key, each kept like `kept`'s (decision 071). `version` is what the caller already
 * read cheaply and what the value is made of changes with (how many rows, the newest): a change
 * made by another process, or outside the use cases, then shows at the next view, not after
 * `ttlMs`. Up to `bound` keys per database; the map is emptied when it reaches it.
 */
export function keptPerKey<T, K extends number | string = number>(
  ttlMs: number,
  read: (db: Db, key: K) => Promise<T>,
  changedBy: readonly string[] = [],
  bound = 1_000,
): KeptPerKey<T, K> {
  const copies = new WeakMap<Db, Map<K, { version: string; copy: KeptValue<T> }>>();
  const value: KeptPerKey<T, K> = {
    get(db, key, version = "") {
      if (db.isTransaction) return read(db, key);
      let byKey = copies.get(db);
      if (!byKey) copies.set(db, (byKey = new Map()));
      let entry = byKey.get(key);
      if (!entry || entry.version !== version) {
        if (!entry && byKey.size >= bound) byKey.clear();
        entry = { version, copy: new KeptValue<T>(ttlMs) };
        byKey.set(key, entry);
      }
      return entry.copy.get(() => read(db, key));
    },
    forget(db) {
      copies.get(db)?.clear();
    },
  };
  if (changedBy.length) changedByUseCase.push({ names: changedBy, value });
  return value;
}

/** Called by the use-case kernel once a use case has committed: forgets the values it changes. */
export function useCaseCommitted(db: Db, useCase: string): void {
  for (const { names, value } of changedByUseCase) {
    if (names.some((name) => (name.endsWith(".") ? useCase.startsWith(name) : useCase === name))) value.forget(db);
  }
}
