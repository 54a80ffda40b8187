/** A problem with the uploaded file as a whole; `message` is Chinese and says how to fix it. */
export class XlsxInputError extends Error {
  override name = "XlsxInputError";
}
