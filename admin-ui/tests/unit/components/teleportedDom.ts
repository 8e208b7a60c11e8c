import { nextTick } from 'vue';

// Arco's popups and modals are teleported to <body>: tests look their parts
// up there by test id, after letting the popup's render and transitions run.
export function byTestId(id: string): HTMLElement | null {
  return document.body.querySelector(`[data-testid="${id}"]`);
}

export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await nextTick();
  await new Promise((r) => setTimeout(r, 0));
}
