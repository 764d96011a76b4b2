package io.cxmyd.gateway.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplyTemplatesTest {

    @Test
    void defaultsHoldEveryTemplateAtItsDefaultText() {
        ReplyTemplates defaults = ReplyTemplates.defaults();
        for (ReplyTemplate t : ReplyTemplate.values()) {
            assertThat(defaults.text(t)).as(t.configName()).isEqualTo(t.defaultText());
        }
        assertThat(ReplyTemplates.of(Map.of())).isSameAs(defaults);
    }

    @Test
    void everyWholeReplyOpensWithTheSignature() {
        for (ReplyTemplate t : ReplyTemplate.values()) {
            if (t.wholeReply()) {
                assertThat(t.defaultText()).as(t.configName()).startsWith("{signature}");
            }
        }
    }

    @Test
    void overrideReplacesOnlyItsTemplate() {
        ReplyTemplates templates = ReplyTemplates.of(Map.of("tooFrequent", "{signature}请10分钟后再试。"));
        assertThat(templates.text(ReplyTemplate.TOO_FREQUENT)).isEqualTo("{signature}请10分钟后再试。");
        assertThat(templates.text(ReplyTemplate.USAGE)).isEqualTo(ReplyTemplate.USAGE.defaultText());
    }

    @Test
    void unknownTemplateNameIsRejectedNamingItAndTheKnownOnes() {
        assertThatThrownBy(() -> ReplyTemplates.of(Map.of("fonud", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("templates.fonud: unknown template; known: found, nothingQualified,");
    }

    @Test
    void unknownPlaceholderIsRejectedNamingTheTemplateAndWhatIsAllowed() {
        assertThatThrownBy(() -> ReplyTemplates.of(Map.of("found", "{signature}{city}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("templates.found: unknown placeholder {city}; allowed: {signature}, {number},");
    }

    @Test
    void placeholderOfAnotherTemplateIsRejected() {
        assertThatThrownBy(() -> ReplyTemplates.of(Map.of("usage", "{signature}{number}请发送CXMYD")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("templates.usage: placeholder {number} is not available here; allowed: {signature}, "
                        + "{serviceNumber}");
        assertThatThrownBy(() -> ReplyTemplates.of(Map.of("noteRisk", "*{places}")))
                .hasMessage("templates.noteRisk: placeholder {places} is not available here; allowed: none");
    }

    @Test
    void unbalancedBracesAreRejected() {
        assertThatThrownBy(() -> ReplyTemplates.of(Map.of("usage", "发送{serviceNumber")))
                .hasMessage("templates.usage: '{' at index 2 is never closed");
        assertThatThrownBy(() -> ReplyTemplates.of(Map.of("usage", "发送}")))
                .hasMessage("templates.usage: '}' at index 2 closes no placeholder");
    }

    @Test
    void blankWholeReplyAndNullTextAreRejected() {
        assertThatThrownBy(() -> ReplyTemplates.of(Map.of("found", "  ")))
                .hasMessage("templates.found: a reply may not be blank");
        Map<String, String> withNull = new HashMap<>();
        withNull.put("usage", null);
        assertThatThrownBy(() -> ReplyTemplates.of(withNull))
                .hasMessage("templates.usage: must have a text, was null");
    }

    @Test
    void emptyNoteIsAllowedAndRemovesTheNote() {
        ReplyTemplates templates = ReplyTemplates.of(Map.of("noteVirtual", ""));
        String text = new ReplyComposer(templates, 6).compose(
                new io.cxmyd.itinerary.LookupResult.Found(Itineraries.of(
                        java.util.List.of(Itineraries.BEIJING), java.util.List.of(),
                        java.util.Set.of(io.cxmyd.itinerary.Note.VIRTUAL_OPERATOR))),
                new ReplyContext("", "10086"));
        assertThat(text).endsWith("更新时间：11月21日08:00。");
    }
}
