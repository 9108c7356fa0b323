import { config } from 'zod/v4/core';

// Runs in the browser before the app hydrates. Zod probes whether it may compile its checks with
// `new Function`; under our Content-Security-Policy (no 'unsafe-eval') that probe is refused and
// reported as a violation even though Zod catches it. Without the probe Zod validates just the same.
config({ jitless: true });
