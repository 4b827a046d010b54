import type { Services } from '../services';
import { need } from './input';
import type { HandlerSlice } from './registry';

type ValuesCall = `values.${'formModel' | 'validate' | 'usage' | 'merge3' | 'settle' | 'diff'}`;

/** Values forms, validation, the upgrade merge and structural diffs. */
export function valuesHandlers(s: Services): HandlerSlice<ValuesCall> {
  return {
    'values.formModel': (r) => s.values.formModel(need(r.chart, 'chart')),
    'values.validate': (r) => s.values.validate(need(r.chart, 'chart'), r.values, r.yaml),
    'values.usage': (r) => s.values.usage(need(r.chart, 'chart'), r.values ?? {}),
    'values.merge3': (r) => s.values.merge3(need(r.from, 'from'), need(r.to, 'to'), r.values ?? {}),
    'values.settle': (r) => s.values.settle(need(r.from, 'from'), need(r.to, 'to'), r.values ?? {}, r.resolutions ?? {}),
    'values.diff': (r) => s.values.diff(need(r.a, 'a'), need(r.b, 'b')),
  };
}
