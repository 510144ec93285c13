import type { Readable } from 'node:stream';

/**
 * Keeps the last `maxChars` characters a child wrote. The pipes must be drained continuously anyway
 * (a full pipe buffer would block Prism), and the tail is what explains a failed start.
 */
export class OutputTail {
  private text = '';

  constructor(private readonly maxChars = 4000) {}

  follow(stream: Readable | null, forward?: (chunk: string) => void): void {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      this.text = (this.text + chunk).slice(-this.maxChars);
      forward?.(chunk);
    });
  }

  toString(): string {
    // Prism colours its log lines; strip ANSI escapes so error messages stay readable.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching the ESC character is the point
    return this.text.replace(/\u001b\[[0-9;]*m/g, '').trim();
  }
}
