import { reactive } from 'vue';
import { getOrganization } from '@/api/organizations';
import type { Organization } from '@/api/types';

// Organization names for ids shown in key and user lists, fetched once per
// id and shared by every page of the session. Unknown ids (deleted, not
// visible) fall back to the id itself.
const names = reactive(new Map<string, string>());
const pending = new Set<string>();
const unresolvable = new Set<string>();

export function rememberOrganizations(orgs: Pick<Organization, 'id' | 'name'>[]): void {
  for (const org of orgs) names.set(org.id, org.name);
}

export function useOrganizationNames() {
  function nameOf(id: string | null | undefined): string {
    if (!id) return '';
    return names.get(id) ?? id;
  }

  async function resolve(ids: (string | null | undefined)[]): Promise<void> {
    const missing = [...new Set(ids.filter((id): id is string => !!id && !names.has(id) && !pending.has(id) && !unresolvable.has(id)))];
    await Promise.all(
      missing.map(async (id) => {
        pending.add(id);
        try {
          names.set(id, (await getOrganization(id)).name);
        } catch {
          // Not visible or gone: show the id, and do not ask again.
          unresolvable.add(id);
        } finally {
          pending.delete(id);
        }
      }),
    );
  }

  return { nameOf, resolve };
}
