import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { useSessionStore } from '@/stores/session';

declare module 'vue-router' {
  interface RouteMeta {
    title?: string; // i18n key of the page title
    public?: boolean; // reachable signed out
    globalAdmin?: boolean; // master key or admin users only
    manage?: boolean; // callers who may use the management API
  }
}

export const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('@/pages/LoginPage.vue'), meta: { public: true } },
  {
    path: '/',
    component: () => import('@/layouts/ConsoleLayout.vue'),
    children: [
      { path: '', name: 'dashboard', component: () => import('@/pages/DashboardPage.vue'), meta: { title: 'nav.dashboard' } },
      {
        path: 'organizations',
        name: 'organizations',
        component: () => import('@/pages/OrganizationsPage.vue'),
        meta: { title: 'nav.organizations', manage: true },
      },
      {
        path: 'organizations/:id',
        name: 'organization',
        component: () => import('@/pages/OrganizationDetailPage.vue'),
        meta: { title: 'nav.organizations', manage: true },
        props: true,
      },
      {
        path: 'keys',
        name: 'keys',
        component: () => import('@/pages/ApiKeysPage.vue'),
        meta: { title: 'nav.apiKeys', manage: true },
      },
      { path: 'models', name: 'models', component: () => import('@/pages/ModelsPage.vue'), meta: { title: 'nav.models' } },
      { path: 'activity', name: 'activity', component: () => import('@/pages/ActivityPage.vue'), meta: { title: 'nav.activity' } },
      {
        path: 'playground',
        name: 'playground',
        component: () => import('@/pages/PlaygroundPage.vue'),
        meta: { title: 'nav.playground' },
      },
      {
        path: 'users',
        name: 'users',
        component: () => import('@/pages/UsersPage.vue'),
        meta: { title: 'nav.users', globalAdmin: true },
      },
      {
        path: 'settings',
        name: 'settings',
        component: () => import('@/pages/SettingsPage.vue'),
        meta: { title: 'nav.settings', globalAdmin: true },
      },
      { path: ':rest(.*)*', name: 'not-found', component: () => import('@/pages/NotFoundPage.vue') },
    ],
  },
];

export const router = createRouter({ history: createWebHistory('/'), routes });

router.beforeEach((to) => {
  const session = useSessionStore();
  session.expireIfDue();
  if (to.meta.public) return session.signedIn && to.name === 'login' ? { name: 'dashboard' } : true;
  if (!session.signedIn) return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} };
  if (to.meta.globalAdmin && !session.globalAdmin) return { name: 'dashboard', query: { forbidden: '1' } };
  if (to.meta.manage && !session.canManage) return { name: 'dashboard', query: { forbidden: '1' } };
  return true;
});
