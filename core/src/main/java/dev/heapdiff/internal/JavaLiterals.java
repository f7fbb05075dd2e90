package dev.heapdiff.internal;

/** Java string literals, for what heapdiff shows of a string and for the scripts it writes. */
public final class JavaLiterals {
  private JavaLiterals() {}

  /**
   * Returns {@code s} as a Java string literal; {@code asciiOnly} escapes every other character too,
   * so that a script reads the same in any default charset.
   */
  public static String quote(String s, boolean asciiOnly) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        // never as unicode escapes: javac decodes those before it reads the literal, into line breaks
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7F || (asciiOnly && c > 0x7F)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
