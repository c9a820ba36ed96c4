/**
 * Milliseconds since the epoch as the ISO 8601 text PostgreSQL reads into a
 * timestamptz, exactly as Date#toISOString writes it, without a Date object
 * per value (a hot path: every migrated row has one or more timestamps).
 */

const twoDigits = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const threeDigits = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const dayMs = 86_400_000;
/** 10000-01-01: from here on toISOString writes an expanded year. */
const fastPathEnd = 253_402_300_800_000;

let cachedDay = Number.NaN;
let cachedDate = '';

/** "YYYY-MM-DDT" of a day number (days since 1970-01-01), by the civil-from-days algorithm (H. Hinnant). */
function datePrefix(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${twoDigits[month]}-${twoDigits[day]}T`;
}

export function isoTimestamp(ms: number): string {
  if (!(ms >= 0 && ms < fastPathEnd) || !Number.isInteger(ms)) return new Date(ms).toISOString();
  const days = Math.floor(ms / dayMs);
  if (days !== cachedDay) {
    cachedDay = days;
    cachedDate = datePrefix(days);
  }
  let rest = ms - days * dayMs;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  return `${cachedDate}${twoDigits[hours]}:${twoDigits[minutes]}:${twoDigits[seconds]}.${threeDigits[rest - seconds * 1000]}Z`;
}
