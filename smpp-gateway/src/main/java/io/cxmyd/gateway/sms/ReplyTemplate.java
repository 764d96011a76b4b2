package io.cxmyd.gateway.sms;

import static io.cxmyd.gateway.sms.Placeholder.ATTEMPTS;
import static io.cxmyd.gateway.sms.Placeholder.COUNT;
import static io.cxmyd.gateway.sms.Placeholder.COUNTRIES;
import static io.cxmyd.gateway.sms.Placeholder.DAYS;
import static io.cxmyd.gateway.sms.Placeholder.FIRST_DAY;
import static io.cxmyd.gateway.sms.Placeholder.LAST_DAY;
import static io.cxmyd.gateway.sms.Placeholder.LIST;
import static io.cxmyd.gateway.sms.Placeholder.MINUTES;
import static io.cxmyd.gateway.sms.Placeholder.NOTES;
import static io.cxmyd.gateway.sms.Placeholder.NUMBER;
import static io.cxmyd.gateway.sms.Placeholder.PLACES;
import static io.cxmyd.gateway.sms.Placeholder.SERVICE_NUMBER;
import static io.cxmyd.gateway.sms.Placeholder.SIGNATURE;
import static io.cxmyd.gateway.sms.Placeholder.UPDATE_TIME;

import java.util.EnumSet;
import java.util.Set;

/**
 * The texts a reply is built from, by the name config uses ({@code templates.found: ...}), with their
 * default wording and the placeholders each accepts. Whole replies start with {@code {signature}}: the
 * carrier's 【name】 opens a Chinese SMS, as the carriers' own service messages do. Fragments (countries, the
 * "and N more" tails, notes) are spliced into whole replies.
 */
public enum ReplyTemplate {
    FOUND("found", true,
            "{signature}尊敬的{number}用户，您好！根据通信大数据分析，{firstDay}至{lastDay}您到达或途经：{places}"
                    + "（连续停留4小时以上的城市）{countries}。更新时间：{updateTime}。{notes}",
            SIGNATURE, NUMBER, FIRST_DAY, LAST_DAY, UPDATE_TIME, PLACES, COUNTRIES, NOTES, SERVICE_NUMBER),
    NOTHING_QUALIFIED("nothingQualified", true,
            "{signature}尊敬的{number}用户，您好！根据通信大数据分析，{firstDay}至{lastDay}您未在任何国内城市"
                    + "连续停留4小时以上{countries}。更新时间：{updateTime}。{notes}",
            SIGNATURE, NUMBER, FIRST_DAY, LAST_DAY, UPDATE_TIME, COUNTRIES, NOTES, SERVICE_NUMBER),
    // FAQ 7: the data comes from calls and mobile data; it usually shows up the next day.
    NO_DATA("noData", true,
            "{signature}尊敬的{number}用户，您好！暂未查询到您的行程信息。请多打几通电话，或关闭Wi-Fi使用一下"
                    + "数据流量，通常第二天即可查到。更新时间：{updateTime}。{notes}",
            SIGNATURE, NUMBER, UPDATE_TIME, NOTES, SERVICE_NUMBER),
    // FAQ 8: the published refusal, with the configured account age.
    NEW_ACCOUNT("newAccount", true,
            "{signature}尊敬的{number}用户，经核验，您所使用的手机号码开户时间未满{days}天，暂不提供行程查询服务。",
            SIGNATURE, NUMBER, DAYS, SERVICE_NUMBER),
    UNAVAILABLE("unavailable", true,
            "{signature}行程查询服务繁忙，请稍后再试。",
            SIGNATURE, NUMBER, SERVICE_NUMBER),
    USAGE("usage", true,
            "{signature}您好！查询通信大数据行程卡，请发送CXMYD到{serviceNumber}。",
            SIGNATURE, SERVICE_NUMBER),
    TOO_FREQUENT("tooFrequent", true,
            "{signature}您的查询过于频繁，请稍后再试。",
            SIGNATURE, SERVICE_NUMBER),
    // Consent (PIPL art. 29: sensitive personal information needs a separate consent). MIIT, Feb. 2020: the
    // itinerary goes out "按运营商相应短信提示", after the subscriber answers the carrier's prompt.
    CONSENT_CONFIRM("consentConfirm", true,
            "{signature}您正在查询本机号码{number}近期的行程信息，该信息属于个人敏感信息。确认查询请在{minutes}分钟内"
                    + "回复Y，回复其他内容将取消本次查询。",
            SIGNATURE, NUMBER, MINUTES, SERVICE_NUMBER),
    // China Unicom asked for CXMYD# followed by the last four characters of the registered ID card.
    CONSENT_ID_LAST4("consentIdLast4", true,
            "{signature}您正在查询本机号码{number}近期的行程信息，该信息属于个人敏感信息。请在{minutes}分钟内回复机主"
                    + "身份证号码后四位（末位为X请回复X）完成验证，回复其他内容将取消本次查询。",
            SIGNATURE, NUMBER, MINUTES, SERVICE_NUMBER),
    CONSENT_WRONG_CODE("consentWrongCode", true,
            "{signature}身份证号码后四位验证未通过，今日还可尝试{attempts}次。请在{minutes}分钟内重新回复机主身份证号码后四位。",
            SIGNATURE, ATTEMPTS, MINUTES, SERVICE_NUMBER),
    CONSENT_LOCKED("consentLocked", true,
            "{signature}身份证号码后四位验证多次未通过，为保护您的个人信息，本号码今日已暂停行程查询，请明日再试。",
            SIGNATURE, SERVICE_NUMBER),
    CONSENT_CANCELLED("consentCancelled", true,
            "{signature}本次行程查询已取消。如需查询，请发送CXMYD到{serviceNumber}。",
            SIGNATURE, SERVICE_NUMBER),
    // The registry has no ID on file for the number: it cannot be verified by SMS.
    CONSENT_UNVERIFIABLE("consentUnverifiable", true,
            "{signature}暂无法通过短信核验您的身份信息，请联系客服或持本人有效身份证件到营业厅查询。",
            SIGNATURE, SERVICE_NUMBER),

