import { onBeforeUnmount, onMounted, ref } from 'vue';

// Narrow screens (phones, 375 px) get a drawer menu and stacked layouts.
export function useViewport(breakpoint = 768) {
  const narrow = ref(typeof window !== 'undefined' && window.innerWidth < breakpoint);
  const update = () => {
    narrow.value = window.innerWidth < breakpoint;
  };
  onMounted(() => window.addEventListener('resize', update));
  onBeforeUnmount(() => window.removeEventListener('resize', update));
  return { narrow };
}
