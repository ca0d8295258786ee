import { createContext, useContext } from "solid-js";

/**
 * Where floating content (a select's options) is mounted while a modal is open: inside the
 * modal. A modal hides everything outside itself from assistive technology (aria-hidden on
 * its siblings), and content portalled to the body would be hidden with it, so a screen
 * reader could not reach the options (the same bug as chakra-ui/ark#3728).
 */
const PortalMountContext = createContext<() => HTMLElement | undefined>(() => undefined);

export const PortalMountProvider = PortalMountContext.Provider;

/** The element to mount floating content in, or undefined for the document body. */
export const usePortalMount = () => useContext(PortalMountContext);
