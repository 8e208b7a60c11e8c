import { afterEach, describe, expect, test } from 'vitest';
import { mount, type VueWrapper } from '@vue/test-utils';
import ArcoVue from '@arco-design/web-vue';
import { i18n } from '@/i18n';
import { byTestId, settle } from './teleportedDom';
import LifecycleActions from '@/components/LifecycleActions.vue';

let wrapper: VueWrapper | null = null;
afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
  document.body.innerHTML = '';
});

function mountActions(status: 'active' | 'inactive' | 'deleted') {
  wrapper = mount(LifecycleActions, {
    props: {
      status,
      enableLabel: 'Enable',
      disableLabel: 'Disable',
      confirmDisable: 'Disable Acme?',
      deleteLabel: 'Delete',
      confirmDelete: 'Delete Acme?',
      testPrefix: 'org',
    },
    global: { plugins: [i18n, ArcoVue] },
    attachTo: document.body,
  });
  return wrapper;
}

describe('LifecycleActions', () => {
  test('an active object offers disable and delete, each only after confirming', async () => {
    const w = mountActions('active');
    expect(byTestId('org-enable')).toBeNull();
    byTestId('org-disable')!.click();
    await settle();
    expect(w.emitted('disable')).toBeUndefined();
    byTestId('org-disable-confirm')!.click();
    await settle();
    expect(w.emitted('disable')).toHaveLength(1);

    byTestId('org-delete')!.click();
    await settle();
    byTestId('org-delete-confirm')!.click();
    await settle();
    expect(w.emitted('delete')).toHaveLength(1);
    expect(w.emitted('enable')).toBeUndefined();
  });

  test('an inactive object is enabled at once, without a question', async () => {
    const w = mountActions('inactive');
    expect(byTestId('org-disable')).toBeNull();
    byTestId('org-enable')!.click();
    await settle();
    expect(w.emitted('enable')).toHaveLength(1);
    expect(byTestId('org-delete')).not.toBeNull();
  });

  test('a deleted object has no actions', () => {
    mountActions('deleted');
    for (const id of ['org-enable', 'org-disable', 'org-delete']) expect(byTestId(id)).toBeNull();
  });
});
