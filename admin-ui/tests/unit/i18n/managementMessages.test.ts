import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { messages } from '@/i18n';
import { CREDIT_CHANGE_TYPES, TRANSACTION_TYPES } from '@/api/credits';
import { ORGANIZATION_LIMIT_FIELDS } from '@/api/limits';
import { PERMISSIONS } from '@/api/apiKeys';

type Tree = { [key: string]: string | Tree };

function lookup(locale: 'en' | 'zh-CN', key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Tree | undefined)?.[part], messages[locale]);
}

// The management pages and their components: every literal t('…') key they
// use must exist in both languages (a typo would show the raw key).
const FILES = [
  'pages/OrganizationsPage.vue',
  'pages/OrganizationDetailPage.vue',
  'pages/ApiKeysPage.vue',
  'pages/UsersPage.vue',
  'components/ApiKeyFormModal.vue',
  'components/ApiKeyList.vue',
  'components/ApiKeySecretModal.vue',
  'components/ApiKeyUsageDrawer.vue',
  'components/CreditLedger.vue',
  'components/CreditTopUpModal.vue',
  'components/LimitsSummary.vue',
  'components/ObjectStatusTag.vue',
  'components/OrganizationFormModal.vue',
  'components/OrganizationSelect.vue',
  'components/UsageLimitsFields.vue',
  'components/UserFormModal.vue',
];

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../../src');

function literalKeys(source: string): string[] {
  return [...source.matchAll(/\bt\('([A-Za-z0-9_.]+)'/g)].map((m) => m[1]);
}

describe('management messages', () => {
  test('every literal key used by the management pages exists in English and Chinese', () => {
    const missing: string[] = [];
    let count = 0;
    for (const file of FILES) {
      const source = readFileSync(resolve(SRC, file), 'utf8');
      for (const key of literalKeys(source)) {
        count++;
        for (const locale of ['en', 'zh-CN'] as const) {
          if (typeof lookup(locale, key) !== 'string') missing.push(`${locale}:${key} (${file})`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(count).toBeGreaterThan(100);
  });

  test('keys built at run time exist too', () => {
    const keys = [
      ...ORGANIZATION_LIMIT_FIELDS.map((f) => `organizations.limits.${f.key}`),
      ...['required', 'too_long', 'not_number', 'not_whole', 'negative', 'too_large', 'too_many_decimals', 'zero'].map(
        (p) => `organizations.validation.${p}`,
      ),
      ...TRANSACTION_TYPES.map((type) => `organizations.credits.types.${type}`),
      ...CREDIT_CHANGE_TYPES.map((type) => `organizations.credits.types.${type}`),
      ...PERMISSIONS.map((p) => `apiKeys.permissionHints.${p}`),
      ...['required', 'admin_not_allowed'].map((p) => `apiKeys.validation.permissions.${p}`),
      ...['admin', 'member'].map((r) => `users.roles.${r}`),
      ...['required', 'invalid', 'too_long', 'too_short'].map((p) => `users.validation.${p}`),
      ...['active', 'inactive', 'deleted'].map((s) => `common.statuses.${s}`),
    ];
    for (const key of keys) {
      expect(typeof lookup('en', key), key).toBe('string');
      expect(typeof lookup('zh-CN', key), key).toBe('string');
    }
  });

  test('placeholders are the same in both languages', () => {
    for (const area of ['organizations', 'apiKeys', 'users']) {
      const walk = (en: Tree, zh: Tree, path: string) => {
        for (const [k, v] of Object.entries(en)) {
          if (typeof v === 'string') {
            const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
            expect(names(zh[k] as string), `${path}.${k}`).toEqual(names(v));
          } else walk(v, zh[k] as Tree, `${path}.${k}`);
        }
      };
      walk(messages.en[area] as Tree, messages['zh-CN'][area] as Tree, area);
    }
  });
});
