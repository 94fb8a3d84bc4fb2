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

/** The Testing view's controller of stream tests. */
export const TEST_CONTROLLER = 'streamViewer.tests';

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
  /** A request panel is streaming: its Stop keybinding applies. */
  streaming: 'streamViewer.streaming',
} as const;

/** `contextValue`s of tree items and test messages, as package.json's `viewItem` and `testMessage` clauses match them. */
export const ContextValues = {
  collection: 'streamViewer.collection',
  brokenCollection: 'streamViewer.collection.broken',
  folder: 'streamViewer.folder',
  request: 'streamViewer.request',
  testStream: 'streamViewer.testStream',
} as const;

/** Keys of what the extension keeps in VS Code's storage. */
export const StorageKeys = {
  /** The environment chosen for each collection (workspace state). */
  selectedEnvironments: 'streamViewer.selectedEnvironments',
  /** The names of the secrets set (SecretStorage cannot list its keys). */
  secretNames: 'streamViewer.secretNames',
} as const;
