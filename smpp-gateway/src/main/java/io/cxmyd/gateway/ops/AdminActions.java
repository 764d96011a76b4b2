package io.cxmyd.gateway.ops;

import io.cxmyd.gateway.smpp.BindInfo;
import java.util.List;

/**
 * What the on-call engineer may see and do through {@code /admin/...} on the metrics port (only when
 * {@code admin.enabled} is true). The gateway provides it; calls arrive on the admin HTTP thread and must
 * not block.
 */
public interface AdminActions {

    /** The SMPP binds up now. */
    List<BindInfo> binds();

    /**
     * Answers new queries of this carrier with {@code ESME_RX_T_APPN} (the SMSC keeps them and retries) until
     * {@link #resume}. Replies already queued are still delivered.
     *
     * @return false when no carrier has this id
     */
    boolean suspend(String carrierId);

    /** Takes the carrier's queries again; false when no carrier has this id. */
    boolean resume(String carrierId);
}
