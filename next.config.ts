import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native/WASM server packages are loaded from node_modules at runtime rather than bundled.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg", "@electric-sql/pglite"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