    /** Spliced in as {@code {countries}} when at least one country or region was visited. */
    COUNTRIES_CLAUSE("countries", false, "；境外：{list}", LIST),
    /** Follows the last city shown when the part limit cut the list. */
    PLACES_MORE("placesMore", false, "等另外{count}个城市", COUNT),
    /** Follows the last country shown when the part limit cut that list too. */
    COUNTRIES_MORE("countriesMore", false, "等另外{count}个国家（地区）", COUNT),
    // FAQ 7: port-in users' itineraries lag by 1-2 days.
    NOTE_PORTED("notePorted", false, "您是“携号转网”用户，行程信息的计算会有1-2天的延迟。"),
    // FAQ 14, verbatim.
    NOTE_VIRTUAL("noteVirtual", false, "虚拟运营商手机号查询不完全支持，不保证查询结果的准确性。"),
    // itinerary-rules.md §6: the published note, verbatim; the reply ends with it.
    NOTE_RISK("noteRisk", false, "*表示当前该城市存在中风险或高风险地区，并不表示用户实际到访过这些中高风险地区");

    private final String configName;
    private final boolean wholeReply;
    private final String defaultText;
    private final EnumSet<Placeholder> placeholders;

    ReplyTemplate(String configName, boolean wholeReply, String defaultText, Placeholder... placeholders) {
        this.configName = configName;
        this.wholeReply = wholeReply;
        this.defaultText = defaultText;
        this.placeholders = placeholders.length == 0
                ? EnumSet.noneOf(Placeholder.class)
                : EnumSet.of(placeholders[0], placeholders);
    }

    /** The key under {@code templates:} in config. */
    public String configName() {
        return configName;
    }

    /** A whole reply (may not be blank), rather than a fragment spliced into one (may be empty). */
    public boolean wholeReply() {
        return wholeReply;
    }

    public String defaultText() {
        return defaultText;
    }

    /** The placeholders this template may hold. */
    public Set<Placeholder> placeholders() {
        return EnumSet.copyOf(placeholders);
    }

    boolean accepts(Placeholder placeholder) {
        return placeholders.contains(placeholder);
    }

    static ReplyTemplate byConfigName(String name) {
        for (ReplyTemplate t : values()) {
            if (t.configName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
