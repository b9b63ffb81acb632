// The Content-Security-Policy nonce of this response, for the few inline scripts Remix writes.
// In the browser it is empty: the scripts have already run by then.
import { createContext, useContext } from "react";

const NonceContext = createContext("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
