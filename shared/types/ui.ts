/** Shapes of the "ui support" calls: compositions of existing services the renderer needs. */

/** A file of a chart folder picked in the UI, path relative to the picked folder's parent. */
export interface FolderFile {
  path: string;
  base64: string;
}
