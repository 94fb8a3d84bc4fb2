/**
 * Every command ID, view ID, setting key and storage key, in one place so
 * that package.json, the host and the tests cannot drift apart.
 */

/** Command IDs, as contributed in package.json. */
export const Commands = {
  newRequest: 'streamViewer.newRequest',
  send: 'streamViewer.send',
  stop: 'streamViewer.stop',
  clearTimeline: 'streamViewer.clearTimeline',
  importCurl: 'streamViewer.importCurl',
  copyAsCurl: 'streamViewer.copyAsCurl',
  exportTimeline: 'streamViewer.exportTimeline',
  openDemoServer: 'streamViewer.openDemoServer',
  runUrl: 'streamViewer.runUrl',
  saveRecording: 'streamViewer.saveRecording',
  openRecording: 'streamViewer.openRecording',
  exportRecording: 'streamViewer.exportRecording',
  diffRecordings: 'streamViewer.diffRecordings',
  openSavedRequest: 'streamViewer.openSavedRequest',
  sendSavedRequest: 'streamViewer.sendSavedRequest',
  saveRequest: 'streamViewer.saveRequest',
  saveRequestAs: 'streamViewer.saveRequestAs',
  renameItem: 'streamViewer.renameItem',
  duplicateRequest: 'streamViewer.duplicateRequest',
  deleteItem: 'streamViewer.deleteItem',
  newCollection: 'streamViewer.newCollection',
  newFolder: 'streamViewer.newFolder',
  moveRequest: 'streamViewer.moveRequest',
  runSavedRequest: 'streamViewer.runSavedRequest',
  selectEnvironment: 'streamViewer.selectEnvironment',
  setSecret: 'streamViewer.setSecret',
  refreshCollections: 'streamViewer.refreshCollections',
  importRequests: 'streamViewer.importRequests',
  streamHttpRequest: 'streamViewer.streamHttpRequest',
  openTestStream: 'streamViewer.openTestStream',
  connectMcp: 'streamViewer.connectMcp',
  /** Internal: an MCP panel saves its call into a collection (not in the palette). */
  saveMcpCall: 'streamViewer.saveMcpCall',
} as const;

/** The Streams view. */
export const STREAMS_VIEW = 'streamViewer.streams';

/** Webview panel type, used by the serializer that restores panels after a reload. */
export const PANEL_VIEW_TYPE = 'streamViewer.request';

/** Webview panel type of the MCP panel. */
export const MCP_PANEL_VIEW_TYPE = 'streamViewer.mcp';

/** Settings under `streamViewer.*`. */
export const Settings = {
  section: 'streamViewer',
  maxItems: 'timeline.maxItems',
  maxBytes: 'timeline.maxMegabytes',
  batchIntervalMs: 'timeline.batchIntervalMs',
  defaultTimeoutMs: 'request.timeoutMs',
  maxRecordBytes: 'request.maxRecordBytes',
  demoPort: 'demo.port',
} as const;

/** Context keys for `when` clauses. */
export const ContextKeys = {
  panelFocused: 'streamViewer.panelFocused',
  streaming: 'streamViewer.streaming',
} as const;
