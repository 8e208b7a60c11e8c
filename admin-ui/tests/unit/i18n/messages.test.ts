import { describe, expect, test } from 'vitest';
import { collectMessages, messages } from '@/i18n';

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}

describe('messages', () => {
  test('English and Simplified Chinese have exactly the same keys', () => {
    const en = keys(messages.en).sort();
    const zh = keys(messages['zh-CN']).sort();
    expect(en.filter((k) => !zh.includes(k))).toEqual([]);
    expect(zh.filter((k) => !en.includes(k))).toEqual([]);
    expect(en.length).toBeGreaterThan(20);
  });

  test('no message is empty', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const flat = keys(messages[locale]);
      for (const key of flat) {
        const value = key.split('.').reduce<Tree | string>((node, part) => (node as Tree)[part], messages[locale]);
        expect(typeof value === 'string' && value.trim().length > 0, `${locale}:${key}`).toBe(true);
      }
    }
  });

  test('areas are named after their files', () => {
    const merged = collectMessages({
      './messages/alpha.ts': { default: { en: { a: 'A' }, 'zh-CN': { a: '甲' } } },
    });
    expect(merged.en).toEqual({ alpha: { a: 'A' } });
    expect(merged['zh-CN']).toEqual({ alpha: { a: '甲' } });
  });
});
