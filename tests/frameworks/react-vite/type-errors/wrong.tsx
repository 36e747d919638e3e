// Misuses the typings must reject (tests/frameworks/frameworks.test.mjs expects each error, by line).
import { UpdateUserPlayground } from 'userapi/react';

export const wrongTheme = <UpdateUserPlayground theme="purple" />;
export const wrongDetail = <UpdateUserPlayground onResponse={(event) => event.detail.nope} />;
export const wrongAttribute = <update-user-playground token-storage="cookie" />;
export const wrongProp = <UpdateUserPlayground baseURL="https://api.example.com" />;
