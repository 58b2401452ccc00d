/**
 * Cloudpods alert text can carry terminal colour codes ("ESC[31mimportant ESC[0m"). For a
 * one-line preview those SGR sequences (ESC [ params m) are removed; stored data and the raw
 * body view keep them.
 */
const SGR = /\u001b\[[0-9;]*m/g;

export function stripAnsi(text: string): string {
  return text.replace(SGR, "");
}
