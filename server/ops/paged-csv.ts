/**
 * A CSV download as a byte stream (the staff exports: README "Admin: users" bulk export, "Admin:
 * payments" invoice export): the header, then one keyset page of rows (by rowid) each time the
 * reader wants more (`pull`), so a slow download slows the reading instead of filling memory.
 * A failing page errors the stream (the download ends incomplete) and is reported to `onError`.
 */
export function pagedCsvStream<Row extends { rowid: number }>(input: {
  header: string;
  /** Rows after the given rowid (null: from the start), at most `pageRows`, rowid ascending. */
  page: (after: number | null) => Promise<Row[]>;
  pageRows: number;
  /** One row as a CSV record, line end included. */
  record: (row: Row) => string;
  onError: (error: unknown) => void;
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let headerSent = false;
  let after: number | null = null;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(input.header));
        return;
      }
      let rows: Row[];
      try {
        rows = await input.page(after);
      } catch (error) {
        input.onError(error);
        throw error;
      }
      if (rows.length > 0) controller.enqueue(encoder.encode(rows.map(input.record).join("")));
      const last = rows.at(-1);
      if (rows.length < input.pageRows || !last) controller.close();
      else after = last.rowid;
    },
  });
}
