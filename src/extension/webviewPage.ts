import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/**
 * The page of one of the extension's webviews: a strict CSP (nothing by default, the one script
 * by its nonce, styles inline or from the extension) around the page's style and body.
 */
export function webviewPage(webview: vscode.Webview, script: vscode.Uri, page: { title: string; style: string; body: string; extraCsp?: string[] }): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    // vega-embed sets inline styles on the elements it creates.
    `style-src ${webview.cspSource} 'unsafe-inline'`,
    ...(page.extraCsp ?? []),
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>${page.title}</title>
<style>
${page.style}
</style>
</head>
<body>
${page.body}
<script nonce="${nonce}" src="${webview.asWebviewUri(script).toString()}"></script>
</body>
</html>`;
}
