'use client';

import { createAuthClient } from 'better-auth/react';

/** The auth library's browser client: sign in, sign out, session, change password. */
export const authClient = createAuthClient();
