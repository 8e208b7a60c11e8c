import { afterEach, describe, expect, test, vi } from 'vitest';
import { http } from '@/api/client';
import {
  addCredits,
  creditChangeBody,
  creditFormProblems,
  emptyCreditForm,
  listTransactions,
  transactionListParams,
} from '@/api/credits';
import { listOf } from './managementFixtures';

afterEach(() => vi.restoreAllMocks());

describe('ledger requests', () => {
  test('transactionListParams leaves out an empty type', () => {
    expect(transactionListParams({ type: '', page: 1, limit: 10 })).toEqual({ page: 1, limit: 10 });
    expect(transactionListParams({ type: 'topup', page: 2, limit: 10 })).toEqual({ type: 'topup', page: 2, limit: 10 });
  });

  test('listTransactions and addCredits use the organization paths', async () => {
    const get = vi.spyOn(http, 'get').mockResolvedValue({ data: listOf([]) });
    const post = vi.spyOn(http, 'post').mockResolvedValue({ data: { id: 1, balance_after: 25.5 } });
    await listTransactions('org_1', { type: 'usage', page: 1, limit: 10 });
    const answer = await addCredits('org_1', { amount: 25.5, type: 'topup', reason: 'Invoice 2026-118' });
    expect(get).toHaveBeenCalledWith('/v1/organizations/org_1/credits/transactions', { params: { type: 'usage', page: 1, limit: 10 } });
    expect(post).toHaveBeenCalledWith('/v1/organizations/org_1/credits', { amount: 25.5, type: 'topup', reason: 'Invoice 2026-118' });
    expect(answer.balance_after).toBe(25.5);
  });
});

describe('credit form', () => {
  test('amount and reason are required', () => {
    expect(creditFormProblems(emptyCreditForm())).toEqual({ amount: 'required', reason: 'required' });
  });

  test('top-ups and refunds are positive; an adjustment may be negative but not zero', () => {
    const base = { ...emptyCreditForm(), reason: 'Invoice' };
    expect(creditFormProblems({ ...base, amount: '-5' }).amount).toBe('negative');
    expect(creditFormProblems({ ...base, type: 'refund', amount: '-5' }).amount).toBe('negative');
    expect(creditFormProblems({ ...base, type: 'adjustment', amount: '-5' })).toEqual({});
    expect(creditFormProblems({ ...base, type: 'adjustment', amount: '0' }).amount).toBe('zero');
    expect(creditFormProblems({ ...base, amount: '0.00' }).amount).toBe('zero');
  });

  test('more than six decimals are refused, as the gateway does', () => {
    expect(creditFormProblems({ ...emptyCreditForm(), reason: 'x', amount: '0.1234567' }).amount).toBe('too_many_decimals');
  });

  test('the reason is at most 500 characters', () => {
    expect(creditFormProblems({ ...emptyCreditForm(), amount: '1', reason: 'r'.repeat(501) }).reason).toBe('too_long');
    expect(creditFormProblems({ ...emptyCreditForm(), amount: '1', reason: 'r'.repeat(500) }).reason).toBeUndefined();
  });

  test('the body carries the exact amount, the trimmed reason, and a request id for refunds only', () => {
    expect(creditChangeBody({ amount: '25.50', type: 'topup', reason: ' Invoice 2026-118 ', request_id: 'req_1' })).toEqual({
      amount: 25.5,
      type: 'topup',
      reason: 'Invoice 2026-118',
    });
    expect(creditChangeBody({ amount: '0.000013', type: 'refund', reason: 'failed', request_id: ' req_244 ' })).toEqual({
      amount: 0.000013,
      type: 'refund',
      reason: 'failed',
      request_id: 'req_244',
    });
    expect(creditChangeBody({ amount: '-2', type: 'adjustment', reason: 'fix', request_id: '' }).amount).toBe(-2);
  });

  test('building a body from an invalid amount throws instead of sending it', () => {
    expect(() => creditChangeBody({ amount: 'abc', type: 'topup', reason: 'x', request_id: '' })).toThrow(/invalid amount/);
  });
});
