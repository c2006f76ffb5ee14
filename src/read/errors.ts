/** Input that is not a readable disclosure: one line saying why (the CLI prints it and exits 2). */
export class UnreadableInputError extends Error {
  constructor(
    message: string,
    readonly file?: string,
  ) {
    super(file ? `${file}：${message}` : message);
  }
}
