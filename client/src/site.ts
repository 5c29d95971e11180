/**
 * "CJM: Build Site": `cjm site` for a workspace folder, run by the extension's own CLI bundle
 * (dist/cli.js) in a child process, written to the extension's storage (not into the
 * workspace, where it would show up as changes), then opened in the system browser: the site
 * is made of several linked pages, which a webview cannot navigate. Node host only: the
 * process and the loopback server (for browser workbenches) are extension.ts's, so this
 * module stays free of Node APIs.
 */
import * as vscode from 'vscode';
import type { Locale } from '@cjm/core/vocabulary/locale';
import { messageLocale } from './messageLocale';

const LABELS: Record<Locale, { building: string; built: string; failed: string; noFolder: string; pick: string; open: string; showOutput: string; browserOnly: string }> = {
  en: {
    building: 'Building the site of {0}…', built: 'Site built: {0}', failed: 'Building the site failed: {0}',
    noFolder: 'Open a folder with .cjm files to build a site.', pick: 'Which folder should the site show?', open: 'Open again', showOutput: 'Show details',
    browserOnly: 'Building a site needs the cjm command line, which VS Code in the browser cannot run. Run "cjm site" in a terminal, or use VS Code on your computer or a VS Code server (code-server, Codespaces).',
  },
  ru: {
    building: 'Собираю сайт папки {0}…', built: 'Сайт собран: {0}', failed: 'Не удалось собрать сайт: {0}',
    noFolder: 'Откройте папку с файлами .cjm, чтобы собрать сайт.', pick: 'Какую папку показать на сайте?', open: 'Открыть снова', showOutput: 'Подробности',
    browserOnly: 'Для сборки сайта нужна командная строка cjm, а VS Code в браузере не может её запустить. Выполните «cjm site» в терминале или откройте папку в VS Code на компьютере либо на сервере VS Code (code-server, Codespaces).',
  },
  pl: {
    building: 'Buduję stronę folderu {0}…', built: 'Strona zbudowana: {0}', failed: 'Nie udało się zbudować strony: {0}',
    noFolder: 'Otwórz folder z plikami .cjm, aby zbudować stronę.', pick: 'Który folder pokazać na stronie?', open: 'Otwórz ponownie', showOutput: 'Szczegóły',
    browserOnly: 'Do zbudowania strony potrzebny jest wiersz poleceń cjm, którego VS Code w przeglądarce nie może uruchomić. Uruchom „cjm site” w terminalu albo użyj VS Code na komputerze lub na serwerze VS Code (code-server, Codespaces).',
  },
};

/**
 * The command where only the browser extension host runs (vscode.dev, github.dev): there is no
 * CLI process to start, so it says what to do instead of being missing from the palette.
 */
export function registerBuildSiteUnavailable(): vscode.Disposable {
  return vscode.commands.registerCommand('cjm.site.build', () => {
    void vscode.window.showInformationMessage(LABELS[messageLocale()].browserOnly);
  });
}

const fmt = (s: string, ...args: string[]) => s.replace(/\{(\d)\}/g, (_, i: string) => args[Number(i)] ?? '');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI bundle with arguments in a folder. */
export type RunCli = (cli: string, args: string[], cwd: string) => Promise<CliRun>;

/** Serves a folder over HTTP on this machine's loopback; resolves to the port. */
export type ServeSite = (folder: string) => Promise<number>;

/**
 * Where the reader's browser finds the site. Desktop VS Code on this machine: the file itself,
 * opened by the system browser. A browser workbench (code-server, Codespaces) or a remote
 * window: that browser cannot read this machine's files, so the site is served on loopback
 * and VS Code forwards the port to it (code-server: its /proxy/<port>/ path; the site's links
 * are all relative, so it works under any path).
 */
async function siteAddress(out: vscode.Uri, serve: ServeSite | undefined): Promise<vscode.Uri> {
  const index = vscode.Uri.joinPath(out, 'index.html');
  if (!serve || (vscode.env.uiKind === vscode.UIKind.Desktop && !vscode.env.remoteName)) return index;
  const port = await serve(out.fsPath);
  // The forwarded address may keep no path of the one asked for (code-server's does not).
  const base = await vscode.env.asExternalUri(vscode.Uri.parse(`http://127.0.0.1:${port}/`));
  return vscode.Uri.joinPath(base, 'index.html');
}

export function registerBuildSite(context: vscode.ExtensionContext, output: vscode.OutputChannel, runCli: RunCli, serve?: ServeSite): vscode.Disposable {
  return vscode.commands.registerCommand('cjm.site.build', async (folderArg?: vscode.Uri) => {
    const L = LABELS[messageLocale()];
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
    let folder = folderArg ? vscode.workspace.getWorkspaceFolder(folderArg) : folders.length === 1 ? folders[0] : undefined;
    if (!folder && folders.length > 1) folder = await vscode.window.showWorkspaceFolderPick({ placeHolder: L.pick });
    if (!folder) {
      if (!folders.length) void vscode.window.showWarningMessage(L.noFolder);
      return undefined;
    }
    const name = `${folder.name.replace(/[^\p{L}\p{N}_-]+/gu, '-')}-${folder.index}`;
    const out = vscode.Uri.joinPath(context.globalStorageUri, 'site', name);
    // The history of versions built before is read back, not computed again: a rebuild after a commit is quick.
    const cache = vscode.Uri.joinPath(context.globalStorageUri, 'site-cache', name);
    const args = ['site', '-o', out.fsPath, '--locale', messageLocale(), '--cache', cache.fsPath];
    const run = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: fmt(L.building, folder.name) },
      () => runCli(context.asAbsolutePath('dist/cli.js'), args, folder!.uri.fsPath),
    );
    output.appendLine(`cjm ${args.join(' ')}\n${run.stdout}${run.stderr}`);
    // 1: built, but some map has errors (the site shows them).
    if (run.code !== 0 && run.code !== 1) {
      const choice = await vscode.window.showErrorMessage(fmt(L.failed, run.stderr.trim().split('\n')[0] ?? ''), L.showOutput);
      if (choice) output.show(true);
      return undefined;
    }
    const index = vscode.Uri.joinPath(out, 'index.html');
    const address = await siteAddress(out, serve);
    output.appendLine(address.toString(true));
    await vscode.env.openExternal(address);
    void vscode.window.showInformationMessage(fmt(L.built, run.stdout.trim()), L.open).then((c) => {
      if (c) void vscode.env.openExternal(address);
    });
    return index.fsPath;
  });
}
