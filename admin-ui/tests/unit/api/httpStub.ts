import { AxiosError, AxiosHeaders, type AxiosAdapter, type InternalAxiosRequestConfig } from 'axios';
import { http } from '@/api/client';

// Answers the console's axios instance from a function instead of the
// network, and records the requests it received.
export interface StubAnswer {
  status?: number;
  data: unknown;
  headers?: Record<string, string>;
}

export function stubHttp(answer: (config: InternalAxiosRequestConfig) => StubAnswer): {
  requests: InternalAxiosRequestConfig[];
  restore: () => void;
} {
  const previous = http.defaults.adapter;
  const requests: InternalAxiosRequestConfig[] = [];
  const adapter: AxiosAdapter = async (config) => {
    requests.push(config);
    const { status = 200, data, headers = {} } = answer(config);
    const response = { data, status, statusText: String(status), headers: new AxiosHeaders(headers), config };
    if (status >= 400) throw new AxiosError(`HTTP ${status}`, AxiosError.ERR_BAD_REQUEST, config, null, response);
    return response;
  };
  http.defaults.adapter = adapter;
  return { requests, restore: () => (http.defaults.adapter = previous) };
}
