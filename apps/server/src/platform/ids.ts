import { v7 } from 'uuid';

/** A new time-ordered UUID v7 for a record's primary key. */
export const newId = (): string => v7();
