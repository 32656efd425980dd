// A database schema reduced to what the drift test compares: tables, columns (type, nullability,
// default), primary keys, unique and plain indexes, foreign keys, enums. Built twice, once from
// prisma/schema.prisma (schema-shape-from-prisma.ts) and once from a migrated database
// (schema-shape-from-database.ts), in the same normalized spelling so they can be diffed as text.

export interface ColumnShape {
  /** PostgreSQL's own spelling (format_type): "text", "character(3)", "timestamp(3) with time zone", enum name. */
  type: string;
  nullable: boolean;
  /** Normalized default expression; "autoincrement" for sequences; null when the database sets none. */
  default: string | null;
}

export interface TableShape {
  columns: Record<string, ColumnShape>;
  /** "name(col, col)" */
  primaryKey: string | null;
  uniqueIndexes: string[];
  indexes: string[];
  /** "name(col) -> table(col) on delete X on update Y" */
  foreignKeys: string[];
}

export interface SchemaShape {
  tables: Record<string, TableShape>;
  enums: Record<string, string[]>;
}

export const indexSpec = (name: string, columns: string[]) => `${name}(${columns.join(", ")})`;

export type ReferentialAction = "CASCADE" | "RESTRICT" | "NO ACTION" | "SET NULL" | "SET DEFAULT";

export const foreignKeySpec = (name: string, columns: string[], table: string, refColumns: string[], onDelete: ReferentialAction, onUpdate: ReferentialAction) =>
  `${name}(${columns.join(", ")}) -> ${table}(${refColumns.join(", ")}) on delete ${onDelete} on update ${onUpdate}`;

/** Every difference, one line each, "expected" being the Prisma schema. Empty means no drift. */
export function diffSchemaShapes(expected: SchemaShape, actual: SchemaShape): string[] {
  const out: string[] = [];
  const keys = (a: object, b: object) => [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();

  for (const name of keys(expected.enums, actual.enums)) {
    const e = expected.enums[name];
    const a = actual.enums[name];
    if (!a) out.push(`enum ${name}: missing in database`);
    else if (!e) out.push(`enum ${name}: in database but not in schema.prisma`);
    else if (e.join(",") !== a.join(",")) out.push(`enum ${name}: values [${e.join(", ")}] expected, [${a.join(", ")}] in database`);
  }

  for (const table of keys(expected.tables, actual.tables)) {
    const e = expected.tables[table];
    const a = actual.tables[table];
    if (!a) {
      out.push(`table ${table}: missing in database`);
      continue;
    }
    if (!e) {
      out.push(`table ${table}: in database but not in schema.prisma`);
      continue;
    }
    for (const column of keys(e.columns, a.columns)) {
      const ec = e.columns[column];
      const ac = a.columns[column];
      if (!ac) out.push(`column ${table}.${column}: missing in database`);
      else if (!ec) out.push(`column ${table}.${column}: in database but not in schema.prisma`);
      else {
        if (ec.type !== ac.type) out.push(`column ${table}.${column}: type ${ec.type} expected, ${ac.type} in database`);
        if (ec.nullable !== ac.nullable) out.push(`column ${table}.${column}: ${ec.nullable ? "nullable" : "NOT NULL"} expected, ${ac.nullable ? "nullable" : "NOT NULL"} in database`);
        if (ec.default !== ac.default) out.push(`column ${table}.${column}: default ${ec.default ?? "none"} expected, ${ac.default ?? "none"} in database`);
      }
    }
    if (e.primaryKey !== a.primaryKey) out.push(`table ${table}: primary key ${e.primaryKey} expected, ${a.primaryKey} in database`);
    diffSets(out, `unique index on ${table}`, e.uniqueIndexes, a.uniqueIndexes);
    diffSets(out, `index on ${table}`, e.indexes, a.indexes);
    diffSets(out, `foreign key on ${table}`, e.foreignKeys, a.foreignKeys);
  }
  return out;
}

function diffSets(out: string[], what: string, expected: string[], actual: string[]): void {
  for (const item of expected) if (!actual.includes(item)) out.push(`${what}: ${item} missing in database`);
  for (const item of actual) if (!expected.includes(item)) out.push(`${what}: ${item} in database but not in schema.prisma`);
}
