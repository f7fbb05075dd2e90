package dev.heapdiff.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which classes are heapdiff's own, hidden from what a snapshot shows, and which are the user's. */
class LiveObjectsTest {
  @Test
  void everyPackageOfTheLibraryIsItsOwnAlsoOnesAddedLater() {
    assertThat(LiveObjects.isLibraryClass("dev.heapdiff.Snapshot")).isTrue();
    assertThat(LiveObjects.isLibraryClass("dev.heapdiff.hprof.internal.MappedInput")).isTrue();
    // Missed when the matcher's package came (a QA pass found its class objects new after a diff).
    assertThat(LiveObjects.isLibraryClass("dev.heapdiff.internal.match.Matcher")).isTrue();
    assertThat(LiveObjects.isLibraryClass("dev.heapdiff.internal.match.Matcher$Sweeper")).isTrue();
    assertThat(LiveObjects.isLibraryClass("dev.heapdiff.some.future.Package")).isTrue();
  }

  @Test
  void theWorkloadsTheDemoAndOtherProgramsAreTheUsers() {
    assertThat(LiveObjects.isLibraryClass("dev.heapdiff.testdata.workload.Marker")).isFalse();
    assertThat(LiveObjects.isLibraryClass("dev.heapdiff.cli.demo.Order")).isFalse();
    assertThat(LiveObjects.isLibraryClass("dev.heapdiffer.Thing")).isFalse();
    assertThat(LiveObjects.isLibraryClass("com.example.dev.heapdiff.Thing")).isFalse();
    assertThat(LiveObjects.isLibraryClass("Main")).isFalse();
  }
}
