/** The password rules both ends show and enforce: the server checks them, the web says them before submitting. */
export const MIN_PASSWORD_LENGTH = 10;
