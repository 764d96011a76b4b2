package io.cxmyd.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class LogFormatTest {

    private static Properties with(String value) {
        Properties p = new Properties();
        p.setProperty(LogFormat.PROPERTY, value);
        return p;
    }

    @Test
    void anySpellingOfJsonOrTextBecomesTheAppenderName() {
        for (String json : new String[] {"json", "JSON", " Json "}) {
            Properties p = with(json);
            LogFormat.normalize(p);
            assertThat(p.getProperty(LogFormat.PROPERTY)).isEqualTo("JSON");
        }
        Properties text = with("text");
        LogFormat.normalize(text);
        assertThat(text.getProperty(LogFormat.PROPERTY)).isEqualTo("TEXT");
    }

    @Test
    void absentStaysAbsentSoTheFileDefaultsToText() {
        Properties p = new Properties();
        LogFormat.normalize(p);
        assertThat(p.getProperty(LogFormat.PROPERTY)).isNull();
    }

    @Test
    void anUnknownFormatIsRefusedRatherThanLeavingNoLog() {
        assertThatThrownBy(() -> LogFormat.normalize(with("xml")))
                .isInstanceOf(Args.UsageException.class)
                .hasMessage("-Dcxmyd.log.format: text or json, was \"xml\"");
    }
}
