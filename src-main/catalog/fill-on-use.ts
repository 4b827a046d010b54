/**
 * A Map that fills itself from the local view the first time anyone looks into it. The saved
 * view holds every app and version as JSON; parsing them all is most of opening a large
 * catalog (10,000 apps: ~0.3 s), while the store's first list, the session and the status
 * need none of them. Every read and write fills the map first, so it behaves as the Map the
 * view would have loaded at once.
 *
 * With a loader for one key (`one`), a lookup by key reads that one row instead: applying a
 * few events touches a few apps and versions, not all 50,000 (~1 s at 500,000 events). Only
 * what needs every entry (size, iteration) fills the whole map; entries looked up, written or
 * deleted before that keep what was done to them.
 */
export class FillOnUse<K, V> extends Map<K, V> {
  private fill?: (set: (key: K, value: V) => void) => void;
  /** Keys deleted (or looked up and absent) while unfilled: the fill must not bring them back. */
  private gone = new Set<K>();

  constructor(
    fill: (set: (key: K, value: V) => void) => void,
    private readonly one?: (key: K) => V | undefined,
  ) {
    super();
    this.fill = fill;
  }

  /** Filled already (or never lazy)? */
  get filled(): boolean {
    return this.fill === undefined;
  }

  /** Fills the map now (before the rows it reads from are replaced or deleted). */
  materialize(): this {
    const fill = this.fill;
    if (!fill) return this;
    this.fill = undefined;
    const early = new Map(super.entries());
    const gone = this.gone;
    try {
      super.clear();
      // in the view's order; what was written here before wins over the row it replaces
      fill((key, value) => {
        if (gone.has(key)) return;
        const mine = early.get(key);
        super.set(key, mine === undefined ? value : mine);
        early.delete(key);
      });
      for (const [key, value] of early) super.set(key, value);
      this.gone = new Set();
    } catch (e) {
      // the view could not be read (closed): stay unfilled, so the next look fails the same way
      super.clear();
      for (const [key, value] of early) super.set(key, value);
      this.fill = fill;
      throw e;
    }
    return this;
  }

  /** The entry for `key` while unfilled: from what was done here, else that one row. */
  private lookup(key: K): V | undefined {
    if (super.has(key)) return super.get(key);
    if (this.gone.has(key)) return undefined;
    const v = this.one!(key);
    if (v === undefined) this.gone.add(key);
    else super.set(key, v);
    return v;
  }

  private get byKey(): boolean {
    return this.fill !== undefined && this.one !== undefined;
  }

  override get size(): number {
    this.materialize();
    return super.size;
  }

  override get(key: K): V | undefined {
    if (this.byKey) return this.lookup(key);
    this.materialize();
    return super.get(key);
  }

  override has(key: K): boolean {
    if (this.byKey) return this.lookup(key) !== undefined;
    this.materialize();
    return super.has(key);
  }

  override set(key: K, value: V): this {
    if (this.byKey) {
      this.gone.delete(key);
      return super.set(key, value);
    }
    this.materialize();
    return super.set(key, value);
  }

  override delete(key: K): boolean {
    if (this.byKey) {
      const was = this.lookup(key) !== undefined;
      super.delete(key);
      this.gone.add(key);
      return was;
    }
    this.materialize();
    return super.delete(key);
  }

  override clear(): void {
    this.fill = undefined;
    this.gone = new Set();
    super.clear();
  }

  override forEach(fn: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    this.materialize();
    super.forEach(fn, thisArg);
  }

  override keys(): MapIterator<K> {
    this.materialize();
    return super.keys();
  }

  override values(): MapIterator<V> {
    this.materialize();
    return super.values();
  }

  override entries(): MapIterator<[K, V]> {
    this.materialize();
    return super.entries();
  }

  override [Symbol.iterator](): MapIterator<[K, V]> {
    this.materialize();
    return super[Symbol.iterator]();
  }
}
