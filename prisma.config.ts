import { fileURLToPath } from 'node:url';
import { defineConfig } from 'prisma/config';

// The Prisma CLI otherwise downloads its Rust schema engine from binaries.prisma.sh,
// which our machines, CI and air-gapped users cannot reach. This wrapper runs Prisma's
// own WebAssembly build of the same engine instead (see prisma/engine/schema-engine.mjs).
// It must be set here, at load time: the CLI reads the variable right after loading this
// file and before it would download anything. `??=` keeps an explicit override working.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(
  new URL('./prisma/engine/schema-engine.mjs', import.meta.url),
);

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: {
    path: 'prisma/migrations',
  },
  // Read directly rather than with `env()` from 'prisma/config', which throws when the
  // variable is unset: `prisma generate` runs in postinstall without a database, and the
  // migrate commands already stop with Prisma's own message when the url is missing.
  datasource: {
    url: process.env.DATABASE_URL,
  },
});
