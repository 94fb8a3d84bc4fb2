/** Webview rendering benchmark; filled in with the webview itself. */
export async function runWebviewBench(): Promise<void> {
  console.log('\nWebview: not built yet.');
}
