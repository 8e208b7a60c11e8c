import { describe, expect, test } from 'vitest';
import { nextTick, reactive, ref } from 'vue';
import { ApiError } from '@/api/ApiError';
import { useFormModal } from '@/composables/useFormModal';

type Problems = { name?: string };

function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

// A modal whose form needs a non-empty name; `save` is swapped per test.
function setup(save: () => Promise<void>) {
  const visible = ref(false);
  const form = reactive({ name: '' });
  let opened = 0;
  let saves = 0;
  const modal = useFormModal<Problems>({
    visible,
    form,
    open: () => {
      opened++;
      form.name = '';
    },
    noProblems: () => ({}),
    check: () => (form.name.trim() ? {} : { name: 'required' }),
    hasProblems: (p) => !!p.name,
    save: () => {
      saves++;
      return save();
    },
  });
  return { visible, form, modal, opened: () => opened, saves: () => saves };
}

describe('useFormModal', () => {
  test('opening fills the form afresh and clears the previous problems and error', async () => {
    const s = setup(() => Promise.reject(new ApiError('Name taken', 400)));
    s.visible.value = true;
    await nextTick();
    expect(s.opened()).toBe(1);
    await s.modal.submit();
    expect(s.modal.problems.value).toEqual({ name: 'required' });
    s.form.name = 'Acme';
    await s.modal.submit();
    expect(s.modal.error.value).toBe('Name taken');

    s.visible.value = false;
    await nextTick();
    s.visible.value = true;
    await nextTick();
    expect(s.opened()).toBe(2);
    expect(s.form.name).toBe('');
    expect(s.modal.problems.value).toEqual({});
    expect(s.modal.error.value).toBeNull();
  });

  test('a form with problems is not saved, and the problems follow the typing after that', async () => {
    const s = setup(() => Promise.resolve());
    s.visible.value = true;
    await nextTick();
    // Before the first submit, typing does not show problems.
    s.form.name = ' ';
    await nextTick();
    expect(s.modal.problems.value).toEqual({});

    await s.modal.submit();
    expect(s.saves()).toBe(0);
    expect(s.modal.problems.value).toEqual({ name: 'required' });
    expect(s.visible.value).toBe(true);

    s.form.name = 'Acme';
    await nextTick();
    expect(s.modal.problems.value).toEqual({});
  });

  test('busy while saving, closed once the save resolves', async () => {
    const pending = deferred();
    const s = setup(() => pending.promise);
    s.visible.value = true;
    await nextTick();
    s.form.name = 'Acme';
    const submitting = s.modal.submit();
    expect(s.modal.busy.value).toBe(true);
    expect(s.visible.value).toBe(true);
    pending.resolve();
    await submitting;
    expect(s.saves()).toBe(1);
    expect(s.modal.busy.value).toBe(false);
    expect(s.visible.value).toBe(false);
    expect(s.modal.error.value).toBeNull();
  });

  test('a failed save stays open with a readable message, and a new submit clears it', async () => {
    let fail = true;
    const s = setup(() => (fail ? Promise.reject(new ApiError('Insufficient credits', 402, 'insufficient_credits')) : Promise.resolve()));
    s.visible.value = true;
    await nextTick();
    s.form.name = 'Acme';
    await s.modal.submit();
    expect(s.visible.value).toBe(true);
    expect(s.modal.busy.value).toBe(false);
    expect(s.modal.error.value).toBe('Insufficient credits');

    fail = false;
    await s.modal.submit();
    expect(s.modal.error.value).toBeNull();
    expect(s.visible.value).toBe(false);
  });
});
