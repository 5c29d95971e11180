/** The webview's end of the typed channel (client/src/preview/protocol.ts). */
import type { FromWebview, ToWebview } from '../../../client/src/preview/protocol';
import { openChannel } from '../shared/channel';

const channel = openChannel<FromWebview, ToWebview>();
export const vscode = channel.vscode;
export const post = channel.post;
export const onMessage = channel.onMessage;
