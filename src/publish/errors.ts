/**
 * Why a build or a record cannot go on for a reason outside the content (the record of published versions, the
 * commits it names, the output folder): its message is written for the user, shown without a stack trace.
 */
export class PublishError extends Error {
  override name = "PublishError";
}
