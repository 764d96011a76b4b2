package io.cxmyd.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.itinerary.Place;
import io.cxmyd.itinerary.areas.AreaCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeclarationCheckTest {

    private static final Place BEIJING = new Place("110000", "北京市", false);
    private static final Place GUANGZHOU = new Place("440100", "广东省广州市", false);
    private static final Place XIANTAO = new Place("429004", "湖北省仙桃市", false);
    private static final Place JAPAN = new Place("JP", "日本", false);
    private static final List<Place> TRIP = List.of(BEIJING, GUANGZHOU, XIANTAO, JAPAN);

    private final DeclarationCheck check = new DeclarationCheck(AreaCatalog.standard());

    @Test
    void districtCodeDeclaresItsCity() {
        assertThat(check.undeclared(TRIP, List.of("440106", "110105", "429004", "JP"))).isEmpty();
    }

    @Test
    void missingPlacesComeInTheItinerarysOrder() {
        assertThat(check.undeclared(TRIP, List.of("440100"))).containsExactly(BEIJING, XIANTAO, JAPAN);
    }

    @Test
    void provinceCodeDeclaresEveryCityOfIt() {
        assertThat(check.undeclared(TRIP, List.of("440000", "420000", "110000", "jp"))).isEmpty();
    }

    @Test
    void anotherCityOfTheSameProvinceDoesNotDeclareIt() {
        assertThat(check.undeclared(List.of(GUANGZHOU), List.of("440300"))).containsExactly(GUANGZHOU);
    }

    @Test
    void wellFormedCodesAreSixDigitsOrTwoLetters() {
        assertThat(List.of("440106", "JP", "hk")).allMatch(DeclarationCheck::wellFormed);
        assertThat(List.of("4401", "JPN", "", "44010a", "日本")).noneMatch(DeclarationCheck::wellFormed);
    }
}
