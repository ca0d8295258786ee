// wrangler's default module rules import `*.wasm` as a compiled WebAssembly.Module.
declare module "@jsquash/webp/codec/dec/webp_dec.wasm" {
  const compiled: WebAssembly.Module;
  export default compiled;
}
