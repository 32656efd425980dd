import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native/WASM server packages are loaded from node_modules at runtime rather than bundled.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg", "@electric-sql/pglite", "@react-pdf/renderer", "pg-boss"],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: {
    // forbidden() (lib/auth/require-user.ts): a signed-in USER gets a real HTTP 403 on admin pages.
    authInterrupts: true,
  },
};

export default nextConfig;
