// Encryption of stored secrets (mailbox passwords): an interface, with a key-file AES-256-GCM box for the server host.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/connection';
import { makePrivateDir, writePrivateFile } from '../../files/private';

/** Electron plugs a box backed by safeStorage; the server host uses a key file next to the database. */
export interface SecretBox {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}

const PREFIX = 'v1:';

export function aesBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('AES-256 needs a 32-byte key');
  return {
    encrypt(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    decrypt(sealed) {
      if (!sealed.startsWith(PREFIX)) throw new Error('unknown secret format');
      const buf = Buffer.from(sealed.slice(PREFIX.length), 'base64');
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
      decipher.setAuthTag(buf.subarray(12, 28));
      return Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/**
 * A box whose key lives in a file readable only by the server's user (mode 0600), created on first
 * use. Copying the database alone does not reveal the passwords.
 */
export function keyFileBox(keyPath: string): SecretBox {
  let key: Buffer;
  try {
    // 'wx' fails when the file exists, so two processes starting at once never write two keys.
    const fresh = crypto.randomBytes(32);
    makePrivateDir(path.dirname(keyPath));
    writePrivateFile(keyPath, fresh.toString('base64') + '\n', 'wx');
    key = fresh;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    key = Buffer.from(fs.readFileSync(keyPath, 'utf8').trim(), 'base64');
  }
  return aesBox(key);
}

export function keyPathFor(dbFile: string): string {
  return `${path.resolve(dbFile)}.key`;
}

const boxes = new WeakMap<object, SecretBox>();

/** Lets a host (Electron with safeStorage) choose how this database's secrets are sealed. */
export function setSecretBox(db: Db, box: SecretBox): void {
  boxes.set(db.$client, box);
}

/** The box for this database: the one a host set, else the key file next to the database file. */
export function secretBoxFor(db: Db): SecretBox {
  let box = boxes.get(db.$client);
  if (!box) {
    const file = db.$client.name;
    box = file && file !== ':memory:' ? keyFileBox(keyPathFor(file)) : aesBox(crypto.randomBytes(32));
    boxes.set(db.$client, box);
  }
  return box;
}

/** What Electron's safeStorage offers, typed by shape so that this module never imports electron. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
  /** Linux only: the password store Chromium picked (`gnome_libsecret`, `kwallet5`, … or `basic_text`). */
  getSelectedStorageBackend?(): string;
}

const SAFE_PREFIX = 'ss1:';

/**
 * Whether safeStorage really protects a secret. On Linux without a keyring Chromium falls back to
 * `basic_text`, a key hard-coded in its source: sealing with it would protect nothing, so the key file is
 * used instead. `unknown` means no store could be chosen either.
 */
export function keychainUsable(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  if (platform !== 'linux' || typeof safeStorage.getSelectedStorageBackend !== 'function') return true;
  const backend = safeStorage.getSelectedStorageBackend();
  return backend !== 'basic_text' && backend !== 'unknown';
}

/**
 * The desktop's box (local mode): the OS keychain through safeStorage when it is usable, else the
 * fallback (a key file); secrets sealed either way stay readable.
 */
export function safeStorageBox(safeStorage: SafeStorageLike, fallback: SecretBox, platform: NodeJS.Platform = process.platform): SecretBox {
  return {
    encrypt: (plain) =>
      keychainUsable(safeStorage, platform) ? SAFE_PREFIX + safeStorage.encryptString(plain).toString('base64') : fallback.encrypt(plain),
    decrypt: (sealed) => (sealed.startsWith(SAFE_PREFIX) ? safeStorage.decryptString(Buffer.from(sealed.slice(SAFE_PREFIX.length), 'base64')) : fallback.decrypt(sealed)),
  };
}
