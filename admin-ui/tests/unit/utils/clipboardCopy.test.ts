import { afterEach, describe, expect, test, vi } from 'vitest';
import { copyText } from '@/utils/clipboardCopy';

const originalClipboard = Object.getOwnPropertyDescriptor(navigator, 'clipboard');

function setClipboard(value: unknown): void {
  Object.defineProperty(navigator, 'clipboard', { value, configurable: true });
}

afterEach(() => {
  if (originalClipboard) Object.defineProperty(navigator, 'clipboard', originalClipboard);
  else delete (navigator as unknown as Record<string, unknown>).clipboard;
  window.getSelection()?.removeAllRanges();
  document.body.innerHTML = '';
});

function secretElement(text: string): HTMLElement {
  const code = document.createElement('code');
  code.textContent = text;
  document.body.appendChild(code);
  return code;
}

describe('copyText', () => {
  test('writes to the clipboard when the Clipboard API is there', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    setClipboard({ writeText });
    expect(await copyText('gr-secret', secretElement('gr-secret'))).toBe('copied');
    expect(writeText).toHaveBeenCalledWith('gr-secret');
    expect(window.getSelection()?.toString() ?? '').toBe('');
  });

  test('selects the text on screen when the clipboard refuses', async () => {
    setClipboard({ writeText: vi.fn().mockRejectedValue(new Error('not allowed')) });
    const element = secretElement('gr-secret-2');
    expect(await copyText('gr-secret-2', element)).toBe('selected');
    expect(window.getSelection()?.toString()).toBe('gr-secret-2');
  });

  test('selects the text when there is no Clipboard API (plain HTTP)', async () => {
    setClipboard(undefined);
    expect(await copyText('gr-secret-3', secretElement('gr-secret-3'))).toBe('selected');
    expect(window.getSelection()?.toString()).toBe('gr-secret-3');
  });

  test('fails when there is neither a clipboard nor anything to select', async () => {
    setClipboard(undefined);
    expect(await copyText('gr-secret-4', null)).toBe('failed');
  });
});
