package io.cxmyd.itinerary.source.http;

import io.cxmyd.itinerary.areas.AreaCatalog;
import io.cxmyd.itinerary.source.SourceException;
import java.util.Optional;

/**
 * What each platform answer becomes (docs/itinerary-api.md, "Status codes"). Pure, so the table is tested
 * without a socket.
 */
final class PlatformAnswers {

    private PlatformAnswers() {
    }

    /**
     * 200: the decoded data; 404 saying {@code unknown_subscriber}: empty; anything else fails.
     *
     * @param what the request line for messages, e.g. {@code POST http://10.1.2.3:8080/v1/itinerary-data}
     * @throws SourceException {@code status_5xx}, {@code status_4xx} or {@code bad_response}
     */
    static Optional<PlatformJson.Decoded> interpret(RawResponse response, AreaCatalog catalog, String what) {
        int status = response.status();
        if (status == 200) {
            return Optional.of(PlatformJson.decode(response.body(), catalog));
        }
        if (status == 404) {
            if (PlatformJson.isUnknownSubscriber(response.body())) {
                return Optional.empty();
            }
            throw new SourceException(SourceException.Kind.STATUS_4XX, what + ": status 404 without {\"error\":\"unknown_subscriber\"}"
                    + " (is baseUrl right?)");
        }
        throw failure(status, what);
    }

    /** The failure for a status other than 200 and 404. */
    static SourceException failure(int status, String what) {
        if (status >= 500 && status <= 599) {
            return new SourceException(SourceException.Kind.STATUS_5XX, what + ": status " + status);
        }
        if (status >= 400 && status <= 499) {
            return new SourceException(SourceException.Kind.STATUS_4XX, what + ": status " + status);
        }
        // 1xx, other 2xx and 3xx: redirects are not followed, and any other success is not the contract.
        return new SourceException(SourceException.Kind.BAD_RESPONSE, what + ": unexpected status " + status);
    }
}
