import { describe, expect, it } from 'vitest';
import { checkServerLog } from './server-log';

const request = (fields: Record<string, unknown> = {}) =>
  JSON.stringify({
    level: 'info',
    time: '2025-01-01T00:00:00.000Z',
    reqId: 'r1',
    method: 'GET',
    route: '/',
    status: 200,
    durationMs: 3.2,
    msg: 'GET / 200 3.2ms',
    ...fields,
  });

const secrets = [
  { label: 'the admin account’s password', value: 'Zq8vL1pW3xYt' },
  { label: 'a session token', value: 'sEsSiOnToKeN0123456789' },
];

describe('the check of the end-to-end server’s log', () => {
  it('passes JSON request lines that hold no secret', () => {
    expect(
      checkServerLog([request(), request({ route: '/api/v1/contacts', status: 400 })].join('\n') + '\n', secrets),
    ).toEqual([]);
  });

  it('fails a log holding a secret of the run anywhere, naming it but not printing it', () => {
    const leaked = [request(), request({ msg: 'sign-in failed for password Zq8vL1pW3xYt' })].join('\n');
    const problems = checkServerLog(leaked, secrets);
    expect(problems).toEqual(['The log contains the admin account’s password (line 2).']);
    expect(problems.join()).not.toContain('Zq8vL1pW3xYt');
    expect(checkServerLog(request({ cookie: 'x=sEsSiOnToKeN0123456789.sig' }), secrets)).toEqual([
      'The log contains a session token (line 1).',
    ]);
  });

  it('fails any API token, Bearer credential or session cookie, whoever’s', () => {
    const cases = [
      ['{"msg":"token cp_AbCdEf1234567890"}', 'an API token'],
      ['{"msg":"authorization: Bearer abcdefgh12345"}', 'a Bearer credential'],
      ['{"msg":"cookie: better-auth.session_token=x"}', 'the session cookie'],
      ['{"msg":"__Secure-better-auth.session_data=x"}', 'the session cookie'],
    ];
    for (const [line, label] of cases)
      expect(checkServerLog(`${request()}\n${line}\n`, []), line).toEqual([expect.stringContaining(label)]);
    // Not a token: "tcp_…", and the placeholder the API's own messages use.
    expect(checkServerLog(`${request({ msg: 'tcp_wrap_handle Bearer <token>' })}\n`, [])).toEqual([]);
  });

  it('cannot pass vacuously: a missing or empty log, lines that are not JSON, no request lines', () => {
    expect(checkServerLog(null, secrets)).toEqual(['There is no server log.']);
    expect(checkServerLog('', secrets)).toEqual([expect.stringMatching(/^No line describes a request/)]);
    expect(checkServerLog(`${request()}\nplain text\n[1,2]\n`, secrets)).toEqual([
      '2 lines are not JSON objects (first: line 2, 3).',
    ]);
    expect(checkServerLog(JSON.stringify({ level: 'info', msg: 'Ready on http://localhost:3000' }), secrets)).toEqual([
      expect.stringMatching(/^No line describes a request/),
    ]);
  });
});
