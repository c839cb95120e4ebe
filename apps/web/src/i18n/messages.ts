import type { zhCN } from './zh-CN.ts';

/** The same nested keys as `T`, every leaf a string: what each language must provide. */
type MessageShape<T> = { [K in keyof T]: T[K] extends string ? string : MessageShape<T[K]> };

/** The message catalogue every language implements; zh-CN defines the keys. */
export type Messages = MessageShape<typeof zhCN>;
