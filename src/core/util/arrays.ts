// Loops instead of spreading arrays into calls (Math.max(...x), a.push(...b)), which put every
// element on the stack and overflow it for arrays of events.

export function maxOf(values: ArrayLike<number>, start = -Infinity): number {
  let max = start;
  for (let i = 0; i < values.length; i++) if (values[i] > max || Number.isNaN(values[i])) max = values[i];
  return max;
}

export function minOf(values: ArrayLike<number>, start = Infinity): number {
  let min = start;
  for (let i = 0; i < values.length; i++) if (values[i] < min || Number.isNaN(values[i])) min = values[i];
  return min;
}

export function meanOf(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

/** The population standard deviation (divided by n, as numpy's default). */
export function stdOf(values: ArrayLike<number>): number {
  const mean = meanOf(values);
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += (values[i] - mean) ** 2;
  return Math.sqrt(sum / values.length);
}

/** Appends every item of `items` to `target`; returns `target`. */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
