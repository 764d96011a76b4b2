package io.cxmyd.itinerary.client;

import io.cxmyd.itinerary.LookupEvents;
import io.cxmyd.itinerary.Tier;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what the client reported, as short words: {@code near:miss}, {@code done:source}, {@code redis:up}. */
public final class RecordingEvents implements LookupEvents {

    public final List<String> seen = new CopyOnWriteArrayList<>();

    @Override
    public void cacheRequest(Tier tier, boolean hit) {
        seen.add(tier.label() + (hit ? ":hit" : ":miss"));
    }

    @Override
    public void lookupCompleted(Tier tier, long nanos) {
        seen.add("done:" + tier.label());
    }

    @Override
    public void redisAvailability(boolean up) {
        seen.add(up ? "redis:up" : "redis:down");
    }

    @Override
    public void sourceError(io.cxmyd.itinerary.source.SourceException.Kind kind) {
        seen.add("error:" + kind.label());
    }

    public void clear() {
        seen.clear();
    }
}
