package io.cxmyd.itinerary.tools;

import io.cxmyd.itinerary.tools.SyntheticSubscriber.Kind;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Draws subscribers: carrier shares roughly as in the market, numbers on each carrier's real segments
 * (号段), a few virtual-operator numbers, new accounts and port-ins.
 */
final class Population {

    static final String MOBILE = "china-mobile";
    static final String UNICOM = "china-unicom";
    static final String TELECOM = "china-telecom";

    private static final int[] MOBILE_PREFIXES = {
        134, 135, 136, 137, 138, 139, 147, 150, 151, 152, 157, 158, 159, 178, 182, 183, 184, 187, 188, 198
    };
    private static final int[] UNICOM_PREFIXES = {130, 131, 132, 145, 155, 156, 166, 175, 176, 185, 186, 196};
    private static final int[] TELECOM_PREFIXES = {
        133, 149, 153, 173, 177, 180, 181, 189, 190, 191, 193, 199
    };
    /** Virtual operators ride on a host network: 165 on Mobile, 167 on Unicom, 162 on Telecom, 170/171 on all. */
    private static final int[] VIRTUAL_PREFIXES = {170, 171, 162, 165, 167};

    private final SplittableRandom random;
    private final LocalDate end;
    private final int days;
    private final Set<Long> taken = new HashSet<>();

    Population(long seed, LocalDate end, int days, Set<Long> reserved) {
        this.random = new SplittableRandom(seed);
        this.end = end;
        this.days = days;
        taken.addAll(reserved);
    }

    SyntheticSubscriber next() {
        int roll = random.nextInt(1000);
        String carrier = roll < 580 ? MOBILE : roll < 790 ? UNICOM : TELECOM;
        int prefix;
        boolean virtual = random.nextInt(100) < 2;
        boolean ported = !virtual && random.nextInt(100) < 4;
        if (virtual) {
            prefix = VIRTUAL_PREFIXES[random.nextInt(VIRTUAL_PREFIXES.length)];
            carrier = switch (prefix) {
                case 165 -> MOBILE;
                case 167 -> UNICOM;
                case 162 -> TELECOM;
                default -> carrier;
            };
        } else if (ported) {
            // A ported number keeps the segment of the carrier it left.
            String from = carrier.equals(MOBILE) ? UNICOM : carrier.equals(UNICOM) ? TELECOM : MOBILE;
            prefix = randomPrefix(from);
        } else {
            prefix = randomPrefix(carrier);
        }
        long number;
        do {
            number = prefix * 100_000_000L + random.nextLong(100_000_000L);
        } while (!taken.add(number));

        boolean newAccount = random.nextInt(100) < 2;
        LocalDate activated = newAccount
                ? end.minusDays(random.nextInt(Math.min(days, 7)))
                : end.minusDays(30 + random.nextInt(15 * 365));
        LocalDate portedOn = null;
        if (ported && !newAccount) {
            // Most ports are older; about one in five falls in the last three days (the "may lag" note).
            portedOn = end.minusDays(random.nextInt(5) == 0 ? random.nextInt(3) : 3 + random.nextInt(400));
            if (portedOn.isBefore(activated)) {
                portedOn = activated.plusDays(1);
            }
        }
        return new SyntheticSubscriber(number, carrier, activated, portedOn, kind(random.nextInt(100)));
    }

    private static Kind kind(int roll) {
        if (roll < 55) {
            return Kind.COMMUTER;
        } else if (roll < 70) {
            return Kind.BUSINESS_TRIP;
        } else if (roll < 80) {
            return Kind.TRAIN;
        } else if (roll < 86) {
            return Kind.BORDER;
        } else if (roll < 97) {
            return Kind.ABROAD;
        }
        return Kind.SILENT;
    }

    private int randomPrefix(String carrier) {
        int[] prefixes = switch (carrier) {
            case MOBILE -> MOBILE_PREFIXES;
            case UNICOM -> UNICOM_PREFIXES;
            default -> TELECOM_PREFIXES;
        };
        return prefixes[random.nextInt(prefixes.length)];
    }
}
