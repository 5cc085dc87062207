/**
 * Counts writes made through the api modules: lists cached by a page (a year's occurrences) are stale after any
 * write, whichever screen made it.
 */
let generation = 0;

export const writeGeneration = () => generation;

export function wrote<T>(promise: Promise<T>): Promise<T> {
  return promise.then((value) => {
    generation++;
    return value;
  });
}
