package io.cxmyd.gateway.sms;

import java.util.Objects;

/**
 * What a reply needs from the link it goes out on.
 *
 * @param signature the carrier's signature, e.g. 【中国移动】 (may be empty)
 * @param serviceNumber the service number the subscriber wrote to (10086)
 */
public record ReplyContext(String signature, String serviceNumber) {

    public ReplyContext {
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(serviceNumber, "serviceNumber");
    }
}
