import type { MessageAdapters, MessageSettings } from '../messages/index.ts';

/** What due work needs besides the database: the channel adapters and the messaging settings (from config). */
export interface AutomationRuntime {
  adapters: MessageAdapters;
  settings: MessageSettings;
}
