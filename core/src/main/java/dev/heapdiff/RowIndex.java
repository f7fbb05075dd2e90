package dev.heapdiff;

/**
 * The numbers the views take for their rows and paths: from 0, or from the end when negative
 * ({@code -1} is the last), as heapy's views are indexed. One place, so that every view accepts
 * the same numbers and says the same thing about the others.
 */
final class RowIndex {
  private RowIndex() {}

  /**
   * Returns the number from 0 of what {@code index} names among {@code size} of them.
   *
   * @param noun what is numbered, singular, for the message: {@code "row"}, {@code "path"}
   * @throws IndexOutOfBoundsException naming {@code index} and {@code size}, if there is no such one
   */
  static long resolve(long index, long size, String noun) {
    long resolved = index < 0 ? size + index : index;
    if (resolved >= 0 && resolved < size) {
      return resolved;
    }
    String range = switch ((int) Math.min(size, 2)) {
      case 0 -> "there are none";
      case 1 -> "the only one is 0, or -1 from the end";
      default -> "they are 0 to " + (size - 1) + ", or -" + size + " to -1 from the end";
    };
    throw new IndexOutOfBoundsException(noun + " " + index + " of " + size + " " + noun + (size == 1 ? "" : "s")
        + ": " + range);
  }
}
