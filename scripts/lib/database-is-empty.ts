// "Empty" means no users: the seed creates users first and the app cannot be used without one, so
// a database someone has already signed up in is never re-seeded behind their back.
import pg from "pg";

export async function databaseIsEmpty(connectionString: string): Promise<boolean> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const { rows } = await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM "users") AS any`);
    return !rows[0]?.any;
  } finally {
    await client.end();
  }
}
