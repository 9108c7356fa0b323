// Next.js's 'server-only' guard throws outside a server bundle; unit tests run server code directly.
export {};
