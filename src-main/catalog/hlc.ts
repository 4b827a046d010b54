/**
 * A hybrid logical clock: wall-clock milliseconds plus a counter, so an event always
 * sorts after every event its author had seen, even when machines' clocks disagree.
 * Encoded as a fixed-width string so plain string comparison is time order.
 */
export interface Hlc {
  wall: number;
  counter: number;
}

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 6;
const PATTERN = /^(\d{15})\.(\d{6})$/;

export function formatHlc(h: Hlc): string {
  return `${String(h.wall).padStart(WALL_DIGITS, '0')}.${String(h.counter).padStart(COUNTER_DIGITS, '0')}`;
}

export function parseHlc(text: string): Hlc | undefined {
  const m = PATTERN.exec(text);
  return m ? { wall: Number(m[1]), counter: Number(m[2]) } : undefined;
}

export function isHlc(text: unknown): text is string {
  return typeof text === 'string' && PATTERN.test(text);
}

/** The next timestamp for a local event, given the latest one this machine has seen. */
export function nextHlc(latest: string | undefined, now: number = Date.now()): string {
  const last = latest ? parseHlc(latest) : undefined;
  if (!last || now > last.wall) return formatHlc({ wall: now, counter: 0 });
  return formatHlc({ wall: last.wall, counter: last.counter + 1 });
}

export function maxHlc(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}

// replay asks for one event's time several times in a row (its handler, then its audit row)
let lastHlc = '';
let lastIso = new Date(0).toISOString();

export function hlcToIso(text: string): string {
  if (text === lastHlc) return lastIso;
  lastIso = new Date(hlcWall(text)).toISOString();
  lastHlc = text;
  return lastIso;
}

/** The wall-clock milliseconds of an HLC value (0 when it is not one, as hlcToIso says 1970). */
export function hlcWall(text: string): number {
  return parseHlc(text)?.wall ?? 0;
}
