import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DomainError, fieldProblem, rule, type FieldProblem } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';

/** Largest accepted claim document. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

const invalid = (problem: FieldProblem) => new DomainError('CLAIM_DOCUMENT_INVALID', problem.message, [fieldProblem('body.contentBase64', problem)]);

/** The content type from the file's first bytes (never trusted from the name): JPEG, PNG or PDF. */
export function sniffContentType(bytes: Uint8Array): 'image/jpeg' | 'image/png' | 'application/pdf' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'image/png';
  if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) return 'application/pdf';
  return null;
}

/** Decodes and checks an upload: base64, size, type. */
export function checkUpload(contentBase64: string) {
  if (!/^[A-Za-z0-9+/=\s]+$/.test(contentBase64)) throw invalid(rule('file_not_base64', 'is not base64'));
  const bytes = Buffer.from(contentBase64, 'base64');
  if (bytes.length === 0) throw invalid(rule('file_empty', 'the file is empty'));
  if (bytes.length > MAX_DOCUMENT_BYTES) throw invalid(rule('file_too_large', `the file is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`, { maxMb: MAX_DOCUMENT_BYTES / 1024 / 1024 }));
  const contentType = sniffContentType(bytes);
  if (!contentType) throw invalid(rule('file_type', 'only JPEG, PNG or PDF files are accepted'));
  return { bytes, contentType, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/**
 * Claim documents on disk under the upload directory: `<claim id>/<document id>`, written before
 * the database row (an orphan file after a failed transaction is harmless; a row without its
 * file would not be).
 */
export class DocumentStore {
  constructor(private readonly dir: string) {}

  async write(claimId: string, bytes: Uint8Array): Promise<string> {
    const key = `${claimId}/${newId()}`;
    await mkdir(path.join(this.dir, claimId), { recursive: true });
    await writeFile(path.join(this.dir, key), bytes, { mode: 0o600 });
    return key;
  }

  async read(key: string): Promise<Buffer> {
    if (!/^[0-9a-f-]{36}\/[0-9a-f-]{36}$/.test(key)) throw new Error('bad storage key');
    return readFile(path.join(this.dir, key));
  }
}
