/**
 * Printable form of an untrusted value for an error message: quoted, control, format and non-ASCII characters
 * escaped as `\u{..}`, cut at 80 characters, so a message cannot be spoofed or flooded by the value it names.
 */
export function shownValue(value: string): string {
  const cut = value.length > 80 ? `${value.slice(0, 80)}...` : value;
  return `'${cut.replace(/[^\x20-\x7e]|'/gu, c =>
    [...c].map(u => `\\u{${u.codePointAt(0)!.toString(16)}}`).join(''),
  )}'`;
}
