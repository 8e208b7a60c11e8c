import type { AreaMessages } from '../index';

const messages: AreaMessages = {
  en: {
    title: 'Sign in to GaiaRouter',
    withPassword: 'Email and password',
    withKey: 'API key',
    email: 'Email',
    password: 'Password',
    apiKey: 'API key',
    apiKeyHint: 'The master key, or a key with the read or admin permission.',
    submit: 'Sign in',
    expired: 'Your session has expired. Please sign in again.',
    signedOut: 'You have signed out.',
    required: 'Required',
  },
  'zh-CN': {
    title: '登录 GaiaRouter',
    withPassword: '邮箱和密码',
    withKey: 'API 密钥',
    email: '邮箱',
    password: '密码',
    apiKey: 'API 密钥',
    apiKeyHint: '主密钥，或具有 read 或 admin 权限的密钥。',
    submit: '登录',
    expired: '登录已过期，请重新登录。',
    signedOut: '您已退出登录。',
    required: '必填',
  },
};
export default messages;
