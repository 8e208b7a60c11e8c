import { ref, watch, type Ref } from 'vue';
import { errorMessage } from '@/api/ApiError';

export interface FormModalOptions<P> {
  /** The modal's v-model. */
  visible: Ref<boolean>;
  /** The form's reactive state; re-checked on every change once submitted. */
  form: object;
  /** Fills the form each time the modal opens. */
  open: () => void;
  /** No problems: what `problems` holds before the first submit. */
  noProblems: () => P;
  check: () => P;
  hasProblems: (problems: P) => boolean;
  /** Sends the form; the modal closes when it resolves and stays open with the error when it throws. */
  save: () => Promise<void>;
}

// The flow every form modal shares: fresh state on open, validation that
// follows the user's typing once they have tried to submit, one request at
// a time with a busy flag, a readable error, and closing on success.
export function useFormModal<P>(options: FormModalOptions<P>) {
  const problems = ref(options.noProblems()) as Ref<P>;
  const busy = ref(false);
  const error = ref<string | null>(null);
  let submitted = false;

  watch(options.visible, (open) => {
    if (!open) return;
    options.open();
    problems.value = options.noProblems();
    submitted = false;
    error.value = null;
  });

  watch(options.form, () => {
    if (submitted) problems.value = options.check();
  });

  async function submit(): Promise<void> {
    submitted = true;
    problems.value = options.check();
    if (options.hasProblems(problems.value)) return;
    busy.value = true;
    error.value = null;
    try {
      await options.save();
      options.visible.value = false;
    } catch (e) {
      error.value = errorMessage(e);
    } finally {
      busy.value = false;
    }
  }

  return { problems, busy, error, submit };
}
