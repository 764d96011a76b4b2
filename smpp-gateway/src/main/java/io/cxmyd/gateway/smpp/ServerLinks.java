package io.cxmyd.gateway.smpp;

import io.cxmyd.gateway.message.CarrierLinks;
import io.cxmyd.gateway.message.DeliveryResult;
import io.cxmyd.gateway.message.OutboundPart;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The carriers' binds into the gateway, as the rest of the gateway sees them: where replies go out
 * (deliver_sm) and which binds are up. Made before the {@link SmppServer} that fills it, so that what
 * sends replies can be built before the path that the server's binds feed.
 */
public final class ServerLinks implements CarrierLinks {

    private final List<Consumer<String>> receiving = new CopyOnWriteArrayList<>();
    private final BindRegistry registry;
    private final SessionCarrierLinks links;

    private ServerLinks(BindListener listener) {
        this.registry = new BindRegistry(new BindListener() {
            @Override
            public void bound(String carrierId, BindType type) {
                listener.bound(carrierId, type);
                if (type.receives()) {
                    receiving.forEach(c -> c.accept(carrierId));
                }
            }

            @Override
            public void unbound(String carrierId, BindType type) {
                listener.unbound(carrierId, type);
            }

            @Override
            public void bindRefused(String reason) {
                listener.bindRefused(reason);
            }

            @Override
            public void bindSlowed(java.time.Duration delay) {
                listener.bindSlowed(delay);
            }
        });
        this.links = new SessionCarrierLinks(registry);
    }

    /** @param listener told of every bind that comes up, goes down, or is refused; {@code null} for none */
    public static ServerLinks create(BindListener listener) {
        return new ServerLinks(listener == null ? BindListener.NONE : listener);
    }

    @Override
    public void onReceiving(Consumer<String> carrierUp) {
        receiving.add(carrierUp);
    }

    @Override
    public DeliveryResult deliver(OutboundPart part) {
        return links.deliver(part);
    }

    @Override
    public CompletionStage<DeliveryResult> deliverLater(OutboundPart part) {
        return links.deliverLater(part);
    }

    @Override
    public boolean pipelines(String carrierId) {
        return true;
    }

    @Override
    public boolean canDeliver(String carrierId) {
        return links.canDeliver(carrierId);
    }

    /** The binds up now, by carrier and then oldest first: a snapshot for the admin view. */
    public List<BindInfo> binds() {
        return registry.openBinds().stream()
                .map(ServerBind::info)
                .flatMap(Optional::stream)
                .sorted(Comparator.comparing(BindInfo::carrierId).thenComparing(BindInfo::since))
                .toList();
    }

    BindRegistry registry() {
        return registry;
    }

    SessionCarrierLinks sessions() {
        return links;
    }
}
