/** The settings key of the last delivery whose kept diffs are in resource_changes. */
export const CHANGES_WATERMARK = "resource_changes.indexed_through";
