// The statistics the benches report, one definition for all of them.

/** The `p` quantile (0..1) of the finite numbers in `xs`, by nearest rank; NaN when none. */
export function quantile(xs, p) {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))] : NaN;
}

/** The median and p95 of a list. */
export const spread = (xs) => ({ median: quantile(xs, 0.5), p95: quantile(xs, 0.95) });
