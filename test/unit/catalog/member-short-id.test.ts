/** Admin's "give a role by key" takes what a newcomer can send: the short id, the full key, or the invitation line. */
import { afterAll, describe, expect, it } from 'vitest';
import { BerthFailure } from '../../../shared/result';
import { findMemberKey } from '../../../src-main/catalog/lookup';
import type { CatalogState, MemberRecord } from '../../../src-main/catalog/state';
import { cleanup, person, tempDir } from './people';

function stateWith(...members: MemberRecord[]): CatalogState {
  return { members: new Map(members.map((m) => [m.key, m])) } as unknown as CatalogState;
}
const member = (key: string, displayName: string): MemberRecord => ({ key, displayName, joined: true, roles: [] });

describe('giving a role by short id', () => {
  const shared = tempDir('short-id');
  const ada = person('Ada');
  const rex = person('Rex');
  afterAll(() => {
    ada.close();
    rex.close();
    cleanup(shared, ada.dataDir, rex.dataDir);
  });

  it('grants by the 12-character short id and by a pasted invitation line, and the role reaches the newcomer', async () => {
    await ada.sync.init('Demo', { kind: 'folder', path: shared });
    await rex.sync.connect({ kind: 'folder', path: shared });
    await rex.sync.sync();
    await ada.sync.sync();
    const rexKey = (await rex.queries.session()).identity;
    await ada.commands.grant({ member: rexKey.shortId.toUpperCase(), role: 'reviewer' });
    await ada.commands.grant({ member: `Please give me a role in the Berth catalog “Demo”: I am Rex, key ${rexKey.keyId}`, role: 'admin' });
    await ada.sync.sync();
    await rex.sync.sync();
    expect((await rex.queries.session()).platformRoles.sort()).toEqual(['admin', 'reviewer']);
  });

  it('refuses an ambiguous or unknown short id with a sentence naming what matched', () => {
    const state = stateWith(member(`abcdef12${'0'.repeat(56)}`, 'Rex'), member(`abcdef12${'1'.repeat(56)}`, 'Rita'));
    expect(findMemberKey(state, 'abcdef121')).toBe(`abcdef12${'1'.repeat(56)}`);
    const ambiguous = (() => {
      try {
        return findMemberKey(state, 'abcdef12');
      } catch (e) {
        return e as BerthFailure;
      }
    })() as BerthFailure;
    expect(ambiguous.message).toBe('2 members have a key starting with abcdef12: Rex, Rita. Paste more characters of the key.');
    expect(ambiguous.say).toEqual({ key: 'member.keyAmbiguous', values: { count: 2, key: 'abcdef12', names: 'Rex, Rita' } });
    expect(() => findMemberKey(state, '0123456789ab')).toThrow(/No member of this catalog has a key starting with 0123456789ab/);
    expect(() => findMemberKey(state, 'abc')).toThrow(/at least 8 hexadecimal characters/);
  });
});
