// Every public page of the demo portal, as a visitor reads it (visible text), holds no English
// sentence outside ids, code and file names (issue 14: Chinese for people).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startPortal, type RunningPortal } from '../src/server/start.ts';
import { englishSentences, visibleText } from './support/english-sentences.ts';

const PAGES = ['/', '/units/041002/2024', '/units/041002/2024?v=1', '/compare', '/departments/041?year=2024', '/check', '/guide', '/login', '/no-such-page', '/units/999999/2024'];

let portal: RunningPortal;
let dir: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gongkai-messages-'));
  portal = await startPortal({ port: 0, host: '127.0.0.1', dataDir: join(dir, 'data'), demoPasswords: {}, log: () => {} });
});
after(async () => {
  await portal?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('public pages speak Chinese: no English sentence in what a visitor reads', async () => {
  for (const path of PAGES) {
    const r = await fetch(`${portal.url}${path}`);
    const text = visibleText(await r.text());
    assert.ok(text.length > 0, `${path}: empty page`);
    assert.deepEqual(englishSentences(text), [], `${path} (${r.status})`);
  }
});
