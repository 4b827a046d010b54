/**
 * Times as Helm writes and prints them. Helm stamps releases with Go's time.Now(): local time,
 * nanoseconds, encoded as RFC 3339 with trailing zeros of the fraction dropped
 * ("2026-12-03T03:05:01.123456789Z", "…+08:00"). `helm list` prints time.Time.String()
 * ("2026-12-03 03:05:01.123456789 +0000 UTC"), `helm history` and `helm status` time.ANSIC
 * ("Thu Dec  3 03:05:01 2026"), both in the zone the record was written in.
 */

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function offsetText(minutes: number, colon: boolean): string {
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  return `${sign}${pad(Math.floor(m / 60))}${colon ? ':' : ''}${pad(m % 60)}`;
}

// Nanoseconds within the current millisecond, from the monotonic clock: the wall clock gives only milliseconds.
function subMillisecondNanos(): number {
  return Number(process.hrtime.bigint() % 1_000_000n);
}

/** Go's time.Now() as encoding/json writes it (RFC 3339 with nanoseconds, in the local zone). */
export function goNow(now = new Date(), nanos = subMillisecondNanos()): string {
  const offset = -now.getTimezoneOffset();
  const local = new Date(now.getTime() + offset * 60_000);
  const fraction = `${pad(local.getUTCMilliseconds(), 3)}${pad(nanos, 6)}`.replace(/0+$/, '');
  const zone = offset === 0 ? 'Z' : offsetText(offset, true);
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${fraction ? `.${fraction}` : ''}${zone}`;
}

interface GoTime {
  /** The wall clock in the time's own zone. */
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
  /** The fraction's digits as written (no trailing zeros). */
  fraction: string;
  offsetMinutes: number;
  /** Go's zone name when printing: "UTC" for Z, the local zone's for a local offset, else the offset again. */
  zone: string;
}

const RFC3339 = /^(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|z|[-+]\d\d:\d\d)$/;

/** The local zone's abbreviation at an instant, as far as the platform knows it. */
function localZoneName(at: Date): string {
  const tz = process.env.TZ;
  if (tz === 'UTC' || tz === 'Etc/UTC' || (tz === undefined && at.getTimezoneOffset() === 0)) return 'UTC';
  const part = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(at).find((p) => p.type === 'timeZoneName');
  return part?.value ?? offsetText(-at.getTimezoneOffset(), false);
}

function parseGoTime(text: string): GoTime | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const offsetMinutes = /^[zZ]$/.test(m[8]) ? 0 : (m[8][0] === '-' ? -1 : 1) * (Number(m[8].slice(1, 3)) * 60 + Number(m[8].slice(4, 6)));
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const instant = new Date(Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000);
  let zone: string;
  // encoding/json: "Z" reads as UTC; an offset that is the local zone's at that instant reads as Local; any other as a nameless fixed zone
  if (/^[zZ]$/.test(m[8])) zone = 'UTC';
  else if (-instant.getTimezoneOffset() === offsetMinutes) zone = localZoneName(instant);
  else zone = offsetText(offsetMinutes, false);
  return {
    year,
    month,
    day,
    hour,
    minute,
    second,
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
    fraction: (m[7] ?? '').replace(/0+$/, ''),
    offsetMinutes,
    zone,
  };
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** time.Time.String(): "2006-01-02 15:04:05.999999999 -0700 MST"; "" for text that is not a time. */
export function goTimeString(text: string): string {
  const t = parseGoTime(text);
  if (!t) return '';
  return `${t.year}-${pad(t.month)}-${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}${t.fraction ? `.${t.fraction}` : ''} ${offsetText(t.offsetMinutes, false)} ${t.zone}`;
}

/** time.ANSIC: "Mon Jan _2 15:04:05 2006"; Go's zero time for text that is not a time. */
export function goAnsic(text: string): string {
  const t = parseGoTime(text);
  if (!t) return 'Mon Jan  1 00:00:00 0001';
  return `${DAYS[t.weekday]} ${MONTHS[t.month - 1]} ${String(t.day).padStart(2, ' ')} ${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)} ${t.year}`;
}

/** A tar header's mtime ("1700000000", or PAX's "1700000000.5") as Go's time.Unix in the local zone, JSON-encoded. */
export function goUnixTime(seconds: string): string {
  const [whole, fraction = ''] = seconds.split('.');
  const digits = fraction.padEnd(9, '0').slice(0, 9);
  const ms = Number(whole) * 1000 + Number(digits.slice(0, 3));
  return goNow(new Date(ms), Number(digits.slice(3)));
}
