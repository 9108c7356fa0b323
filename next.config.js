/** @type {import('next').NextConfig} */
const nextConfig = {
  // The app must run air-gapped: nothing is fetched at build or run time.
  poweredByHeader: false,
  reactStrictMode: true,
  // Server-side packages that must not be bundled.
  serverExternalPackages: ['pg', '@prisma/adapter-pg'],
};

export default nextConfig;
