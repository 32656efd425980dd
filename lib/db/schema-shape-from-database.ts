// The schema a database actually has, read from pg_catalog (public schema, without Prisma's own
// _prisma_migrations table), in the spelling schema-shape-from-prisma.ts produces.
import pg from "pg";
import { foreignKeySpec, indexSpec, type ReferentialAction, type SchemaShape } from "./schema-shape";

const ACTIONS: Record<string, ReferentialAction> = { a: "NO ACTION", r: "RESTRICT", c: "CASCADE", n: "SET NULL", d: "SET DEFAULT" };
/** format_type quotes mixed-case names ("Role"); the Prisma side uses the bare name. */
const unquote = (s: string) => s.replaceAll('"', "");

export async function schemaShapeFromDatabase(connectionString: string): Promise<SchemaShape> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const shape: SchemaShape = { tables: {}, enums: {} };
    const enums = await client.query<{ name: string; value: string }>(`
      SELECT t.typname AS name, e.enumlabel AS value FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
      JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' ORDER BY t.typname, e.enumsortorder`);
    for (const { name, value } of enums.rows) (shape.enums[name] ??= []).push(value);

    const columns = await client.query<{ table: string; column: string; type: string; notnull: boolean; default: string | null }>(`
      SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull,
             pg_get_expr(d.adbin, d.adrelid) AS default
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '_prisma_migrations'
      ORDER BY c.relname, a.attnum`);
    for (const row of columns.rows) {
      const table = (shape.tables[row.table] ??= { columns: {}, primaryKey: null, uniqueIndexes: [], indexes: [], foreignKeys: [] });
      const def = row.default === null ? null : row.default.startsWith("nextval(") ? "autoincrement" : unquote(row.default);
      table.columns[row.column] = { type: unquote(row.type), nullable: !row.notnull, default: def };
    }

    const indexes = await client.query<{ table: string; name: string; primary: boolean; unique: boolean; columns: string[] }>(`
      SELECT t.relname AS table, i.relname AS name, x.indisprimary AS primary, x.indisunique AS unique,
             array(SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY k(attnum, ord)
                   JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns
      FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'`);
    for (const row of indexes.rows) {
      const table = shape.tables[row.table];
      if (!table) continue;
      const spec = indexSpec(row.name, row.columns);
      if (row.primary) table.primaryKey = spec;
      else if (row.unique) table.uniqueIndexes.push(spec);
      else table.indexes.push(spec);
    }

    const fks = await client.query<{ table: string; name: string; columns: string[]; ref_table: string; ref_columns: string[]; on_delete: string; on_update: string }>(`
      SELECT t.relname AS table, c.conname AS name, r.relname AS ref_table, c.confdeltype AS on_delete, c.confupdtype AS on_update,
             array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
                   JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns,
             array(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(attnum, ord)
                   JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS ref_columns
      FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE c.contype = 'f' AND n.nspname = 'public'`);
    for (const row of fks.rows) {
      shape.tables[row.table]?.foreignKeys.push(
        foreignKeySpec(row.name, row.columns, row.ref_table, row.ref_columns, ACTIONS[row.on_delete]!, ACTIONS[row.on_update]!),
      );
    }
    return shape;
  } finally {
    await client.end();
  }
}
