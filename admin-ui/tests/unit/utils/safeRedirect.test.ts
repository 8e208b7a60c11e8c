import { describe, expect, test } from 'vitest';
import { safeRedirect } from '@/utils/safeRedirect';

describe('safeRedirect', () => {
  test('keeps console paths with their query', () => {
    expect(safeRedirect('/organizations')).toBe('/organizations');
    expect(safeRedirect('/activity?api_key_id=key_1&status=5xx')).toBe('/activity?api_key_id=key_1&status=5xx');
  });

  test('refuses other sites, odd values and the sign-in page itself', () => {
    for (const value of ['//evil.example/x', '/\\evil.example', 'https://evil.example', 'organizations', '', '/login', '/login?redirect=/x']) {
      expect(safeRedirect(value), value).toBe('/');
    }
    expect(safeRedirect(undefined)).toBe('/');
    expect(safeRedirect(['/a', '/b'])).toBe('/');
  });
});
