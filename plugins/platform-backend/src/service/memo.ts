/**
 * Memoisation of values derived from cached upstream answers, so a cached hit does not rebuild (and the
 * router does not re-serialise) the same value. Everything kept here is shared between requests and read only.
 */

/** A bounded map: past `max` entries the oldest goes first. */
export class BoundedMemo<V> {
  private readonly map = new Map<string, V>();

  constructor(private readonly max = 1_000) {}

  get(key: string, make: () => V): V {
    let value = this.map.get(key);
    if (value === undefined) {
      value = make();
      this.map.set(key, value);
      if (this.map.size > this.max) {
        this.map.delete(this.map.keys().next().value!);
      }
    }
    return value;
  }
}

/**
 * Values derived from a cached entry (the anchor, held weakly: the memo goes when the entry goes) and further
 * inputs compared by identity. `key` tells apart derivations of one anchor for different targets.
 */
export class DerivedMemo<V> {
  private readonly memo = new WeakMap<
    object,
    Map<string, { inputs: readonly unknown[]; value: V }>
  >();

  constructor(private readonly maxPerAnchor = 1_000) {}

  get(
    anchor: object,
    key: string,
    inputs: readonly unknown[],
    make: () => V,
  ): V {
    let byKey = this.memo.get(anchor);
    const hit = byKey?.get(key);
    if (
      hit &&
      hit.inputs.length === inputs.length &&
      hit.inputs.every((input, i) => input === inputs[i])
    ) {
      return hit.value;
    }
    const value = make();
    if (!byKey) {
      byKey = new Map();
      this.memo.set(anchor, byKey);
    }
    byKey.delete(key);
    byKey.set(key, { inputs, value });
    if (byKey.size > this.maxPerAnchor) {
      byKey.delete(byKey.keys().next().value!);
    }
    return value;
  }
}
