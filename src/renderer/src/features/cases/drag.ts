/** Drag-and-drop of documents onto cases: the MIME type carrying a document id. */
export const DOC_MIME = 'application/x-casecoder-document';

/** Start dragging a document (from the document list or the cases table). */
export function startDocumentDrag(e: React.DragEvent, documentId: string): void {
  e.dataTransfer.setData(DOC_MIME, documentId);
  e.dataTransfer.setData('text/plain', documentId);
  e.dataTransfer.effectAllowed = 'move';
}

/** True while the drag carries a document (not files from the desktop). */
export function isDocumentDrag(e: React.DragEvent): boolean {
  return e.dataTransfer.types.includes(DOC_MIME);
}

/** The dragged document's id, or null. */
export function droppedDocument(e: React.DragEvent): string | null {
  return e.dataTransfer.getData(DOC_MIME) || null;
}
