// Copies text for the user. The Clipboard API needs a secure context (HTTPS
// or localhost); a console served over plain HTTP on a LAN address has none,
// so the fallback selects the text on screen for the user to copy by hand.
export type CopyOutcome = 'copied' | 'selected' | 'failed';

export function selectContents(element: HTMLElement): boolean {
  const selection = typeof window !== 'undefined' ? window.getSelection() : null;
  if (!selection) return false;
  const range = document.createRange();
  range.selectNodeContents(element);
  selection.removeAllRanges();
  selection.addRange(range);
  return true;
}

export async function copyText(text: string, fallbackTarget?: HTMLElement | null): Promise<CopyOutcome> {
  try {
    if (typeof navigator !== 'undefined' && navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return 'copied';
    }
  } catch {
    // Refused (no permission, insecure context): fall through to selecting.
  }
  if (fallbackTarget && selectContents(fallbackTarget)) return 'selected';
  return 'failed';
}
