/** A plain-text table: the first row is the header, columns padded to their widest cell. */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const columns = Math.max(0, ...rows.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, i) =>
    Math.max(...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (row: readonly string[]) =>
    widths
      .map((width, i) => (row[i] ?? '').padEnd(width))
      .join('  ')
      .trimEnd();
  const [header, ...body] = rows;
  if (!header) return '';
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** `<= 6 KB: met` / `<= 6 KB: MISSED`, so a missed target stands out in the table. */
export const verdict = (target: string, met: boolean) => `${target}: ${met ? 'met' : 'MISSED'}`;
