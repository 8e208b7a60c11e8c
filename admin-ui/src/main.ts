import { createApp, watch } from 'vue';
import { createPinia } from 'pinia';
// Arco components come with their templates (vite.config.ts); the message
// toasts are called from code, so their styles are imported here.
import '@arco-design/web-vue/es/message/style/css.js';
import './styles.css';

import App from './App.vue';
import { configureClient } from './api/client';
import { i18n } from './i18n';
import { router } from './router';
import { useSessionStore } from './stores/session';
import { usePreferencesStore } from './stores/preferences';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia).use(i18n);

const session = useSessionStore();
configureClient({
  token: () => session.token,
  // The gateway refused the session (expired, revoked, user disabled).
  unauthorized: () => {
    if (!session.signedIn) return;
    session.end('expired');
    void router.push({ name: 'login', query: { redirect: router.currentRoute.value.fullPath } });
  },
});

const preferences = usePreferencesStore();
watch(
  () => preferences.locale,
  (locale) => {
    i18n.global.locale.value = locale;
  },
  { immediate: true },
);

app.use(router);
app.mount('#app');
