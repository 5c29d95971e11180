/** The diff webview's end of its typed channel (client/src/diff/protocol.ts). */
import type { FromDiffWebview, ToDiffWebview } from '../../../client/src/diff/protocol';
import { openChannel } from '../shared/channel';

const channel = openChannel<FromDiffWebview, ToDiffWebview>();
export const vscode = channel.vscode;
export const post = channel.post;
export const onMessage = channel.onMessage;
