import { PHASE_PRODUCTION_SERVER } from 'next/constants.js';
import { authSecretProblem } from './scripts/lib/auth-secret.mjs';

const isDev = process.env.NODE_ENV !== 'production';

// lib/db.ts reads these when it first connects; checked here too, so that a bad value stops the server at
// start with one line instead of failing every request.
for (const [name, min, max] of [
  ['DATABASE_POOL_SIZE', 1, 1000],
  ['STATEMENT_TIMEOUT', 0, 86_400],
]) {
  const raw = process.env[name];
  const value = Number(raw?.trim());
  if (raw !== undefined && raw.trim() !== '' && !(Number.isInteger(value) && value >= min && value <= max)) {
    console.error(`${name} must be a whole number from ${min} to ${max}; it is "${raw}".`);
    process.exit(1);
  }
}

/*
 * The Content-Security-Policy of every response; README "Security headers" says why each part is as it is.
 * script-src allows inline scripts: Next.js streams each page's data as inline <script> tags that differ per
 * page, so hashes cannot list them, and a nonce would force every page to render per request, ruling out
 * the cached public pages. Everything else is 'self' or narrower.
 */
const directives = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ''}`,
  // Recharts, Next.js and the photo crops set style attributes.
  "style-src 'self' 'unsafe-inline'",
  // Photos are served by the app, or live at a web address an admin gave (http or https, as the form
  // accepts); the PNG export draws the chart from a data: URL and saves it through a blob: URL.
  "img-src 'self' data: blob: https: http:",
  "font-src 'self'",
  `connect-src 'self'${isDev ? ' ws: wss:' : ''}`,
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "media-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];

const commonHeaders = [
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
];

/** Every page but the embeds: no other site may frame it (clickjacking). */
const securityHeaders = [
  { key: 'Content-Security-Policy', value: [...directives, "frame-ancestors 'none'"].join('; ') },
  ...commonHeaders,
  { key: 'X-Frame-Options', value: 'DENY' },
];

/*
 * The embeds (/embed/…) are made to be framed by any site: frame-ancestors allows every http(s) origin, and
 * no X-Frame-Options (DENY and SAMEORIGIN would both forbid it; the header has no "allow all"). They hold no
 * form, no session-bound action and no link that acts on a click, so framing them lends an attacker nothing.
 */
const embedHeaders = [
  { key: 'Content-Security-Policy', value: [...directives, 'frame-ancestors http: https:'].join('; ') },
  ...commonHeaders,
];

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
  async headers() {
    return [
      // Every address but /embed and what lies under it.
      { source: '/', headers: securityHeaders },
      { source: '/:path((?!embed(?:/|$)).*)', headers: securityHeaders },
      { source: '/embed/:path*', headers: embedHeaders },
      // HSTS only where the client reached us over HTTPS (the proxy in front says so). Decided per request:
      // the headers are fixed at build time, when the public address may not be known yet.
      ...(isDev
        ? []
        : [
            {
              source: '/:path*',
              has: [{ type: 'header', key: 'x-forwarded-proto', value: 'https' }],
              headers: [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }],
            },
          ]),
    ];
  },
};

/**
 * A production server refuses to start without a usable BETTER_AUTH_SECRET, with one line saying what to
 * fix. Only when serving: `next build` signs nothing, and the development server may run with any secret.
 */
export default function config(phase) {
  if (phase === PHASE_PRODUCTION_SERVER) {
    const problem = authSecretProblem(process.env.BETTER_AUTH_SECRET);
    if (problem !== null) {
      console.error(problem);
      process.exit(1);
    }
  }
  return nextConfig;
}
