/** Number and time formats shared by every screen. */
const numbers = new Intl.NumberFormat('en-GB');

export function formatCount(n: number): string {
  return numbers.format(n);
}

export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return ms < 1000 ? `${Math.round(ms)} ms` : `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function formatRate(rowsPerSecond: number | undefined): string | undefined {
  return rowsPerSecond === undefined ? undefined : `${numbers.format(Math.round(rowsPerSecond))} rows/s`;
}

export function formatWhen(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
