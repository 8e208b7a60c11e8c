import type { ButtonProps } from '@arco-design/web-vue';

// Props for the buttons of an <a-popconfirm>. Its popup lives outside the
// table row, so a browser test finds the confirm button by this test id.
// (ButtonProps has no index signature; the attribute falls through to <button>.)
export function confirmButtonProps(testid: string, status?: ButtonProps['status']): ButtonProps {
  return { ...(status ? { status } : {}), 'data-testid': testid } as unknown as ButtonProps;
}
