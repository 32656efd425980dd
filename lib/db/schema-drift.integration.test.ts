// Drift test: the database that prisma/migrations produces must be exactly what
// prisma/schema.prisma describes, so hand-written SQL (or a forgotten migration) can never silently
// diverge from the schema the Prisma client was generated from. The expected side comes from
// Prisma's own DMMF, not a copied list. Hand-written CHECK constraints and triggers are outside
// what schema.prisma can say and are not compared.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { diffSchemaShapes, type SchemaShape } from "./schema-shape";
import { schemaShapeFromDatabase } from "./schema-shape-from-database";
import { schemaShapeFromPrisma } from "./schema-shape-from-prisma";

const schema = readFileSync(path.join(process.cwd(), "prisma", "schema.prisma"), "utf8");
let database: SchemaShape;

beforeAll(async () => {
  database = await schemaShapeFromDatabase(process.env.DATABASE_URL!);
});

describe("schema drift: migrated database vs prisma/schema.prisma", () => {
  it("has no difference", () => {
    expect(diffSchemaShapes(schemaShapeFromPrisma(schema), database)).toEqual([]);
  });

  it("compares every part it claims to (sanity: the shapes are not trivially empty)", () => {
    const expected = schemaShapeFromPrisma(schema);
    expect(Object.keys(expected.tables).length).toBeGreaterThanOrEqual(10);
    expect(expected.tables.products?.columns.currency).toEqual({ type: "character(3)", nullable: false, default: null });
    expect(expected.tables.users?.columns.created_at).toEqual({ type: "timestamp(3) with time zone", nullable: false, default: "CURRENT_TIMESTAMP" });
    expect(expected.tables.balances?.foreignKeys).toEqual([
      "balances_account_id_allow_negative_fkey(account_id, allow_negative) -> accounts(id, allow_negative) on delete RESTRICT on update CASCADE",
    ]);
  });

  it("reports a field added to the schema but not migrated", () => {
    const changed = schema.replace(/(model User \{\n)/, '$1  nickname String? @db.VarChar(40)\n');
    expect(diffSchemaShapes(schemaShapeFromPrisma(changed), database)).toEqual(["column users.nickname: missing in database"]);
  });

  it("reports changed types, nullability, defaults, indexes and referential actions", () => {
    const changed = schema
      .replace('currency    String      @db.Char(3)', 'currency    String      @db.Char(4)')
      .replace('venue     String', 'venue     String?')
      .replace('active      Boolean     @default(true)', 'active      Boolean     @default(false)')
      .replace('  @@index([createdAt])\n  @@index([type, id])', '  @@index([type, id])')
      .replace('@@unique([id, allowNegative])', '@@unique([id, allowNegative])\n  @@index([name])')
      .replace('user User @relation(fields: [userId], references: [id], onDelete: Cascade)', 'user User @relation(fields: [userId], references: [id])');
    expect(diffSchemaShapes(schemaShapeFromPrisma(changed), database).sort()).toEqual(
      [
        "column products.currency: type character(4) expected, character(3) in database",
        "column events.venue: nullable expected, NOT NULL in database",
        "column products.active: default false expected, true in database",
        "index on ledger_entries: ledger_entries_created_at_idx(created_at) in database but not in schema.prisma",
        "index on accounts: accounts_name_idx(name) missing in database",
        "foreign key on api_tokens: api_tokens_user_id_fkey(user_id) -> users(id) on delete RESTRICT on update CASCADE missing in database",
        "foreign key on api_tokens: api_tokens_user_id_fkey(user_id) -> users(id) on delete CASCADE on update CASCADE in database but not in schema.prisma",
      ].sort(),
    );
  });
});
