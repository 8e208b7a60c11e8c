import { afterEach, describe, expect, test } from 'vitest';
import { mount, type VueWrapper } from '@vue/test-utils';
import ArcoVue from '@arco-design/web-vue';
import { h } from 'vue';
import { i18n } from '@/i18n';
import { byTestId, settle } from './teleportedDom';
import FormModal from '@/components/FormModal.vue';

let wrapper: VueWrapper | null = null;
afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
  document.body.innerHTML = '';
});

function mountModal(props: Record<string, unknown> = {}) {
  wrapper = mount(FormModal, {
    props: { visible: true, title: 'New organization', width: 640, model: {}, submitLabel: 'Create', busy: false, error: null, testId: 'org-form', ...props },
    slots: { default: () => h('input', { 'data-testid': 'org-form-name' }) },
    global: { plugins: [i18n, ArcoVue] },
    attachTo: document.body,
  });
  return wrapper;
}

describe('FormModal', () => {
  test('renders the form and its footer under the test ids of `testId`', async () => {
    const w = mountModal();
    await settle();
    expect(byTestId('org-form')).not.toBeNull();
    expect(byTestId('org-form-name')?.closest('form')).not.toBeNull();
    expect(byTestId('org-form-submit')?.textContent?.trim()).toBe('Create');
    expect(byTestId('org-form-error')).toBeNull();
    byTestId('org-form-submit')!.click();
    await settle();
    expect(w.emitted('submit')).toHaveLength(1);
  });

  test('shows the error inside the form, and cancel closes through v-model', async () => {
    const w = mountModal({ error: 'Name taken' });
    await settle();
    const alert = byTestId('org-form-error');
    expect(alert?.textContent).toContain('Name taken');
    expect(alert?.closest('form')).not.toBeNull();
    byTestId('org-form-cancel')!.click();
    await settle();
    expect(w.emitted('update:visible')).toEqual([[false]]);
    expect(w.emitted('submit')).toBeUndefined();
  });
});
