package io.cxmyd.batch.spark;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The two row shapes of the job. Input rows carry a subscriber, an event or a refused row in a few
 * fixed-width columns (every input row is shuffled once: no column it does not need). Output rows carry
 * the store key (a keyed hash), never the number in clear.
 */
final class Rows {

    static final byte PROFILE = 0;
    static final byte EVENT = 1;
    static final byte REFUSED = 2;
    /** Separates the parts packed into {@code extra}: carrier and ID hash, or file and reason. */
    static final String SEP = "\u0000";

    /**
     * number: the 11 digits as a long; kind: {@link #PROFILE}, {@link #EVENT} or {@link #REFUSED}; time:
     * an event's epoch second, or a profile's activation and port-in epoch days packed in one long;
     * area: an event's display area id; offset: the row's byte offset in its file (its order in the file);
     * extra: a profile's carrier and ID hash, a refusal's file and reason.
     */
    static final StructType INPUT = new StructType()
            .add("number", DataTypes.LongType, false)
            .add("kind", DataTypes.ByteType, false)
            .add("time", DataTypes.LongType, false)
            .add("area", DataTypes.IntegerType, false)
            .add("offset", DataTypes.LongType, false)
            .add("extra", DataTypes.StringType, true);

    /** key/masked/value/outcome/events for a subscriber; file/offset/other/reason for a refusal. */
    static final StructType OUTPUT = new StructType()
            .add("key", DataTypes.StringType, true)
            .add("masked", DataTypes.StringType, true)
            .add("value", DataTypes.StringType, true)
            .add("outcome", DataTypes.StringType, true)
            .add("events", DataTypes.LongType, false)
            .add("file", DataTypes.StringType, true)
            .add("offset", DataTypes.LongType, false)
            .add("other", DataTypes.LongType, false)
            .add("reason", DataTypes.StringType, true);

    static long packDays(int activatedOn, int portedOn) {
        return ((long) activatedOn << 32) | (portedOn & 0xFFFF_FFFFL);
    }

    static int activatedOn(long packed) {
        return (int) (packed >> 32);
    }

    static int portedOn(long packed) {
        return (int) packed;
    }

    private Rows() {
    }
}
