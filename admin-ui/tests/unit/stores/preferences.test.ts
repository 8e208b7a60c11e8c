import { beforeEach, describe, expect, test } from 'vitest';
import { nextTick } from 'vue';
import { createPinia, setActivePinia } from 'pinia';
import { PREFERENCES_STORAGE_KEY, usePreferencesStore } from '@/stores/preferences';

beforeEach(() => {
  localStorage.clear();
  document.body.removeAttribute('arco-theme');
  setActivePinia(createPinia());
});

describe('preferences store', () => {
  test('dark theme sets Arco\'s attribute on body and is remembered', async () => {
    const prefs = usePreferencesStore();
    prefs.theme = 'light';
    await nextTick();
    expect(document.body.getAttribute('arco-theme')).toBeNull();
    prefs.toggleTheme();
    await nextTick();
    expect(prefs.theme).toBe('dark');
    expect(document.body.getAttribute('arco-theme')).toBe('dark');
    expect(JSON.parse(localStorage.getItem(PREFERENCES_STORAGE_KEY)!).theme).toBe('dark');
  });

  test('the language is remembered across reloads and set on <html lang>', async () => {
    const prefs = usePreferencesStore();
    prefs.locale = 'zh-CN';
    await nextTick();
    expect(document.documentElement.lang).toBe('zh-CN');
    setActivePinia(createPinia());
    expect(usePreferencesStore().locale).toBe('zh-CN');
  });

  test('unknown stored values fall back to valid ones', () => {
    localStorage.setItem(PREFERENCES_STORAGE_KEY, JSON.stringify({ theme: 'purple', locale: 'fr' }));
    const prefs = usePreferencesStore();
    expect(['light', 'dark']).toContain(prefs.theme);
    expect(['en', 'zh-CN']).toContain(prefs.locale);
  });
});
