package dev.heapdiff.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Python's {@code textwrap.wrap} behaviour, on cases worked out by hand. */
class TextWrapTest {
  @Test
  void shortTextIsOneLineWithItsLeadingSpacesKept() {
    assertThat(TextWrap.wrap("   a  b ", 10, "..")).containsExactly("   a  b");
  }

  @Test
  void continuedLinesDropLeadingSpacesAndTakeTheIndent() {
    assertThat(TextWrap.wrap("aaa bbb ccc", 7, "  ")).containsExactly("aaa bbb", "  ccc");
  }

  @Test
  void aWordLongerThanALineIsBrokenAtTheWidth() {
    assertThat(TextWrap.wrap("x abcdefghij", 6, "")).containsExactly("x abcd", "efghij");
  }

  @Test
  void aHyphenatedWordBreaksAfterItsHyphen() {
    assertThat(TextWrap.wrap("see well-known names", 10, "")).containsExactly("see well-", "known", "names");
  }

  @Test
  void tabsAndNewlinesBecomeSpaces() {
    assertThat(TextWrap.wrap("a\tb\nc", 100, "")).containsExactly("a       b c");
  }

  @Test
  void blankTextGivesNoLines() {
    assertThat(TextWrap.wrap("   ", 10, "")).isEmpty();
  }
}
