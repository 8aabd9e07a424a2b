/**
 * The preload script (runs sandboxed, bundled to one CommonJS file): exposes exactly
 * `window.casecoder = { call, onEvent }` to the page through the context bridge.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge.js';

contextBridge.exposeInMainWorld('casecoder', createBridge(ipcRenderer));
