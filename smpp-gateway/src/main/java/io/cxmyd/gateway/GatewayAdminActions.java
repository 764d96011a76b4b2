package io.cxmyd.gateway;

import io.cxmyd.gateway.config.GatewayConfig;
import io.cxmyd.gateway.ops.AdminActions;
import io.cxmyd.gateway.query.GatewayState;
import io.cxmyd.gateway.smpp.BindInfo;
import io.cxmyd.gateway.smpp.SmppServer;
import java.util.List;
import java.util.function.Supplier;

/** The admin view's actions on a running gateway: its binds, and suspending a configured carrier. */
final class GatewayAdminActions implements AdminActions {

    private final GatewayConfig config;
    private final GatewayState state;
    private final Supplier<SmppServer> smpp;

    /** @param smpp the SMPP server once it exists (the admin port opens before it), else null */
    GatewayAdminActions(GatewayConfig config, GatewayState state, Supplier<SmppServer> smpp) {
        this.config = config;
        this.state = state;
        this.smpp = smpp;
    }

    @Override
    public List<BindInfo> binds() {
        SmppServer server = smpp.get();
        return server == null ? List.of() : server.binds();
    }

    @Override
    public boolean suspend(String carrierId) {
        if (config.carrier(carrierId).isEmpty()) {
            return false;
        }
        state.suspend(carrierId);
        return true;
    }

    @Override
    public boolean resume(String carrierId) {
        if (config.carrier(carrierId).isEmpty()) {
            return false;
        }
        state.resume(carrierId);
        return true;
    }
}
