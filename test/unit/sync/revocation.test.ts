/**
 * A revocation seals the revoked key's history: an approval signed afterwards and stamped a
 * second before the revocation is refused on every machine, and a newcomer can tell a store
 * missing one of an author's events from a complete one.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EVENT_FORMAT, type SignedEvent } from '../../../src-main/catalog/event-types';
import { formatHlc, parseHlc } from '../../../src-main/catalog/hlc';
import { signBody } from '../../../src-main/catalog/signing';
import { FolderStore } from '../../../src-main/sync/folder-store';
import { person, tempDir, type Person } from '../catalog/people';
import { closeWorld, submittedApp, type StoreWorld } from './store-world';

describe('revocation and chains', () => {
  const shared = tempDir('revoke');
  const where = { kind: 'folder' as const, path: shared };
  const store = new FolderStore(shared);
  let w: StoreWorld;
  let ada: Person;
  let rex: Person;
  let version = '';
  beforeAll(async () => {
    w = await submittedApp(where, 'Revoke');
    ({ ada, rex, version } = w);
    await rex.commands.createCategory({ name: 'Rex was here' });
    await rex.sync.sync();
    await ada.sync.sync();
  });
  afterAll(() => closeWorld(w, shared));

  test('an approval back-dated to one second before the revocation is refused on every machine', async () => {
    await ada.commands.grant({ member: 'Rex', role: 'reviewer' }, true);
    await ada.sync.sync();
    const revoke = (await ada.core.ledger()).allEvents().find((e) => e.body.type === 'member.revoke')!;
    expect(revoke.body.data).toMatchObject({ seal: { last: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    // Rex, revoked, signs an approval by hand, stamped a second before the revocation, chained to his latest event
    const wall = parseHlc(revoke.body.hlc)!.wall - 1000;
    const rexLast = (await rex.core.ledger()).lastEventBy(rex.keyId);
    const body = {
      v: EVENT_FORMAT,
      catalog: ada.core.catalogId()!,
      type: 'version.approve',
      author: rex.keyId,
      hlc: formatHlc({ wall, counter: 0 }),
      prev: { [`version:${version}`]: null },
      after: rexLast,
      data: { version },
    };
    const backdated = signBody(body, rex.core.identity.signingKey());
    await store.putEvents([backdated]);
    await ada.sync.sync();
    await rex.sync.sync();
    const carol = person('Carol');
    w.people.push(carol);
    await carol.sync.connect(where);
    for (const p of [ada, rex, carol]) {
      expect((await p.core.state()).versions.get(version)?.state).toBe('submitted');
      const refused = (await p.queries.conflicts()).find((r) => r.eventId === backdated.id);
      expect(refused?.outcome).toBe('refused');
      expect(refused?.reason).toContain('not in the history that revocation sealed');
    }
    // what Rex did before the revocation stands
    expect((await carol.queries.categories()).map((c) => c.name)).toContain('Rex was here');
  });

  test('a newcomer names the event missing from an author’s chain', async () => {
    await ada.commands.createCategory({ name: 'One' });
    await ada.commands.createCategory({ name: 'Two' });
    await ada.sync.sync();
    const events = (await ada.core.ledger()).allEvents();
    const one = events.find((e: SignedEvent) => (e.body.data as { name?: string }).name === 'One')!;
    rmSync(store.eventPath(one));
    const dan = person('Dan');
    w.people.push(dan);
    await dan.sync.connect(where);
    const gap = (await dan.queries.integrity()).findings.find((f) => f.kind === 'gap');
    expect(gap).toMatchObject({ eventId: one.id, authorName: 'Ada' });
    expect(gap?.message).toContain('is missing');
  });
});
