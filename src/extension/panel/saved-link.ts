/**
 * The saved request a panel edits, and the panel's title that shows it: the
 * request's name (or its method and URL), a dot while it differs from what
 * was saved, or what the panel shows instead of the request (a replay).
 */
import type * as vscode from 'vscode';
import type { PanelState } from '../../shared/protocol';
import type { SavedSource } from '../collections/environments';
import { normalize, panelTitle } from '../panel-support';

/** A panel's link to its saved request, and its title. */
export class SavedLink {
  private saved: SavedSource | undefined;
  /** The request as last saved, to show unsaved changes. */
  private savedJson: string | undefined;
  /** What the title says the panel shows, when it is not the request (a replay). */
  private label: string | undefined;

  /** `state` is the request as the editor holds it now. */
  constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly state: () => PanelState,
  ) {
    this.update();
  }

  /** The saved request the panel edits, if any. */
  get source(): SavedSource | undefined {
    return this.saved;
  }

  /** Ties the panel to a saved request whose current content is `state`. */
  associate(source: SavedSource | undefined, state: PanelState): void {
    this.saved = source;
    this.savedJson = source ? JSON.stringify(normalize(state)) : undefined;
    this.update();
  }

  /** Whether the request differs from its saved version. */
  get dirty(): boolean {
    return this.savedJson !== undefined && JSON.stringify(normalize(this.state())) !== this.savedJson;
  }

  /** Shows `label` in the title instead of the request (a replay), or, without one, the request again. */
  show(label?: string): void {
    this.label = label;
    this.update();
  }

  /** Writes the title again: the request (or its name) may have changed. */
  update(): void {
    const name = this.label ?? panelTitle(this.state().spec, this.saved?.path);
    // A dot marks unsaved changes, as editors do.
    this.panel.title = this.dirty ? `● ${name}` : name;
  }
}
