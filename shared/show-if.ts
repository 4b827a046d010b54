/**
 * Rancher's `show_if` / `show_subquestion_if` conditions (questions.yaml): `key=value` terms
 * joined by `&&`, alternatives by `||`; a value is compared as text (`true`, `NodePort`).
 * Shared by the main side (which checks the syntax) and the values form (which evaluates it).
 */
type Values = { [key: string]: unknown };

function at(values: Values, path: string): unknown {
  let cur: unknown = values;
  for (const k of path.split('.')) {
    if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return undefined;
    cur = (cur as Values)[k];
  }
  return cur;
}

const TERM = /^\s*([A-Za-z0-9_.-]+)\s*(!=|=)\s*(.*?)\s*$/;

/** True when the expression is one Berth can evaluate. */
export function validShowIf(expr: string): boolean {
  return expr.length <= 1000 && expr.split('||').every((alt) => alt.split('&&').every((t) => TERM.test(t)));
}

/** Whether the condition holds for these values (an unreadable condition shows the field). */
export function showIfHolds(expr: string | undefined, values: Values): boolean {
  if (!expr || !validShowIf(expr)) return true;
  return expr.split('||').some((alt) =>
    alt.split('&&').every((term) => {
      const [, key, op, want] = TERM.exec(term)!;
      const v = at(values, key);
      const text = v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
      return op === '=' ? text === want : text !== want;
    }),
  );
}
