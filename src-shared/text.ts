/** "1 user", "2 users", or with an irregular plural "1 user has", "2 users have". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
