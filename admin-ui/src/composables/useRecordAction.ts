import { computed, ref } from 'vue';
import { Message } from '@arco-design/web-vue';
import { errorMessage } from '@/api/ApiError';

// Enable, disable, delete and the like on one record of a list or page:
// `busyId` names the record whose action is under way (its buttons show a
// spinner), and a failure becomes a readable toast instead of an exception.
export function useRecordAction() {
  const busyId = ref<string | null>(null);
  const busy = computed(() => busyId.value !== null);

  async function run(id: string, action: () => Promise<void>): Promise<void> {
    busyId.value = id;
    try {
      await action();
    } catch (e) {
      Message.error(errorMessage(e));
    } finally {
      busyId.value = null;
    }
  }

  return { busyId, busy, run };
}
