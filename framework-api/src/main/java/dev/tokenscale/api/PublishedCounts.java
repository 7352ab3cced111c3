package dev.tokenscale.api;

/**
 * Parameter counts as the model's authors publish them, for checking the architecture data.
 *
 * @param totalParameters  all parameters
 * @param activeParameters parameters used per token (equal to total for dense models)
 */
public record PublishedCounts(Figure totalParameters, Figure activeParameters) {
}
