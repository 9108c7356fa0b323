import { getAuth } from '@/lib/auth/auth';

export const dynamic = 'force-dynamic';

/** better-auth's endpoints: sign in, sign out, session, change password. */
function handle(request: Request): Promise<Response> {
  return getAuth().handler(request);
}

export const GET = handle;
export const POST = handle;
