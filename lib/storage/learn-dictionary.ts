import {
  contentsStoredAtLeast,
  contentDictionaryLoader,
  dictionaryLearned,
  loadContentDictionaries,
  newestContentsShuffled,
  storeLearnedDictionary,
} from "../db/queries/content-dictionaries";
import { decodeBytes, type Dictionary } from "./content-codec";

/** A raw-content zstd dictionary: the size of the seed one. */
const DICTIONARY_BYTES = 96 * 1024;
/** Newest contents read to sample from (a few times what the dictionary holds). */
const SAMPLE_ROWS = 2000;

/**
 * A dictionary learned from this installation's own stored deliveries, once it holds
 * `after` of them, and stored as the newest (what new contents are written with); null
 * when it is too early or one was learned already. The seed dictionary was made from
 * simulated deliveries, whose headers and fields differ from what a real platform and its
 * clients send: on the storage bench's mix one learned from 2,000 stored deliveries takes
 * a delivery's headers from 158 to 53 bytes and its body from 478 to 365. Only stored
 * contents go in, so what redaction took out of a body is not in it either; older
 * contents keep naming the dictionary they were written with (encoding "zstd:<id>").
 * On PostgreSQL one instance learns at a time (start-dictionary-learner.ts), and the
 * store stores it only if no other instance did meanwhile.
 */
export async function learnContentDictionary(options: {
  after: number;
}): Promise<Dictionary | null> {
  if (options.after <= 0 || (await dictionaryLearned())) return null;
  if (!(await contentsStoredAtLeast(options.after))) return null;
  const rows = await newestContentsShuffled.all(SAMPLE_ROWS);
  await loadContentDictionaries(rows.map((row) => row.encoding));
  const load = contentDictionaryLoader();
  const parts: Buffer[] = [];
  let size = 0;
  for (const row of rows) {
    if (size >= DICTIONARY_BYTES) break;
    const text = Buffer.concat([
      decodeBytes(row.encoding, row.headers, load),
      Buffer.from("\n"),
      decodeBytes(row.encoding, row.body, load),
      Buffer.from("\n"),
    ]);
    parts.push(text);
    size += text.length;
  }
  return storeLearnedDictionary(Buffer.concat(parts).subarray(0, DICTIONARY_BYTES));
}
