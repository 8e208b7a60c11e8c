import { http } from './client';
import { compactQuery, pageParams } from './query';
import { parseUsd, type AmountProblem } from './money';
import { charCount } from './organizations';
import type { ListPage } from './types';

export type CreditChangeType = 'topup' | 'adjustment' | 'refund';
export type TransactionType = 'usage' | CreditChangeType;

export const CREDIT_CHANGE_TYPES: readonly CreditChangeType[] = ['topup', 'adjustment', 'refund'];
export const TRANSACTION_TYPES: readonly TransactionType[] = ['usage', 'topup', 'adjustment', 'refund'];

export interface BalanceTransaction {
  id: number;
  object: 'balance_transaction';
  organization_id: string;
  type: TransactionType;
  amount: number;
  amount_micros: number;
  balance_after: number;
  balance_after_micros: number;
  reason: string | null;
  request_id: string | null;
  created_by: string | null;
  created_at: string;
}

export interface TransactionFilters {
  type: TransactionType | '';
  page: number;
  limit: number;
}

export function transactionListParams(filters: TransactionFilters) {
  return compactQuery({ type: filters.type, ...pageParams(filters.page, filters.limit) });
}

export async function listTransactions(organizationId: string, filters: TransactionFilters): Promise<ListPage<BalanceTransaction>> {
  const url = `/v1/organizations/${encodeURIComponent(organizationId)}/credits/transactions`;
  return (await http.get<ListPage<BalanceTransaction>>(url, { params: transactionListParams(filters) })).data;
}

export interface CreditChangeBody {
  amount: number;
  type: CreditChangeType;
  reason: string;
  request_id?: string;
}

export async function addCredits(organizationId: string, body: CreditChangeBody): Promise<BalanceTransaction> {
  const url = `/v1/organizations/${encodeURIComponent(organizationId)}/credits`;
  return (await http.post<BalanceTransaction>(url, body)).data;
}

export interface CreditForm {
  amount: string;
  type: CreditChangeType;
  reason: string;
  request_id: string;
}

export function emptyCreditForm(): CreditForm {
  return { amount: '', type: 'topup', reason: '', request_id: '' };
}

export const REASON_MAX = 500;

export interface CreditFormProblems {
  amount?: AmountProblem;
  reason?: 'required' | 'too_long';
}

// Top-ups and refunds add money (positive); an adjustment goes either way
// but is never zero.
export function creditFormProblems(form: CreditForm): CreditFormProblems {
  const problems: CreditFormProblems = {};
  const amount = parseUsd(form.amount, { allowNegative: form.type === 'adjustment', allowZero: false });
  if (!amount.ok) problems.amount = amount.problem;
  const reason = form.reason.trim();
  if (reason === '') problems.reason = 'required';
  else if (charCount(reason) > REASON_MAX) problems.reason = 'too_long';
  return problems;
}

export function creditChangeBody(form: CreditForm): CreditChangeBody {
  const amount = parseUsd(form.amount, { allowNegative: form.type === 'adjustment', allowZero: false });
  if (!amount.ok) throw new Error(`invalid amount: ${amount.problem}`);
  const body: CreditChangeBody = { amount: amount.value, type: form.type, reason: form.reason.trim() };
  if (form.type === 'refund' && form.request_id.trim() !== '') body.request_id = form.request_id.trim();
  return body;
}
