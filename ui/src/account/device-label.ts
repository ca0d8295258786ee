// The server names passkeys with the same words the sessions list uses.
export { deviceLabel } from "~core/auth/device-label";
