/**
 * How many bytes of a file's head the server reads to know its type by content (file-type's sample size). A
 * recording's first chunk must hold at least this much, so the browser's recorder waits for it.
 */
export const typeSniffBytes = 4100;
