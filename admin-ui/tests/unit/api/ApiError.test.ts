import { describe, expect, test } from 'vitest';
import { ApiError, apiErrorFrom, errorMessage } from '@/api/ApiError';

describe('apiErrorFrom', () => {
  test('takes message, code, param and type from the gateway error body', () => {
    const e = apiErrorFrom(400, {
      error: { message: "'name' is required.", type: 'invalid_request_error', code: 'missing_field', param: 'name' },
    });
    expect(e).toBeInstanceOf(ApiError);
    expect(e.message).toBe("'name' is required.");
    expect(e.status).toBe(400);
    expect(e.code).toBe('missing_field');
    expect(e.param).toBe('name');
    expect(e.type).toBe('invalid_request_error');
  });

  test('parses a body that arrived as a JSON string', () => {
    const e = apiErrorFrom(401, '{"error":{"message":"This API key was revoked.","type":"authentication_error","code":"api_key_revoked","param":null}}');
    expect(e.message).toBe('This API key was revoked.');
    expect(e.code).toBe('api_key_revoked');
    expect(e.param).toBeNull();
    expect(e.isAuthFailure).toBe(true);
  });

  test('never shows raw bodies that are not the error format', () => {
    const html = apiErrorFrom(502, '<html><body>Bad Gateway</body></html>');
    expect(html.message).toBe('The gateway answered HTTP 502.');
    expect(html.message).not.toContain('<html>');
    const json = apiErrorFrom(500, { detail: 'x' });
    expect(json.message).toBe('The gateway answered HTTP 500.');
    expect(json.message).not.toContain('detail');
  });

  test('status 0 is an unreachable gateway', () => {
    const e = apiErrorFrom(0, undefined);
    expect(e.message).toBe('The gateway cannot be reached.');
    expect(e.code).toBe('network_error');
  });
});

describe('errorMessage', () => {
  test('uses the message of ApiErrors and Errors, and a fallback otherwise', () => {
    expect(errorMessage(new ApiError('Limit reached.', 429))).toBe('Limit reached.');
    expect(errorMessage(new Error('boom'))).toBe('boom');
    expect(errorMessage({ error: 'x' })).toBe('Something went wrong.');
  });
});
