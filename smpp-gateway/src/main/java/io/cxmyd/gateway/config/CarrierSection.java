package io.cxmyd.gateway.config;

import io.cxmyd.gateway.config.GatewayConfig.Carrier;
import io.cxmyd.gateway.consent.Verification;
import io.cxmyd.gateway.smpp.AddressRange;
import io.cxmyd.gateway.smpp.CarrierAccount;
import io.cxmyd.gateway.sms.Concatenation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The {@code carriers} list: ids, service numbers, credentials, reply settings, bind limits. */
final class CarrierSection {

    private CarrierSection() {
    }

    private static final Pattern CARRIER_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    private static final Pattern SERVICE_NUMBER = Pattern.compile("\\d{3,20}");

    private static final Map<String, String> DEFAULT_SIGNATURES = Map.of(
            "china-mobile", "【中国移动】", "china-unicom", "【中国联通】", "china-telecom", "【中国电信】");

    static List<Carrier> carriers(ConfigNode root, Path baseDir) {
        List<ConfigNode> nodes = root.sections("carriers");
        if (nodes.isEmpty()) {
            throw new ConfigException("carriers", "at least one carrier is required");
        }
        List<Carrier> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> systemIds = new HashSet<>();
        Map<String, String> numbers = new HashMap<>();
        for (ConfigNode n : nodes) {
            String id = n.requiredString("id");
            if (!CARRIER_ID.matcher(id).matches()) {
                throw new ConfigException(n.key("id"), "lower-case letters, digits and '-' only (at most 32), was \"" + id + "\"");
            }
            if (!ids.add(id)) {
                throw new ConfigException(n.key("id"), "duplicate carrier id \"" + id + "\"");
            }
            List<String> serviceNumbers = n.strings("serviceNumbers");
            if (serviceNumbers.isEmpty()) {
                throw new ConfigException(n.key("serviceNumbers"), "at least one service number is required");
            }
            for (int i = 0; i < serviceNumbers.size(); i++) {
                String sn = serviceNumbers.get(i);
                String k = n.key("serviceNumbers") + "[" + i + "]";
                if (!SERVICE_NUMBER.matcher(sn).matches()) {
                    throw new ConfigException(k, "3 to 20 digits, was \"" + sn + "\"");
                }
                String owner = numbers.putIfAbsent(sn, id);
                if (owner != null) {
                    throw new ConfigException(k, "service number " + sn + " already belongs to carrier " + owner);
                }
            }
            // SMPP 3.4 §5.2.1: system_id is a C-Octet String of at most 16 octets, password at most 9, NUL included.
            String systemId = n.requiredString("systemId");
            if (systemId.length() > 15) {
                throw new ConfigException(n.key("systemId"), "at most 15 characters, was " + systemId.length());
            }
            if (!systemIds.add(systemId)) {
                throw new ConfigException(n.key("systemId"), "duplicate systemId \"" + systemId + "\"");
            }
            String password = n.string("password", null);
            if (password.length() > 8) {
                throw new ConfigException(n.key("password"), "at most 8 characters, was " + password.length());
            }
            String signature = n.string("signature", DEFAULT_SIGNATURES.getOrDefault(id, ""));
            Concatenation concatenation = ConfigLoader.enumValue(n, "concatenation", Concatenation.UDH, Concatenation.class);
            int maxParts = n.integer("maxParts", 6, 1, 255);
            int window = n.integer("window", 32, 1, 1024);
            String verificationText = n.string("verification", Verification.NONE.configName());
            Verification verification = Verification.byConfigName(verificationText);
            if (verification == null) {
                throw new ConfigException(n.key("verification"),
                        "must be one of none, confirm, id-last4, was \"" + verificationText + "\"");
            }
            List<String> allowFrom = n.has("allowFrom") ? n.strings("allowFrom") : List.of();
            n.rawOptional("allowFrom");
            for (int i = 0; i < allowFrom.size(); i++) {
                try {
                    AddressRange.parse(allowFrom.get(i));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(n.key("allowFrom") + "[" + i + "]", e.getMessage());
                }
            }
            int maxBinds = n.integer("maxBinds", CarrierAccount.DEFAULT_MAX_BINDS, 1, 1000);
            var smsc = SmscSection.smsc(n.optionalSection("smsc"), baseDir);
            n.finish();
            out.add(new Carrier(id, serviceNumbers, systemId, password, signature, concatenation, maxParts, window,
                    verification, allowFrom, maxBinds, smsc));
        }
        return out;
    }
}
