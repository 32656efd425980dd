// Round trips and server time per transfer, from pg_stat_statements (loaded by the bench cluster).
import pg from "pg";

export interface StatementStats {
  /** Statements the server executed (BEGIN and COMMIT included), summed over the run. */
  calls: number;
  /** Server-side execution time summed over those statements, in ms. */
  execMs: number;
}

export class StatementCounter {
  private constructor(private readonly client: pg.Client | null) {}

  static async open(url: string, available: boolean): Promise<StatementCounter> {
    if (!available) return new StatementCounter(null);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return new StatementCounter(client);
  }

  async reset(): Promise<void> {
    await this.client?.query("SELECT pg_stat_statements_reset()");
  }

  async read(): Promise<StatementStats | null> {
    if (!this.client) return null;
    const { rows } = await this.client.query<{ calls: string | null; exec_ms: number | null }>(
      `SELECT sum(calls) AS calls, sum(total_exec_time) AS exec_ms FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND query NOT ILIKE '%pg_stat_statements%'`,
    );
    return { calls: Number(rows[0]?.calls ?? 0), execMs: Number(rows[0]?.exec_ms ?? 0) };
  }

  async close(): Promise<void> {
    await this.client?.end();
  }
}
