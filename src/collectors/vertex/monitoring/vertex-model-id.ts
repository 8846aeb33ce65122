const DATED_VERSION = /^\d{8}$/;

/**
 * The model id ai-spend uses for a Vertex publisher model from the metric's `model_user_id` and
 * `model_version_id`: dated partner versions join with `@` as Vertex names them
 * (`claude-sonnet-4-5@20250929`, which prices and model families read); other versions
 * (`001`, `default`, none) leave the bare model id (`gemini-2.5-pro`).
 */
export function vertexModelId(modelUserId: string, modelVersionId: string): string {
  const version = modelVersionId.trim();
  if (modelUserId.includes('@')) return modelUserId;
  return DATED_VERSION.test(version) ? `${modelUserId}@${version}` : modelUserId;
}
