import axios, { AxiosError, type AxiosInstance } from 'axios';
import { ApiError, apiErrorFrom } from './ApiError';

// The token source and the reaction to a refused session are set by the
// session store (client.ts stays free of store imports, so it tests alone).
let tokenSource: () => string | null = () => null;
let onUnauthorized: (e: ApiError) => void = () => {};

export function configureClient(options: {
  token: () => string | null;
  unauthorized: (e: ApiError) => void;
}): void {
  tokenSource = options.token;
  onUnauthorized = options.unauthorized;
}

export function authorizationHeader(token: string | null = tokenSource()): Record<string, string> {
  return token ? { Authorization: `Bearer ${token}` } : {};
}

export const http: AxiosInstance = axios.create({ baseURL: '/', timeout: 30_000 });

http.interceptors.request.use((config) => {
  const token = tokenSource();
  if (token && !config.headers.has('Authorization')) config.headers.set('Authorization', `Bearer ${token}`);
  return config;
});

http.interceptors.response.use(
  (response) => response,
  (e: unknown) => {
    if (!(e instanceof AxiosError)) return Promise.reject(e);
    const status = e.response?.status ?? 0;
    const error =
      status === 0 && e.code === 'ECONNABORTED'
        ? new ApiError('The gateway took too long to answer.', 0, 'timeout')
        : apiErrorFrom(status, e.response?.data);
    // A sign-in request's own 401 is a wrong password, not an expired session.
    if (error.isAuthFailure && !e.config?.url?.includes('/auth/login')) onUnauthorized(error);
    return Promise.reject(error);
  },
);
