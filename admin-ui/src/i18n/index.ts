import { createI18n } from 'vue-i18n';

// Messages live per area in i18n/messages/<area>.ts, each exporting
// { en: {...}, 'zh-CN': {...} }; they are merged under the area's name
// (`t('organizations.title')`). A unit test checks both languages have the
// same keys.
type Tree = { [key: string]: string | Tree };
export interface AreaMessages {
  en: Tree;
  'zh-CN': Tree;
}

const modules = import.meta.glob<{ default: AreaMessages }>('./messages/*.ts', { eager: true });

export function collectMessages(mods: Record<string, { default: AreaMessages }>): Record<'en' | 'zh-CN', Tree> {
  const out: Record<'en' | 'zh-CN', Tree> = { en: {}, 'zh-CN': {} };
  for (const [path, mod] of Object.entries(mods)) {
    const area = path.replace(/^.*\//, '').replace(/\.ts$/, '');
    out.en[area] = mod.default.en;
    out['zh-CN'][area] = mod.default['zh-CN'];
  }
  return out;
}

export const messages = collectMessages(modules);

export const i18n = createI18n({
  legacy: false,
  locale: 'en',
  fallbackLocale: 'en',
  messages,
});
