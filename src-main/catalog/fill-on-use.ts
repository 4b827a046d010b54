/**
 * A Map that fills itself from the local view the first time anyone looks into it. The saved
 * view holds every app and version as JSON; parsing them all is most of opening a large
 * catalog (10,000 apps: ~0.3 s), while the store's first list, the session and the status
 * need none of them. Every read and write fills the map first, so it behaves as the Map the
 * view would have loaded at once.
 */
export class FillOnUse<K, V> extends Map<K, V> {
  private fill?: (set: (key: K, value: V) => void) => void;

  constructor(fill: (set: (key: K, value: V) => void) => void) {
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
    try {
      fill((key, value) => void super.set(key, value));
    } catch (e) {
      // the view could not be read (closed): stay unfilled, so the next look fails the same way
      super.clear();
      this.fill = fill;
      throw e;
    }
    return this;
  }

  override get size(): number {
    this.materialize();
    return super.size;
  }

  override get(key: K): V | undefined {
    this.materialize();
    return super.get(key);
  }

  override has(key: K): boolean {
    this.materialize();
    return super.has(key);
  }

  override set(key: K, value: V): this {
    this.materialize();
    return super.set(key, value);
  }

  override delete(key: K): boolean {
    this.materialize();
    return super.delete(key);
  }

  override clear(): void {
    this.fill = undefined;
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
