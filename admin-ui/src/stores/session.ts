import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import * as auth from '@/api/auth';
import { ApiError } from '@/api/ApiError';
import { http, authorizationHeader } from '@/api/client';
import type { ListPage, Organization, Permission } from '@/api/types';

export const SESSION_STORAGE_KEY = 'gaiarouter.session';

// Who is signed in. Kept in localStorage so a reload keeps the session; the
// gateway stays the judge of every request (401 ends the session).
export interface SessionData {
  token: string;
  kind: 'key' | 'user';
  name: string; // what the header shows: the user's email or the key's label
  userId: string | null;
  organizationId: string | null; // null: a global admin (master key, admin user)
  globalAdmin: boolean;
  organizationAdmin: boolean; // org-admin user or key with `admin`
  permissions: Permission[];
  expiresAt: string | null; // session tokens expire; keys may
}

export type EndReason = 'expired' | 'signed_out' | null;

function load(): SessionData | null {
  try {
    const raw = localStorage.getItem(SESSION_STORAGE_KEY);
    if (!raw) return null;
    const data = JSON.parse(raw) as SessionData;
    return typeof data?.token === 'string' && data.token ? data : null;
  } catch {
    return null;
  }
}

export function isExpired(data: SessionData, now: number = Date.now()): boolean {
  return data.expiresAt !== null && Date.parse(data.expiresAt) <= now;
}

export const useSessionStore = defineStore('session', () => {
  const data = ref<SessionData | null>(load());
  const endReason = ref<EndReason>(null);

  const signedIn = computed(() => data.value !== null);
  const token = computed(() => data.value?.token ?? null);
  const globalAdmin = computed(() => data.value?.globalAdmin ?? false);
  const organizationId = computed(() => data.value?.organizationId ?? null);
  // Management pages: global admins, users, and keys with `admin`.
  const canManage = computed(
    () => !!data.value && (data.value.globalAdmin || data.value.kind === 'user' || data.value.permissions.includes('admin')),
  );
  // Records and statistics need `read` for keys; users and the master key have it.
  const canRead = computed(() => !!data.value && data.value.permissions.includes('read'));

  function store(next: SessionData): void {
    data.value = next;
    endReason.value = null;
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(next));
  }

  function end(reason: Exclude<EndReason, null>): void {
    data.value = null;
    endReason.value = reason;
    localStorage.removeItem(SESSION_STORAGE_KEY);
  }

  async function signInWithPassword(email: string, password: string): Promise<void> {
    const answer = await auth.login(email.trim(), password);
    const profile = await auth.profile(answer.token);
    store({
      token: answer.token,
      kind: 'user',
      name: answer.user.email,
      userId: answer.user.id,
      organizationId: answer.user.organization_id,
      globalAdmin: answer.user.role === 'admin',
      organizationAdmin: answer.user.role === 'admin' || profile.is_organization_admin,
      permissions: ['read', 'write', 'admin'],
      expiresAt: answer.expires_at,
    });
  }

  async function signInWithKey(rawKey: string): Promise<void> {
    const key = rawKey.trim();
    try {
      const info = await auth.keyInfo(key);
      // `is_admin` is also true for an organization's key with `admin`; only
      // the master key (id "master", no organization) is a global admin.
      const master = info.id === 'master';
      store({
        token: key,
        kind: 'key',
        name: info.label,
        userId: null,
        organizationId: master ? null : (info.organization_id ?? null),
        globalAdmin: master,
        organizationAdmin: master || (info.permissions ?? []).includes('admin'),
        permissions: master ? ['read', 'write', 'admin'] : (info.permissions ?? []),
        expiresAt: info.expires_at ?? null,
      });
    } catch (e) {
      // GET /v1/key needs `read`; a key with `admin` alone still manages
      // its organization, which it can list.
      if (!(e instanceof ApiError) || e.status !== 403) throw e;
      const orgs = await http.get<ListPage<Organization>>('/v1/organizations', {
        params: { limit: 1 },
        headers: authorizationHeader(key),
      });
      const org = orgs.data.data[0];
      if (!org) throw new ApiError('This key may not use the console.', 403, 'console_forbidden');
      store({
        token: key,
        kind: 'key',
        name: `${key.slice(0, 10)}…`,
        userId: null,
        organizationId: org.id,
        globalAdmin: false,
        organizationAdmin: true,
        permissions: ['admin'],
        expiresAt: null,
      });
    }
  }

  function signOut(): void {
    end('signed_out');
  }

  // Called before each navigation and when the gateway answers 401.
  function expireIfDue(now: number = Date.now()): boolean {
    if (data.value && isExpired(data.value, now)) {
      end('expired');
      return true;
    }
    return false;
  }

  return {
    data, endReason, signedIn, token, globalAdmin, organizationId, canManage, canRead,
    signInWithPassword, signInWithKey, signOut, end, expireIfDue,
  };
});
