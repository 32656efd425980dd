#!/bin/sh
# Placeholder for Prisma's native schema engine, used only by scripts/prisma-generate.mjs when the real
# engine cannot be downloaded. `prisma generate` checks that it exists but never runs it; migrations are
# applied by the project's own runner (scripts/db-migrate.ts), not by `prisma migrate`.
echo "schema-engine placeholder: the native Prisma schema engine is not installed on this machine" >&2
exit 1
