import { defineStore } from 'pinia';
import { ref, watch } from 'vue';

export type Theme = 'light' | 'dark';
export type Locale = 'en' | 'zh-CN';
export const PREFERENCES_STORAGE_KEY = 'gaiarouter.preferences';

function initial(): { theme: Theme; locale: Locale } {
  let saved: Partial<{ theme: Theme; locale: Locale }> = {};
  try {
    saved = JSON.parse(localStorage.getItem(PREFERENCES_STORAGE_KEY) ?? '{}');
  } catch {
    saved = {};
  }
  const prefersDark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
  const browserChinese = typeof navigator !== 'undefined' && navigator.language?.toLowerCase().startsWith('zh');
  return {
    theme: saved.theme === 'dark' || saved.theme === 'light' ? saved.theme : prefersDark ? 'dark' : 'light',
    locale: saved.locale === 'en' || saved.locale === 'zh-CN' ? saved.locale : browserChinese ? 'zh-CN' : 'en',
  };
}

// Theme and language, remembered per browser.
export const usePreferencesStore = defineStore('preferences', () => {
  const start = initial();
  const theme = ref<Theme>(start.theme);
  const locale = ref<Locale>(start.locale);

  function apply(): void {
    // Arco Design's dark theme is switched by this attribute on <body>.
    if (theme.value === 'dark') document.body.setAttribute('arco-theme', 'dark');
    else document.body.removeAttribute('arco-theme');
    document.documentElement.lang = locale.value;
  }

  watch([theme, locale], () => {
    localStorage.setItem(PREFERENCES_STORAGE_KEY, JSON.stringify({ theme: theme.value, locale: locale.value }));
    apply();
  });
  apply();

  function toggleTheme(): void {
    theme.value = theme.value === 'dark' ? 'light' : 'dark';
  }

  return { theme, locale, toggleTheme, apply };
});
