/** @type {import('next').NextConfig} */
const nextConfig = {
  // Separate build folders let several checkouts' servers run side by side (tests, benches).
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  poweredByHeader: false,
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3"],
  typedRoutes: false,
};

export default nextConfig;
