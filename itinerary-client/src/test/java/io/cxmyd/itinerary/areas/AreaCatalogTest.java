package io.cxmyd.itinerary.areas;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.itinerary.Area;
import org.junit.jupiter.api.Test;

class AreaCatalogTest {

    private final AreaCatalog catalog = AreaCatalog.standard();

    private String name(String code) {
        return catalog.resolve(code).map(Area::name).orElse(null);
    }

    @Test
    void districtAndCityCodesShowAsProvincePlusCity() {
        assertThat(name("440106")).isEqualTo("广东省广州市");
        assertThat(name("440100")).isEqualTo("广东省广州市");
        assertThat(catalog.resolve("440106")).isEqualTo(catalog.resolve("440100"));
    }

    @Test
    void municipalitiesShowAloneWhateverTheDistrict() {
        assertThat(name("110105")).isEqualTo("北京市");
        assertThat(name("110108")).isEqualTo("北京市");
        assertThat(name("110000")).isEqualTo("北京市");
        assertThat(name("120101")).isEqualTo("天津市");
        assertThat(name("310115")).isEqualTo("上海市");
        assertThat(name("500229")).isEqualTo("重庆市");
        assertThat(catalog.resolve("110105")).isEqualTo(catalog.resolve("110108"));
    }

    @Test
    void countyLevelCitiesUnderAProvinceKeepTheirProvince() {
        assertThat(name("429004")).isEqualTo("湖北省仙桃市");
        assertThat(name("419001")).isEqualTo("河南省济源市");
        assertThat(catalog.resolve("429004")).isNotEqualTo(catalog.resolve("429005"));
    }

    @Test
    void foreignCodesShowTheirChineseNamesAndRegionsOfChinaAsSuch() {
        assertThat(name("JP")).isEqualTo("日本");
        assertThat(name("HK")).isEqualTo("中国香港");
        assertThat(name("MO")).isEqualTo("中国澳门");
        assertThat(name("TW")).isEqualTo("中国台湾");
        assertThat(catalog.resolve("JP").orElseThrow().foreign()).isTrue();
        assertThat(catalog.resolve("440100").orElseThrow().foreign()).isFalse();
    }

    @Test
    void unknownProvinceLevelAndMalformedCodesDoNotResolve() {
        assertThat(catalog.resolve("440000")).isEmpty();
        assertThat(catalog.resolve("999999")).isEmpty();
        assertThat(catalog.resolve("CN")).isEmpty();
        assertThat(catalog.resolve("XX")).isEmpty();
        assertThat(catalog.resolve("44010")).isEmpty();
        assertThat(catalog.resolve("4401ab")).isEmpty();
    }

    @Test
    void idsAreDenseAndRoundTrip() {
        for (int i = 0; i < catalog.size(); i++) {
            assertThat(catalog.byId(i).id()).isEqualTo(i);
        }
    }
}
