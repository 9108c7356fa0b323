/** @type {import('next').NextConfig} */
const nextConfig = {
  // The app must run air-gapped: nothing is fetched at build or run time.
  poweredByHeader: false,
  // Lets parallel builds (e.g. several test runs on one machine) use separate folders.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  reactStrictMode: true,
  // Server-side packages that must not be bundled.
  serverExternalPackages: ['pg', '@prisma/adapter-pg'],
  // forbidden(): a signed-in user whose role may not open a page gets a real 403 (app/forbidden.tsx).
  experimental: {
    authInterrupts: true,
    // An official's photo is uploaded through a server action; photos are refused above 2 MB
    // with a message, so the request itself may be a little larger.
    serverActions: { bodySizeLimit: '3mb' },
  },
};

export default nextConfig;
