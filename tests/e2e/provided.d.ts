// Values the global setup hands to every test file through vitest's provide/inject.
declare module "vitest" {
  export interface ProvidedContext {
    /** Origin of the Worker under test, e.g. http://127.0.0.1:8790 */
    baseUrl: string;
    /** OPS_API_TOKEN the Worker was started with (the admin app's operator token). */
    opsToken: string;
    /** File that receives everything `wrangler dev` prints (each request with its duration). */
    workerLog: string;
  }
}

export {};
