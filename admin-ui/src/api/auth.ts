import { http, authorizationHeader } from './client';
import type { KeyInfo, LoginAnswer, Profile } from './types';

export async function login(email: string, password: string): Promise<LoginAnswer> {
  return (await http.post<LoginAnswer>('/v1/auth/login', { email, password })).data;
}

export async function profile(token?: string): Promise<Profile> {
  const headers = token ? authorizationHeader(token) : {};
  return (await http.get<Profile>('/v1/auth/profile', { headers })).data;
}

// The calling key as GET /v1/key describes it (keys with `read`, master key).
export async function keyInfo(token?: string): Promise<KeyInfo> {
  const headers = token ? authorizationHeader(token) : {};
  return (await http.get<{ data: KeyInfo }>('/v1/key', { headers })).data.data;
}
