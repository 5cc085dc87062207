/** Evidence upload limit: 20 MB a file (multipart in app.ts, the 413 message in progress). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
