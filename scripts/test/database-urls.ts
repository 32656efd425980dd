/** Same server, other database. */
export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * Tests create and drop databases: refuse anything that is not on this machine, so a stray
 * DATABASE_URL_TEST can never point the suite at a shared or production server.
 */
export function assertLocalDatabase(serverUrl: string): void {
  const host = new URL(serverUrl).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]", ""].includes(host)) {
    throw new Error(`Refusing to run tests against non-local database host "${host}".`);
  }
}
