// Runs `prisma generate` during `npm install`.
//
// Prisma 7's client needs no native engine, but the `prisma generate` CLI still resolves a
// schema-engine binary and downloads it when missing. On machines without access to Prisma's
// binary host that download fails, so — and only then — we retry with PRISMA_SCHEMA_ENGINE_BINARY
// pointing at a placeholder executable (generate never runs it). On a normal machine this script is
// a plain `prisma generate`.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const prismaBin = path.join(root, "node_modules", ".bin", "prisma");

if (!existsSync(prismaBin) || !existsSync(path.join(root, "prisma", "schema.prisma"))) {
  console.log("prisma-generate: prisma or schema not present yet, skipping");
  process.exit(0);
}

function generate(env) {
  return spawnSync(prismaBin, ["generate"], { cwd: root, env, encoding: "utf8" });
}

let result = generate(process.env);
if (result.status !== 0 && !process.env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const output = `${result.stdout}\n${result.stderr}`;
  console.log("prisma-generate: `prisma generate` failed (schema engine unavailable offline?); retrying with a placeholder schema engine");
  if (process.env.DEBUG) console.log(output);
  const placeholder = path.join(root, "scripts", "schema-engine-placeholder.sh");
  result = generate({ ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: placeholder });
}
process.stdout.write(result.stdout ?? "");
process.stderr.write(result.stderr ?? "");
process.exit(result.status ?? 1);
