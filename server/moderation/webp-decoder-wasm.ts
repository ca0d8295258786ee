/// <reference path="./wasm-modules.d.ts" />
// libwebp's decoder as a compiled WebAssembly.Module. wrangler (and vitest-pool-workers, which
// bundles the same way) turns a `.wasm` import into a CompiledWasm module: workerd compiles it
// when the Worker loads, no fetch and no eval at run time. Node cannot import this file; the
// unit tests compile node_modules/@jsquash/webp/codec/dec/webp_dec.wasm themselves.
import webpDecoderWasm from "@jsquash/webp/codec/dec/webp_dec.wasm";

export default webpDecoderWasm;
