/** The npm name of this package. */
export const packageName = '@onecycle/learner';
