import { en } from './en';
import { ko } from './ko';
import type { Language } from './languages';
import type { Messages } from './messages';

export const MESSAGES: { readonly [L in Language]: Messages } = { en, ko };
