import { afterEach, describe, expect, test } from 'vitest';
import { mount, type VueWrapper } from '@vue/test-utils';
import ArcoVue from '@arco-design/web-vue';
import { i18n } from '@/i18n';
import { byTestId, settle } from './teleportedDom';
import ConfirmedAction from '@/components/ConfirmedAction.vue';

let wrapper: VueWrapper | null = null;
afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
  document.body.innerHTML = '';
});

function mountAction(props: Record<string, unknown>) {
  wrapper = mount(ConfirmedAction, {
    props: { content: 'Delete Acme?', label: 'Delete', testId: 'org-delete', ...props },
    global: { plugins: [i18n, ArcoVue] },
    attachTo: document.body,
  });
  return wrapper;
}

describe('ConfirmedAction', () => {
  test('emits confirm only after the popup confirm button, which carries `${testId}-confirm`', async () => {
    const w = mountAction({ okText: 'Delete', kind: 'danger', status: 'danger' });
    const button = byTestId('org-delete');
    expect(button?.tagName).toBe('BUTTON');
    expect(button?.textContent?.trim()).toBe('Delete');
    button!.click();
    await settle();
    expect(w.emitted('confirm')).toBeUndefined();
    const confirm = byTestId('org-delete-confirm');
    expect(confirm).not.toBeNull();
    expect(confirm!.className).toContain('arco-btn-status-danger');
    expect(byTestId('org-delete-cancel')?.textContent?.trim()).toBe('Cancel');
    confirm!.click();
    await settle();
    expect(w.emitted('confirm')).toHaveLength(1);
  });

  test('cancel closes without confirming', async () => {
    const w = mountAction({ kind: 'warning' });
    byTestId('org-delete')!.click();
    await settle();
    expect(byTestId('org-delete-confirm')!.className).toContain('arco-btn-status-warning');
    byTestId('org-delete-cancel')!.click();
    await settle();
    expect(w.emitted('confirm')).toBeUndefined();
  });

  test('a disabled button does not open the popup', async () => {
    mountAction({ disabled: true });
    byTestId('org-delete')!.click();
    await settle();
    expect(byTestId('org-delete-confirm')).toBeNull();
  });
});
