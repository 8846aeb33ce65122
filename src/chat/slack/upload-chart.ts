import type { webApi } from '@slack/bolt';

/** A chart image to share in one Slack conversation. */
export interface ChartUpload {
  /** The conversation id (`C…` channel or `D…` direct message). */
  channel: string;
  png: Buffer;
  /** `digest-search-2026-11-23.png` */
  filename: string;
  title: string;
  /** Text shown with the image, and read aloud by screen readers. */
  altText: string;
}

/**
 * Uploads a PNG into a conversation with files.uploadV2 (files.getUploadURLExternal, a POST of
 * the bytes to the returned upload_url, files.completeUploadExternal) and returns Slack's file id.
 * Errors are the client's (`WebAPIPlatformError`, `WebAPIRateLimitedError`, `WebAPIHTTPError`).
 */
export async function uploadChart(
  client: webApi.WebClient,
  { channel, png, filename, title, altText }: ChartUpload,
): Promise<{ fileId: string }> {
  const result = await client.filesUploadV2({
    channel_id: channel,
    file: png,
    filename,
    title,
    alt_text: altText,
  });
  return { fileId: result.files[0]?.files?.[0]?.id ?? '' };
}
