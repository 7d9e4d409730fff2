// Terminal escapes out of log text: colour codes, cursor moves, OSC titles and links, and other
// control characters are removed (tabs kept); the text is then rendered as text, never as HTML.
// eslint-disable-next-line no-control-regex
const ESCAPES = /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b\[[0-?]*[ -/]*[@-~]|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]|[\u0000-\u0008\u000b-\u001f\u007f]/g;

export function stripAnsi(text: string): string {
  return text.replace(ESCAPES, "");
}
