import { afterEach, describe, expect, test, vi } from 'vitest';
import { mount, type VueWrapper } from '@vue/test-utils';
import ArcoVue from '@arco-design/web-vue';
import { i18n } from '@/i18n';
import { byTestId, settle } from './teleportedDom';
import ListingSearch from '@/components/ListingSearch.vue';
import StatusFilter from '@/components/StatusFilter.vue';

let wrapper: VueWrapper | null = null;
afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
  document.body.innerHTML = '';
});

function fakeListing() {
  return { reload: vi.fn(), reloadSoon: vi.fn() };
}

describe('ListingSearch', () => {
  test('typing reloads soon; Enter reloads at once; the text reaches v-model', async () => {
    const listing = fakeListing();
    let model = '';
    wrapper = mount(ListingSearch, {
      props: {
        modelValue: '',
        placeholder: 'Search',
        testid: 'org-filter-name',
        listing,
        'onUpdate:modelValue': (v: string) => {
          model = v;
        },
      },
      global: { plugins: [i18n, ArcoVue] },
      attachTo: document.body,
    });
    const input = byTestId('org-filter-name') as HTMLInputElement;
    expect(input.tagName).toBe('INPUT');
    input.value = 'acme';
    input.dispatchEvent(new Event('input'));
    await settle();
    expect(model).toBe('acme');
    expect(listing.reloadSoon).toHaveBeenCalled();
    expect(listing.reload).not.toHaveBeenCalled();
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await settle();
    expect(listing.reload).toHaveBeenCalledTimes(1);
    (document.body.querySelector('.arco-input-search .arco-icon-search') as HTMLElement).parentElement!.click();
    await settle();
    expect(listing.reload).toHaveBeenCalledTimes(2);
  });
});

describe('StatusFilter', () => {
  test('offers the four statuses, with the deleted one named as asked', async () => {
    wrapper = mount(StatusFilter, {
      props: { modelValue: '', testid: 'key-filter-status', listing: fakeListing(), deletedLabel: 'Revoked' },
      global: { plugins: [i18n, ArcoVue] },
      attachTo: document.body,
    });
    byTestId('key-filter-status')!.click();
    await settle();
    const options = [...document.body.querySelectorAll('.arco-select-option')].map((o) => o.textContent?.trim());
    expect(options).toEqual(['All but deleted', 'Active', 'Inactive', 'Revoked']);
  });
});
