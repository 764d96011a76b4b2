package io.cxmyd.itinerary.source.http;

/**
 * A complete HTTP response as the pooled client read it: the status and the whole body (at most
 * {@link HttpSourceOptions#maxResponseBytes()}).
 */
record RawResponse(int status, byte[] body) {
}
