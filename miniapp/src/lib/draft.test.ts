import { describe, expect, it } from 'vitest';
import { DRAFT_TTL_MS, hasContent, parseDraft, type Draft } from './draft.ts';

const now = 1_800_000_000_000;
const draft: Draft = {
  clientToken: 'cabc123-0123456789abcdef',
  savedAt: now - 60_000,
  form: { categoryCode: 'traffic', description: '公交站牌倒了', phone: '13812341234', contactName: '', anonymous: false, urgent: false },
};

describe('drafts', () => {
  it('restores a recent draft with its client token', () => {
    expect(parseDraft(JSON.stringify(draft), now)).toEqual(draft);
  });

  it('ignores old, broken or foreign values', () => {
    expect(parseDraft(JSON.stringify({ ...draft, savedAt: now - DRAFT_TTL_MS - 1 }), now)).toBeUndefined();
    expect(parseDraft('{not json', now)).toBeUndefined();
    expect(parseDraft(JSON.stringify({ ...draft, clientToken: 'x' }), now)).toBeUndefined();
    expect(parseDraft(JSON.stringify({ ...draft, form: { description: 1 } }), now)).toBeUndefined();
    expect(parseDraft(undefined, now)).toBeUndefined();
  });

  it('keeps only forms with something typed or chosen', () => {
    expect(hasContent(draft.form)).toBe(true);
    expect(hasContent({ ...draft.form, categoryCode: '', description: '  ', phone: '' })).toBe(false);
  });
});
