/** Node's socket error codes that mean "the server cannot be reached" (refused, unknown, unroutable, timed out, cut). */
export const unreachableSocketCodes: readonly string[] = [
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
];
