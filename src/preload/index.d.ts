import type { CasecoderBridge } from './bridge.js';

declare global {
  interface Window {
    /** The API contract, exposed by the Electron preload; absent in browser mode. */
    readonly casecoder?: CasecoderBridge;
  }
}

export {};
