import { describe, expect, it } from "vitest";
import { readNdjson } from "./read-ndjson";

function streamOf(...chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function collect(stream: ReadableStream<Uint8Array>) {
  const out: unknown[] = [];
  for await (const line of readNdjson(stream)) out.push(line);
  return out;
}

describe("readNdjson", () => {
  it("yields one object per line, joining lines split across chunks", async () => {
    expect(await collect(streamOf('{"type":"progress","done":1', ',"total":2}\n{"type":"res', 'ult"}\n'))).toEqual([
      { type: "progress", done: 1, total: 2 },
      { type: "result" },
    ]);
  });

  it("skips blank lines and accepts a last line without a newline", async () => {
    expect(await collect(streamOf('\n{"a":1}\n\n{"b":2}'))).toEqual([{ a: 1 }, { b: 2 }]);
  });
});

describe("readNdjson with multi-byte characters", () => {
  it("keeps a character split across chunks intact", async () => {
    const bytes = new TextEncoder().encode('{"m":"€5"}\n');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 7));
        controller.enqueue(bytes.slice(7));
        controller.close();
      },
    });
    expect(await collect(stream)).toEqual([{ m: "€5" }]);
  });
});
