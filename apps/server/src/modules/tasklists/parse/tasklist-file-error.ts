/** Thrown when a file cannot be read as a task list at all; the message is one Chinese line. */
export class TaskListFileError extends Error {
  override name = 'TaskListFileError';
}
