/** How full a bar is drawn: 100 % means done and only done, so a bar of a finished run is full and a running one never looks finished. */
export function progressPercent(value: number, max: number | undefined, done: boolean): number {
  if (done) return 100;
  if (!max || max <= 0) return 0;
  return Math.min(99, Math.floor((value / max) * 100));
}
