/**
 * Offer data as a file download through a Blob URL: the one way the UI saves files, in browser
 * mode and in Electron alike (exports, reports, reliability data, coder exports).
 */
export function saveBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Save text (UTF-8) under `fileName`. */
export function saveText(fileName: string, text: string, mime: string): void {
  saveBlob(fileName, new Blob([text], { type: `${mime};charset=utf-8` }));
}

/** Save bytes that arrived base64-encoded from the API. */
export function saveBase64(fileName: string, base64: string, mime: string): void {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  saveBlob(fileName, new Blob([bytes], { type: mime }));
}
