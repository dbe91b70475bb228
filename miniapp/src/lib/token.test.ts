import { describe, expect, it } from 'vitest';
import { CreateTicketInputSchema } from '@mashang/shared/contracts/common';
import { newClientToken } from './token.ts';

describe('newClientToken', () => {
  it('fits the contract pattern', () => {
    const token = newClientToken();
    expect(CreateTicketInputSchema.shape.clientToken.safeParse(token).success).toBe(true);
  });

  it('differs between form fills', () => {
    const tokens = new Set(Array.from({ length: 200 }, () => newClientToken()));
    expect(tokens.size).toBe(200);
  });

  it('is built from time and randomness only (deterministic when both are fixed)', () => {
    expect(newClientToken(0, () => 0)).toBe('c0-aaaaaaaaaaaaaaaa');
  });
});
