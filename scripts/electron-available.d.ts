/** Whether the Electron binary can run on this machine, and why not. */
export interface ElectronStatus {
  available: boolean;
  /** The binary's path when one was found (even if it cannot run here). */
  binary: string | null;
  /** One line for a human. */
  reason: string;
}

/** Options for tests; the defaults read the real process and the installed electron package. */
export interface ElectronStatusOptions {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  uid?: number | null;
  resolveBinary?: () => string;
}

export function electronStatus(options?: ElectronStatusOptions): ElectronStatus;
