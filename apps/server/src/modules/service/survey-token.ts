import { createHash, randomBytes } from 'node:crypto';

/** A new survey link token (192 random bits, URL-safe); only its hash is stored. */
export const newSurveyToken = () => randomBytes(24).toString('base64url');
export const surveyTokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
/** Tokens have this shape; anything else is not looked up at all. */
export const isSurveyTokenShape = (token: string) => /^[A-Za-z0-9_-]{32}$/.test(token);
